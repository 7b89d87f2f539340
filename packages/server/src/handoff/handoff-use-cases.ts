import { checkGrain, resolveEntitlements, schoolsOf, type GrainRefusal, type Resource } from '@opengar/core';
import type { ServiceContext } from '../kernel/context.js';
import { MIN_SECRET_BYTES, ServiceConfigError, secretBytes } from '../kernel/service-config-error.js';
import type { EntClient } from '../kernel/types.js';
import { createHandoff, type Handoff, type HandoffRequest, type HandoffResult } from './create-handoff.js';
import { isForeignLaunchOrigin } from './launch-origin.js';
import {
  consumeLaunchState,
  issueLaunchState,
  launchStateKey,
  readLaunchState,
  type LaunchStatePayload,
  type ReadLaunchState,
} from './launch-state.js';
import type { PublicJwks, SigningKeySource } from './signing-key-source.js';
import type { SamlCrypto } from './saml/saml-crypto.js';

/** What the hand-off needs of `createGarService`'s options: its secrets, its signing keys and its lifetimes. */
export interface HandoffServiceOptions {
  /**
   * The IDO secret (`OPENGAR_PSEUDONYM_SECRET`), at least {@link MIN_SECRET_BYTES} bytes, never stored in the
   * database; it also keys launch states. Needed only for the hand-off.
   */
  pseudonymSecret?: string | Uint8Array;
  /** The statistics-pseudonym secret, used for nothing else. Needed only for the hand-off. */
  statisticsSecret?: string | Uint8Array;
  /** The key manager's active keys and public key set. Needed only for the hand-off and `/.well-known/jwks.json`. */
  signingKeys?: SigningKeySource;
  /** Token lifetime in seconds (1–120, default 60). */
  tokenLifetimeS?: number;
  /** CAS ticket lifetime in seconds (≤ 10, default 10). */
  casTicketLifetimeS?: number;
  /** The SAML identity provider's cryptography (`createSamlCrypto` of `@opengar/server/node`). Needed only for SAML. */
  samlCrypto?: SamlCrypto;
}

/** Where `startLaunch` sends the browser, or why it cannot. */
export type LaunchStart =
  | { ok: true; location: string }
  | { ok: false; reason: 'unknown_ent' | 'unknown_school' | 'unknown_resource' | 'no_assertion_endpoint' }
  | { ok: false; reason: 'invalid_grain'; grain: GrainRefusal };

/** A launch's `Origin` and `Sec-Fetch-Site` headers, as received (either may be absent). */
export interface LaunchHeaders {
  origin?: string | undefined;
  secFetchSite?: string | undefined;
}

/** What the GAR-compatible listing asks: the path's ENT, school and person. */
export interface GarListingQuery {
  entId: string;
  uai: string;
  personId: string;
}

/** The resources the person may open now, or why the listing is refused (GAR's error bodies say which). */
export type GarListingResult =
  | { ok: true; resources: Resource[] }
  | { ok: false; reason: 'foreign_ent' | 'unknown_school' | 'unknown_person' | 'not_at_school' };

/** Checks the hand-off options; a secret under {@link MIN_SECRET_BYTES} bytes is a {@link ServiceConfigError}. */
export function checkHandoffOptions(options: HandoffServiceOptions): void {
  if (options.pseudonymSecret !== undefined && secretBytes(options.pseudonymSecret) < MIN_SECRET_BYTES)
    throw new ServiceConfigError('secret-too-short', `pseudonymSecret must be at least ${MIN_SECRET_BYTES} bytes`);
}

/**
 * The hand-off's use cases, for the routes to translate to HTTP: the hand-off itself, launch states of GAR-style
 * links, the origin check of a posted launch, the public keys, and the GAR-compatible listing. The members needing a
 * secret or the keys throw a {@link ServiceConfigError} `handoff-not-configured` when the service was made without.
 */
export function handoffUseCases(ctx: ServiceContext, options: HandoffServiceOptions) {
  checkHandoffOptions(options);
  const { store, clock, issuer } = ctx;
  const callbackUrl = `${issuer}/launch/callback`;
  const missing = (name: string) =>
    new ServiceConfigError('handoff-not-configured', `this service was made without ${name}`);
  let stateKey: Promise<Uint8Array> | undefined;
  const launchKey = () => {
    if (options.pseudonymSecret === undefined) throw missing('pseudonymSecret');
    stateKey ??= launchStateKey(options.pseudonymSecret);
    return stateKey;
  };
  const keys = (): SigningKeySource => {
    if (options.signingKeys === undefined) throw missing('signingKeys');
    return options.signingKeys;
  };
  let handoff: Handoff | undefined;
  const engine = (): Handoff => {
    if (handoff) return handoff;
    const { pseudonymSecret, statisticsSecret } = options;
    if (pseudonymSecret === undefined) throw missing('pseudonymSecret');
    if (statisticsSecret === undefined) throw missing('statisticsSecret');
    handoff = createHandoff({
      store,
      clock,
      issuer,
      pseudonymSecret,
      statisticsSecret,
      keys: keys(),
      logger: ctx.logger,
      ...(options.tokenLifetimeS === undefined ? {} : { tokenLifetimeS: options.tokenLifetimeS }),
      ...(options.casTicketLifetimeS === undefined ? {} : { casTicketLifetimeS: options.casTicketLifetimeS }),
      ...(options.samlCrypto === undefined ? {} : { samlCrypto: options.samlCrypto }),
    });
    return handoff;
  };
  // A bad lifetime is the embedder's mistake: say it when the service is made, not at the first click.
  if (options.pseudonymSecret !== undefined && options.statisticsSecret !== undefined && options.signingKeys) engine();

  return {
    /**
     * Whether this service can hand off: it was made with `pseudonymSecret`, `statisticsSecret` and `signingKeys`.
     * @example `if (!service.handoff.canHandOff()) throw new Error('mount the hand-off routes on a configured service');`
     */
    canHandOff: (): boolean =>
      options.pseudonymSecret !== undefined &&
      options.statisticsSecret !== undefined &&
      options.signingKeys !== undefined,
    /**
     * Hands a verified ENT user off to a resource: load → decide (the right re-checked now) → issue (token or CAS
     * ticket) → record (copies opened and the event, in one transaction). Refusals are results, not errors.
     *
     * @example
     * ```ts
     * const r = await service.handoff.handOff({ entId: user.entId, personId: user.personId, uai, resourceId });
     * if (!r.ok) r.reason; // 'no_copy', 'outside_validity'…
     * ```
     * @throws {@link ServiceConfigError} `handoff-not-configured`.
     */
    handOff: async (request: HandoffRequest): Promise<HandoffResult> => engine().handOff(request),
    /**
     * Starts a launch at the service (a GAR-style link, a CAS login): checks the ENT, school and resource, and answers
     * where to send the browser: the ENT's assertion endpoint, with a signed single-use state bound to what was asked.
     * Writes nothing.
     *
     * @example
     * ```ts
     * const start = await service.handoff.startLaunch({ entId: 'ENTTEST1', uai: '0561641E', resourceId });
     * if (start.ok) redirect(start.location);
     * ```
     * @throws {@link ServiceConfigError} `handoff-not-configured` (no `pseudonymSecret`).
     */
    async startLaunch(bound: LaunchStatePayload): Promise<LaunchStart> {
      const [ent, school, resource] = await Promise.all([
        store.getEnt(bound.entId),
        bound.uai === undefined ? undefined : store.getSchool(bound.uai),
        store.getResource(bound.resourceId),
      ]);
      if (!ent) return { ok: false, reason: 'unknown_ent' };
      // A CAS login started by a stock client names no school: the ENT's assertion will.
      if (bound.uai !== undefined && (!school || school.entId !== ent.id))
        return { ok: false, reason: 'unknown_school' };
      if (!resource) return { ok: false, reason: 'unknown_resource' };
      let payload = bound;
      // A deep link is checked before anything is signed, and the state carries it in its absolute form.
      if (bound.grain !== undefined) {
        const grain = checkGrain(bound.grain, resource.grainOrigins);
        if (!grain.ok) return { ok: false, reason: 'invalid_grain', grain: grain.reason };
        payload = { ...bound, grain: grain.url };
      }
      if (!ent.assertionEndpoint) return { ok: false, reason: 'no_assertion_endpoint' };
      const state = await issueLaunchState(await launchKey(), payload, clock.now(), callbackUrl);
      const target = new URL(ent.assertionEndpoint);
      target.searchParams.set('return_to', callbackUrl);
      target.searchParams.set('state', state);
      return { ok: true, location: target.href };
    },
    /**
     * Verifies a launch state of a callback (signature, callback URL, lifetime) without spending it: `undefined` when
     * it is malformed, forged or expired. A flood of forged callbacks writes nothing.
     * @example `const read = await service.handoff.readLaunchState(form.state);`
     * @throws {@link ServiceConfigError} `handoff-not-configured` (no `pseudonymSecret`).
     */
    readLaunchState: async (state: string): Promise<ReadLaunchState | undefined> =>
      readLaunchState(await launchKey(), state, clock.now(), callbackUrl),
    /**
     * Spends a verified launch state once: `false` on a replay. Call it only with a valid ENT assertion in hand.
     * @example `if (!(await service.handoff.spendLaunchState(read))) refuse('state_reused');`
     */
    spendLaunchState: (read: ReadLaunchState): Promise<boolean> => consumeLaunchState(store, read, clock.now()),
    /**
     * Whether a launch of `entId`'s user was posted from a site its ENT did not register (or the ENT is gone): such a
     * launch must be refused before anything is spent.
     * @example `if (await service.handoff.isForeignLaunch(user.entId, { origin, secFetchSite })) refuse();`
     */
    async isForeignLaunch(entId: string, headers: LaunchHeaders): Promise<boolean> {
      const ent = await store.getEnt(entId);
      return !ent || isForeignLaunchOrigin(headers, new URL(issuer).origin, ent);
    },
    /**
     * The public signing keys to publish (`/.well-known/jwks.json`): active, next, and recently retired.
     * @example `const { keys } = await service.handoff.jwks();`
     * @throws {@link ServiceConfigError} `handoff-not-configured` (no `signingKeys`).
     */
    jwks: async (): Promise<PublicJwks> => keys().jwks(),
    /**
     * The GAR-compatible listing for an authenticated ENT back end: the resources the person may open now at the
     * school, or why not (another ENT's path, a school or person the ENT does not have, a person not at that school).
     *
     * @example
     * ```ts
     * const r = await service.handoff.listGarResources(client, { entId: 'ENTTEST1', uai: '0561641E', personId: 'eleve-1' });
     * if (r.ok) toGarListing(r.resources, { issuer, entId, uai });
     * ```
     */
    async listGarResources(client: EntClient, query: GarListingQuery): Promise<GarListingResult> {
      const { entId, uai, personId } = query;
      if (entId !== client.entId) return { ok: false, reason: 'foreign_ent' };
      const school = await store.getSchool(uai);
      if (!school || school.entId !== entId) return { ok: false, reason: 'unknown_school' };
      const person = await store.getPerson(entId, personId);
      if (!person) return { ok: false, reason: 'unknown_person' };
      if (!schoolsOf(person).includes(uai)) return { ok: false, reason: 'not_at_school' };
      const [subscriptions, copies] = await Promise.all([
        store.listSubscriptions({ uai }),
        store.listCopies({ uai, personId }),
      ]);
      const ids = [...new Set(subscriptions.map((s) => s.resourceId))];
      const resources = ids.length === 0 ? [] : await store.listResources({ ids });
      const entitled = resolveEntitlements({ person, uai, at: clock.now(), subscriptions, copies, resources });
      return { ok: true, resources: entitled.map((e) => e.resource) };
    },
  };
}
