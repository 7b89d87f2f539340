import type { Resource } from '@opengar/core';
import { isCasService } from '../create-handoff.js';
import { redeemCasTicket, type CasFailureCode, type CasTicketPayload } from '../single-use-tickets.js';
import type { ServiceContext } from '../../kernel/context.js';
import { ServiceConfigError } from '../../kernel/service-config-error.js';
import { launchStateKey } from '../launch-state.js';
import { casSessionKey, openCasSession, sealCasSession, type CasSession } from './cas-session.js';

/** A redeemed CAS service ticket: the IDO and the released attributes, or the CAS 3.0 failure code. */
export type CasRedemption = { ok: true; payload: CasTicketPayload } | { ok: false; code: CasFailureCode };

/**
 * CAS use cases: which resource a service URL belongs to, the single-use redemption of a ticket, the ENTs a person may
 * sign in through, and the browser's sealed CAS session (its key derived from `pseudonymSecret`).
 */
export function casUseCases(ctx: ServiceContext, options: { pseudonymSecret?: string | Uint8Array }) {
  const { store, clock } = ctx;
  let key: Promise<Uint8Array> | undefined;
  const sessionKey = (): Promise<Uint8Array> => {
    const secret = options.pseudonymSecret;
    if (secret === undefined)
      throw new ServiceConfigError('handoff-not-configured', 'this service was made without pseudonymSecret');
    key ??= launchStateKey(secret).then(casSessionKey);
    return key;
  };
  return {
    /**
     * The CAS resource that registered `service` exactly (its registered URLs, else its access URL), else the one
     * whose deep-link origins hold it (`checkGrain`'s rules), if any.
     * @example `const resource = await service.cas.casResourceForService('https://cas.resource.example/login/cas');`
     */
    async casResourceForService(service: string): Promise<Resource | undefined> {
      const resources = await store.listResources();
      const cas = resources.filter((r) => r.protocol === 'cas');
      return (
        cas.find((r) => (r.registeredUrls.length > 0 ? r.registeredUrls : [r.accessUrl]).includes(service)) ??
        cas.find((r) => isCasService(r, service))
      );
    },
    /**
     * Redeems a CAS service ticket once, for the service URL it was issued for (`INVALID_TICKET` when unknown, expired
     * or spent; `INVALID_SERVICE`, spent anyway, for another URL).
     *
     * @example
     * ```ts
     * const r = await service.cas.redeemCasTicket(ticket, serviceUrl);
     * if (r.ok) r.payload.user; // the IDO
     * ```
     */
    redeemCasTicket: (ticket: string, service: string): Promise<CasRedemption> =>
      redeemCasTicket(store, ticket, service, clock.now()),
    /**
     * The ENTs a person may sign in through at `/cas/login` (those with an assertion endpoint), by name.
     * @example `const ents = await service.cas.loginEnts(); // [{ id: 'ENTA', name: 'ENT A' }]`
     */
    async loginEnts(): Promise<{ id: string; name: string }[]> {
      return (await store.listEnts())
        .filter((e) => e.assertionEndpoint)
        .map((e) => ({ id: e.id, name: e.name }))
        .sort((a, b) => a.name.localeCompare(b.name, 'fr'));
    },
    /**
     * Opens the browser's sealed CAS session cookie: `undefined` when absent, forged or expired.
     * @example `const session = await service.cas.openSession(getCookie(c, CAS_SESSION_COOKIE));`
     * @throws `ServiceConfigError` `handoff-not-configured` (no `pseudonymSecret`).
     */
    openSession: async (cookie: string | undefined): Promise<CasSession | undefined> =>
      openCasSession(await sessionKey(), cookie, clock.now()),
    /**
     * Seals a CAS session into a cookie value.
     * @example `const value = await service.cas.sealSession({ entId: 'ENTA', services: [] });`
     * @throws `ServiceConfigError` `handoff-not-configured` (no `pseudonymSecret`).
     */
    sealSession: async (session: CasSession): Promise<string> =>
      sealCasSession(await sessionKey(), session, clock.now()),
  };
}
