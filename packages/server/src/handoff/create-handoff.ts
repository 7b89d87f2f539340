import {
  explainEntitlement,
  pairwisePseudonym,
  primaryProfileAt,
  pseudonymScope,
  releaseAttributes,
  statisticsPseudonym,
  type EntitlementRefusalReason,
  type Group,
  type Person,
  type ReleasedAttributes,
  type Resource,
} from '@opengar/core';
import { randomId } from '../kernel/crypto.js';
import type { Logger } from '../kernel/logger.js';
import type { Clock } from '../kernel/types.js';
import type { HandoffEvent, Store } from '../store/types.js';
import { signGarToken } from './sign-gar-token.js';
import type { SigningKeySource } from './signing-key-source.js';
import { MAX_CAS_TICKET_LIFETIME_S, issueCasTicket } from './single-use-tickets.js';

/**
 * Why a hand-off was refused: an entitlement reason of the core rules, or
 * `unknown_school` (no such school in the caller's ENT), `unknown_person` (not in the ENT's directory),
 * `invalid_service` (a CAS service URL the resource did not register).
 */
export type HandoffRefusalReason = EntitlementRefusalReason | 'unknown_school' | 'unknown_person' | 'invalid_service';

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
  /** For logs. */
  requestId?: string;
}

/** The outcome of a hand-off: a token to post, a CAS redirect, or a refusal with its reason. */
export type HandoffResult =
  | { ok: true; protocol: 'jwt'; resource: Resource; action: string; token: string }
  | { ok: true; protocol: 'cas'; resource: Resource; location: string }
  | { ok: false; reason: HandoffRefusalReason };

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

async function groupsOf(store: Store, uai: string, personId: string): Promise<Group[]> {
  const memberships = await store.listMemberships({ uai, personId });
  const groups = await Promise.all(memberships.map((m) => store.getGroup(uai, m.groupCode)));
  return groups.filter((g): g is Group => g !== undefined);
}

/**
 * The service side of one-click access. The right is re-checked at the instant of the click with
 * {@link explainEntitlement}; the resource receives exactly what it declared (plus `IDO`, its pairwise pseudonym);
 * copies used become "opened" (a non-transferable copy can no longer be withdrawn); every attempt by a known ENT
 * user is recorded as a hand-off event under a statistics-only pseudonym. Browser-safe.
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

  async function record(
    req: HandoffRequest,
    now: Date,
    person: Person | undefined,
    groups: readonly Group[],
    outcome: HandoffEvent['outcome'],
    protocol: HandoffEvent['protocol'],
    reason?: string,
  ): Promise<void> {
    const event: HandoffEvent = {
      id: randomId(),
      at: now.toISOString(),
      uai: req.uai,
      resourceId: req.resourceId,
      statsPseudonym: statisticsPseudonym(options.statisticsSecret, req.entId, req.personId),
      profile: (person && primaryProfileAt(person, req.uai)) ?? '',
      divisionCodes: groups.filter((g) => g.status === 'DIVISION').map((g) => g.code),
      outcome,
      protocol,
      ...(reason === undefined ? {} : { reason }),
    };
    await store.appendHandoffEvent(event);
    logger.info('handoff', {
      requestId: req.requestId,
      outcome,
      reason,
      protocol,
      uai: req.uai,
      resourceId: req.resourceId,
    });
  }

  async function refuse(
    req: HandoffRequest,
    now: Date,
    person: Person | undefined,
    groups: readonly Group[],
    reason: HandoffRefusalReason,
    protocol: HandoffEvent['protocol'] = 'jwt',
  ): Promise<HandoffResult> {
    await record(req, now, person, groups, 'refused', protocol, reason);
    return { ok: false, reason };
  }

  return {
    async handOff(req) {
      const now = clock.now();
      const [school, person, resource, subscriptions, copies, groups] = await Promise.all([
        store.getSchool(req.uai),
        store.getPerson(req.entId, req.personId),
        store.getResource(req.resourceId),
        store.listSubscriptions({ uai: req.uai, resourceId: req.resourceId }),
        store.listCopies({ uai: req.uai, personId: req.personId }),
        groupsOf(store, req.uai, req.personId),
      ]);
      if (!school || school.entId !== req.entId) {
        // Not recorded: the school is not the caller's, so the event would land in another tenant's statistics.
        logger.info('handoff', { requestId: req.requestId, outcome: 'refused', reason: 'unknown_school' });
        return { ok: false, reason: 'unknown_school' };
      }
      const protocol = resource?.protocol ?? 'jwt';
      if (!person) return refuse(req, now, undefined, [], 'unknown_person', protocol);
      const decision = explainEntitlement(
        { person, uai: req.uai, at: now, subscriptions, copies, resources: resource ? [resource] : [] },
        req.resourceId,
      );
      if (!decision.ok || !resource)
        return refuse(req, now, person, groups, decision.ok ? 'unknown_resource' : decision.reason, protocol);
      let service: string | undefined;
      if (resource.protocol === 'cas') {
        service = req.service ?? casServices(resource)[0]!;
        if (!casServices(resource).includes(service)) return refuse(req, now, person, groups, 'invalid_service', 'cas');
      }

      const ido = pairwisePseudonym({
        secret: options.pseudonymSecret,
        entId: req.entId,
        personId: req.personId,
        scope: pseudonymScope(resource),
      });
      const wantsMefs = resource.declaredAttributes.includes('P_MS4') || resource.declaredAttributes.includes('E_MS4');
      const mefs = wantsMefs ? await store.listMefs(req.uai) : [];
      const attributes: ReleasedAttributes = releaseAttributes({ person, uai: req.uai, resource, ido, groups, mefs });

      let result: HandoffResult;
      if (service !== undefined) {
        const ticket = await issueCasTicket(
          store,
          { service, resourceId: resource.id, user: ido, attributes: { ...attributes } },
          now,
          casLifetime,
        );
        const location = new URL(service);
        location.searchParams.set('ticket', ticket);
        result = { ok: true, protocol: 'cas', resource, location: location.href };
      } else {
        const key = await keys.signingKey(resource.signingAlg);
        const token = await signGarToken({
          issuer,
          resourceId: resource.id,
          attributes,
          key,
          now,
          ...(options.tokenLifetimeS === undefined ? {} : { lifetimeS: options.tokenLifetimeS }),
        });
        result = { ok: true, protocol: 'jwt', resource, action: resource.accessUrl, token };
      }

      const used = new Set(decision.entitlement.subscriptionIds);
      for (const copy of copies) {
        if (used.has(copy.subscriptionId) && copy.firstOpenedAt === undefined)
          await store.markCopyOpened(copy.subscriptionId, person.id, now.toISOString());
      }
      await record(req, now, person, groups, 'success', resource.protocol);
      return result;
    },
  };
}
