import {
  checkGrain,
  explainEntitlement,
  matchesRedirectUri,
  pairwisePseudonym,
  primaryProfileAt,
  pseudonymScope,
  releaseAttributes,
  statisticsPseudonym,
  type Entitlement,
  type EntitlementRefusalReason,
  type GrainRefusal,
  type Group,
  type LicenceCopy,
  type NativeApp,
  type Person,
  type Resource,
} from '@opengar/core';
import { randomId } from '../kernel/crypto.js';
import type { Logger } from '../kernel/logger.js';
import type { Clock } from '../kernel/types.js';
import type { HandoffEvent, Store } from '../store/types.js';
import { groupsOf, releaseInputFor } from './release-input.js';
import { signGarToken } from './sign-gar-token.js';
import type { SigningKeySource } from './signing-key-source.js';
import { MAX_CAS_TICKET_LIFETIME_S, issueCasTicket } from './single-use-tickets.js';
import { authorizationRedirect, type AuthorizationBinding } from './native/authorization-binding.js';
import { issueAuthorizationCode } from './native/authorization-codes.js';
import { samlAcsUrl, samlHandoff, type SamlBinding } from './saml/issue-saml-response.js';
import type { SamlCrypto } from './saml/saml-crypto.js';
import { startLtiLaunch } from './lti/lti-launch.js';
import type { LtiLoginInitiation } from './lti/lti-login-hint.js';

/**
 * Why a hand-off was refused: an entitlement reason of the core rules, or
 * `unknown_school` (no such school in the caller's ENT), `unknown_person` (not in the ENT's directory),
 * `invalid_service` (a CAS service URL the resource did not register), `invalid_client` (a native app no longer
 * registered for the resource, or its redirect URI no longer registered), `invalid_grain` (a deep link outside the
 * origins the resource declared, or written with a trick: see `checkGrain`).
 */
export type HandoffRefusalReason =
  | EntitlementRefusalReason
  | 'unknown_school'
  | 'unknown_person'
  | 'invalid_service'
  | 'invalid_client'
  | 'invalid_grain';

/** What is asked: who, from which school, which resource. */
export interface HandoffRequest {
  /** `idENT` of a verified ENT user assertion. */
  entId: string;
  /** `GARPersonIdentifiant` of that assertion. */
  personId: string;
  uai: string;
  resourceId: string;
  /** CAS only: the service URL to issue the ticket for (default: the resource's first registered URL). */
  service?: string;
  /** A native app's authorization request: the answer is a single-use code at its redirect URI, not a token. */
  oauth?: AuthorizationBinding;
  /**
   * A deep link (path and query, or absolute URL) inside the resource's `grainOrigins`, unchecked: the hand-off checks
   * it before signing and passes it as the `GRAIN` claim (CAS: as the service URL).
   */
  grain?: string;
  /** SAML, SP-initiated: the AuthnRequest the response answers (its ID, the checked ACS URL, the SP's RelayState). */
  saml?: SamlBinding;
  /** LTI only: a Deep Linking request (a teacher picks a page in the tool) instead of a resource link. */
  ltiDeepLinking?: { returnUrl: string; data: string; context?: { id: string; label: string; title: string } };
  /** For logs. */
  requestId?: string;
}

/** The outcome of a hand-off: a token to post, a CAS redirect, or a refusal with its reason. */
export type HandoffResult =
  | { ok: true; protocol: 'jwt'; resource: Resource; action: string; token: string }
  | { ok: true; protocol: 'cas' | 'oauth'; resource: Resource; location: string }
  | {
      ok: true;
      protocol: 'saml';
      resource: Resource;
      /** The ACS URL the form posts to. */
      action: string;
      /** The signed `<Response>`, base64 (HTTP-POST binding). */
      samlResponse: string;
      relayState?: string;
    }
  | { ok: true; protocol: 'lti'; resource: Resource; action: string; fields: LtiLoginInitiation }
  | { ok: false; reason: HandoffRefusalReason; location?: string; grain?: GrainRefusal };

/** What {@link createHandoff} needs. */
export interface HandoffOptions {
  store: Store;
  clock: Clock;
  /** The service's issuer URL, no trailing slash. */
  issuer: string;
  /** The IDO secret (`OPENGAR_PSEUDONYM_SECRET`). */
  pseudonymSecret: string | Uint8Array;
  /** The statistics-pseudonym secret: used for nothing else. */
  statisticsSecret: string | Uint8Array;
  keys: SigningKeySource;
  logger: Logger;
  /** Token lifetime in seconds (1–120, default 60). */
  tokenLifetimeS?: number;
  /** CAS ticket lifetime in seconds (≤ 10, default 10). */
  casTicketLifetimeS?: number;
  /** The SAML identity provider's signatures and encryption (Node only); without it a SAML hand-off throws. */
  samlCrypto?: SamlCrypto;
}

/** The hand-off made by {@link createHandoff}. */
export interface Handoff {
  /** Re-checks the right now, releases the declared attributes, signs (or issues a CAS ticket), records the event. */
  handOff(request: HandoffRequest): Promise<HandoffResult>;
}

/**
 * URLs a CAS resource may receive tickets at: its registered URLs, else its access URL. A `service` must equal one
 * of them exactly.
 *
 * @example
 * ```ts
 * casServices(resource).includes('https://cas.resource.example/login/cas'); // true when registered
 * ```
 */
export function casServices(resource: Resource): string[] {
  return resource.registeredUrls.length > 0 ? resource.registeredUrls : [resource.accessUrl];
}

/**
 * Whether a CAS resource may receive a ticket at `service`: one of its registered URLs exactly, or a URL inside the
 * origins it declared for its deep links ({@link checkGrain}'s rules).
 *
 * @example
 * ```ts
 * isCasService(resource, 'https://cas.resource.example/chapitre/3'); // true when that origin is declared
 * ```
 */
export function isCasService(resource: Resource, service: string): boolean {
  return casServices(resource).includes(service) || checkGrain(service, resource.grainOrigins).ok;
}

/** Step 1's answer: what the store says at the instant of the click. */
interface HandoffFacts {
  now: Date;
  school: Awaited<ReturnType<Store['getSchool']>>;
  person: Person | undefined;
  resource: Resource | undefined;
  subscriptions: Awaited<ReturnType<Store['listSubscriptions']>>;
  copies: readonly LicenceCopy[];
  groups: readonly Group[];
  /** The native app of an authorization request. */
  app: NativeApp | undefined;
}

/** Step 2's answer: refused (recorded or not), or granted with the entitlement and the CAS service, if any. */
type HandoffDecision =
  | {
      ok: false;
      reason: HandoffRefusalReason;
      protocol: HandoffEvent['protocol'];
      recorded: boolean;
      grain?: GrainRefusal;
    }
  | {
      ok: true;
      person: Person;
      resource: Resource;
      entitlement: Entitlement;
      service?: string;
      grain?: string;
      acsUrl?: string;
    };

/** What one hand-off writes in its last step: the copies it opens and its event, together. */
export interface HandoffRecord {
  /** Copies used for the first time, to mark opened (`subscriptionId`, `personId`). */
  opened: readonly { subscriptionId: string; personId: string }[];
  event: HandoffEvent;
}

/** Step 1, load: the school, person, resource, subscriptions, copies and groups the decision reads. */
async function loadFacts(store: Store, req: HandoffRequest, now: Date): Promise<HandoffFacts> {
  const [school, person, resource, subscriptions, copies, groups, app] = await Promise.all([
    store.getSchool(req.uai),
    store.getPerson(req.entId, req.personId),
    store.getResource(req.resourceId),
    store.listSubscriptions({ uai: req.uai, resourceId: req.resourceId }),
    store.listCopies({ uai: req.uai, personId: req.personId }),
    groupsOf(store, req.uai, req.personId),
    req.oauth ? store.getNativeApp(req.oauth.clientId) : undefined,
  ]);
  return { now, school, person, resource, subscriptions, copies, groups, app };
}

/**
 * Step 2, decide: the right re-checked with {@link explainEntitlement}, then the CAS service URL. A school outside the
 * caller's ENT is refused without a record (the event would land in another tenant's statistics).
 */
function decide(req: HandoffRequest, facts: HandoffFacts): HandoffDecision {
  const { school, person, resource } = facts;
  if (!school || school.entId !== req.entId)
    return { ok: false, reason: 'unknown_school', protocol: 'jwt', recorded: false };
  const { app } = facts;
  const oauth = req.oauth;
  // The app may have been removed, or moved to another resource, during the ENT round trip.
  if (oauth && !(app && app.resourceId === req.resourceId && matchesRedirectUri(app.redirectUris, oauth.redirectUri)))
    return { ok: false, reason: 'invalid_client', protocol: 'oauth', recorded: false };
  const protocol = oauth ? 'oauth' : (resource?.protocol ?? 'jwt');
  if (!person) return { ok: false, reason: 'unknown_person', protocol, recorded: true };
  const decision = explainEntitlement(
    {
      person,
      uai: req.uai,
      at: facts.now,
      subscriptions: facts.subscriptions,
      copies: facts.copies,
      resources: resource ? [resource] : [],
    },
    req.resourceId,
  );
  if (!decision.ok || !resource) {
    const reason = decision.ok ? 'unknown_resource' : decision.reason;
    return { ok: false, reason, protocol, recorded: true };
  }
  let grain: string | undefined;
  if (req.grain !== undefined) {
    const checked = checkGrain(req.grain, resource.grainOrigins);
    if (!checked.ok) return { ok: false, reason: 'invalid_grain', grain: checked.reason, protocol, recorded: true };
    grain = checked.url;
  }
  const { entitlement } = decision;
  // An SP's request answered by anything but a SAML response (the resource changed protocol meanwhile): refused.
  if (req.saml && resource.protocol !== 'saml')
    return { ok: false, reason: 'invalid_service', protocol: resource.protocol, recorded: true };
  if (resource.protocol === 'saml' && !oauth) {
    // The SP's registration may have changed during the ENT round trip: its ACS URL is checked again now.
    const acsUrl = samlAcsUrl(resource.saml, req.saml);
    if (acsUrl === undefined) return { ok: false, reason: 'invalid_service', protocol: 'saml', recorded: true };
    return { ok: true, person, resource, entitlement, acsUrl, ...(grain ? { grain } : {}) };
  }
  if (resource.protocol !== 'cas' || oauth)
    return { ok: true, person, resource, entitlement, ...(grain ? { grain } : {}) };
  // CAS: the grain is the page the CAS client guards; a service is a registered URL or a URL inside the origins.
  const service = req.service ?? grain ?? casServices(resource)[0]!;
  if (!isCasService(resource, service))
    return { ok: false, reason: 'invalid_service', protocol: 'cas', recorded: true };
  return { ok: true, person, resource, entitlement, service };
}

/**
 * Step 4, record: marks the copies opened and appends the event in one transaction, so neither is ever written without
 * the other.
 *
 * @example
 * ```ts
 * await recordHandoff(store, { opened: [{ subscriptionId, personId }], event });
 * ```
 */
export async function recordHandoff(
  store: Pick<Store, 'transaction' | 'appendHandoffEvent'>,
  record: HandoffRecord,
): Promise<void> {
  // Nothing to open (a refusal, a copy opened before): one write, no transaction to pay for.
  if (record.opened.length === 0) return store.appendHandoffEvent(record.event);
  await store.transaction(async (tx) => {
    for (const copy of record.opened) await tx.markCopyOpened(copy.subscriptionId, copy.personId, record.event.at);
    await tx.appendHandoffEvent(record.event);
  });
}

/**
 * The service side of one-click access, in four steps: load what the store says, decide (the right is re-checked at
 * the instant of the click with {@link explainEntitlement}), issue (the resource receives exactly what it declared,
 * plus `IDO`, its pairwise pseudonym, signed or behind a CAS ticket), record (copies used become "opened", so a
 * non-transferable copy can no longer be withdrawn, together with a hand-off event under a statistics-only pseudonym
 * for every attempt by a known ENT user). Browser-safe.
 *
 * @example
 * ```ts
 * const handoff = createHandoff({ store, clock, issuer, pseudonymSecret, statisticsSecret, keys, logger });
 * const r = await handoff.handOff({ entId: user.entId, personId: user.personId, uai: '0561641E', resourceId: 'ark:/67890/dico' });
 * if (r.ok && r.protocol === 'jwt') launchPageHtml({ action: r.action, token: r.token, resourceName: r.resource.name, nonce: cspNonce() });
 * ```
 */
export function createHandoff(options: HandoffOptions): Handoff {
  const { store, clock, issuer, keys, logger } = options;
  const casLifetime = options.casTicketLifetimeS ?? MAX_CAS_TICKET_LIFETIME_S;
  if (!(casLifetime > 0 && casLifetime <= MAX_CAS_TICKET_LIFETIME_S))
    throw new TypeError('casTicketLifetimeS must be in (0, 10]');

  /** Step 3, issue: the released attributes, then a signed token or a single-use CAS ticket. */
  async function issue(req: HandoffRequest, facts: HandoffFacts, granted: Extract<HandoffDecision, { ok: true }>) {
    const { person, resource, service, grain } = granted;
    const ido = pairwisePseudonym({
      secret: options.pseudonymSecret,
      entId: req.entId,
      personId: req.personId,
      scope: pseudonymScope(resource),
    });
    const input = await releaseInputFor(store, { person, uai: req.uai, resource, ido, groups: facts.groups });
    const attributes = releaseAttributes(input);
    if (req.oauth) {
      const payload = { resourceId: resource.id, uai: req.uai, signingAlg: resource.signingAlg, attributes };
      const code = await issueAuthorizationCode(store, req.oauth, payload, facts.now);
      const location = authorizationRedirect(req.oauth, issuer, { code });
      return { ok: true, protocol: 'oauth', resource, location } as const;
    }
    if (granted.acsUrl !== undefined && resource.saml) {
      const saml = { resource: { ...resource, saml: resource.saml }, acsUrl: granted.acsUrl, attributes, grain };
      const lifetimeS = options.tokenLifetimeS ?? 60;
      return samlHandoff({ issuer, ...saml, now: facts.now, lifetimeS, crypto: options.samlCrypto, binding: req.saml });
    }
    if (resource.protocol === 'lti') {
      const dl = req.ltiDeepLinking;
      const more = {
        ...(grain === undefined ? {} : { grain }),
        ...(dl ? { deepLinking: { returnUrl: dl.returnUrl, data: dl.data } } : {}),
        ...(dl?.context ? { context: dl.context } : {}),
      };
      const input = { resource, person, uai: req.uai, attributes, ...more };
      const start = await startLtiLaunch(store, issuer, input, facts.now);
      return { ok: true, protocol: 'lti', resource, ...start } as const;
    }
    if (service !== undefined) {
      const payload = { service, resourceId: resource.id, user: ido, attributes: { ...attributes } };
      const ticket = await issueCasTicket(store, payload, facts.now, casLifetime);
      const location = new URL(service);
      location.searchParams.set('ticket', ticket);
      return { ok: true, protocol: 'cas', resource, location: location.href } as const;
    }
    const key = await keys.signingKey(resource.signingAlg);
    const token = await signGarToken({
      issuer,
      resourceId: resource.id,
      attributes,
      key,
      now: facts.now,
      ...(grain === undefined ? {} : { grain }),
      ...(options.tokenLifetimeS === undefined ? {} : { lifetimeS: options.tokenLifetimeS }),
    });
    return { ok: true, protocol: 'jwt', resource, action: resource.accessUrl, token } as const;
  }

  function event(
    req: HandoffRequest,
    facts: HandoffFacts,
    outcome: HandoffEvent['outcome'],
    protocol: HandoffEvent['protocol'],
    reason?: string,
  ): HandoffEvent {
    const { person, groups } = facts;
    return {
      id: randomId(),
      at: facts.now.toISOString(),
      uai: req.uai,
      resourceId: req.resourceId,
      statsPseudonym: statisticsPseudonym(options.statisticsSecret, req.entId, req.personId),
      profile: (person && primaryProfileAt(person, req.uai)) ?? '',
      divisionCodes: person ? groups.filter((g) => g.status === 'DIVISION').map((g) => g.code) : [],
      outcome,
      protocol,
      ...(reason === undefined ? {} : { reason }),
    };
  }

  function log(req: HandoffRequest, e: Pick<HandoffEvent, 'outcome' | 'protocol' | 'reason'>): void {
    const { outcome, reason, protocol } = e;
    logger.info('handoff', {
      requestId: req.requestId,
      outcome,
      reason,
      protocol,
      uai: req.uai,
      resourceId: req.resourceId,
    });
  }

  return {
    async handOff(req) {
      const facts = await loadFacts(store, req, clock.now());
      const decision = decide(req, facts);
      if (!decision.ok) {
        // A native app learns of a refusal at its redirect URI (RFC 6749 §4.1.2.1), unless the app itself is the cause.
        const deny =
          req.oauth && decision.reason !== 'invalid_client'
            ? {
                location: authorizationRedirect(req.oauth, issuer, {
                  error: 'access_denied',
                  description: decision.reason,
                }),
              }
            : {};
        if (!decision.recorded) {
          logger.info('handoff', { requestId: req.requestId, outcome: 'refused', reason: decision.reason });
          return { ok: false, reason: decision.reason, ...deny };
        }
        const refused = event(req, facts, 'refused', decision.protocol, decision.reason);
        await recordHandoff(store, { opened: [], event: refused });
        log(req, refused);
        return { ok: false, reason: decision.reason, ...deny, ...(decision.grain ? { grain: decision.grain } : {}) };
      }
      const result = await issue(req, facts, decision);
      const used = new Set(decision.entitlement.subscriptionIds);
      const opened = facts.copies
        .filter((c) => used.has(c.subscriptionId) && c.firstOpenedAt === undefined)
        .map((c) => ({ subscriptionId: c.subscriptionId, personId: decision.person.id }));
      const success = event(req, facts, 'success', req.oauth ? 'oauth' : decision.resource.protocol);
      await recordHandoff(store, { opened, event: success });
      log(req, success);
      return result;
    },
  };
}
