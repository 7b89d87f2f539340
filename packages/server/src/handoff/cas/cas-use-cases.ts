import type { Resource } from '@opengar/core';
import { casServices } from '../create-handoff.js';
import { redeemCasTicket, type CasFailureCode, type CasTicketPayload } from '../single-use-tickets.js';
import type { ServiceContext } from '../../kernel/context.js';

/** A redeemed CAS service ticket: the IDO and the released attributes, or the CAS 3.0 failure code. */
export type CasRedemption = { ok: true; payload: CasTicketPayload } | { ok: false; code: CasFailureCode };

/** CAS 3.0 use cases: which resource a service URL belongs to, and the single-use redemption of a ticket. */
export function casUseCases(ctx: ServiceContext) {
  const { store, clock } = ctx;
  return {
    /**
     * The CAS resource that registered `service` exactly (its registered URLs, else its access URL), if any.
     * @example `const resource = await service.cas.casResourceForService('https://cas.resource.example/login/cas');`
     */
    async casResourceForService(service: string): Promise<Resource | undefined> {
      const resources = await store.listResources();
      return resources.find((r) => r.protocol === 'cas' && casServices(r).includes(service));
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
  };
}
