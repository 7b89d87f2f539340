import { z } from 'zod';
import { sha256Hex } from '../kernel/crypto.js';
import type { StoreOps } from '../store/types.js';

/** Longest life of a CAS service ticket, in seconds. */
export const MAX_CAS_TICKET_LIFETIME_S = 10;

const CAS_KIND = 'cas-service-ticket';

function randomPart(): string {
  let bin = '';
  for (const b of globalThis.crypto.getRandomValues(new Uint8Array(32))) bin += String.fromCharCode(b);
  return btoa(bin).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/** The store keeps a hash of the secret, never the secret: a leaked table cannot be redeemed. */
const ticketId = (kind: string, secret: string) => sha256Hex(`${kind}:${secret}`);

/** What a CAS service ticket stands for: the exact service URL, the resource, the IDO and the released attributes. */
export interface CasTicketPayload {
  service: string;
  resourceId: string;
  /** The IDO. */
  user: string;
  attributes: Record<string, string | string[]>;
}

const casPayloadSchema: z.ZodType<CasTicketPayload> = z.object({
  service: z.string(),
  resourceId: z.string(),
  user: z.string(),
  attributes: z.record(z.string(), z.union([z.string(), z.array(z.string())])),
});

/**
 * Issues a single-use CAS service ticket (`ST-…`), stored by hash so any instance on the same store can redeem it.
 *
 * @example
 * ```ts
 * const ticket = await issueCasTicket(store, payload, clock.now(), 10);
 * ```
 */
export async function issueCasTicket(
  store: Pick<StoreOps, 'putTicket'>,
  payload: CasTicketPayload,
  now: Date,
  lifetimeS = MAX_CAS_TICKET_LIFETIME_S,
): Promise<string> {
  if (!(lifetimeS > 0 && lifetimeS <= MAX_CAS_TICKET_LIFETIME_S))
    throw new TypeError(`a CAS ticket lives at most ${MAX_CAS_TICKET_LIFETIME_S} s`);
  const ticket = `ST-${randomPart()}`;
  await store.putTicket({
    id: await ticketId(CAS_KIND, ticket),
    kind: CAS_KIND,
    payload,
    expiresAt: new Date(now.getTime() + lifetimeS * 1000).toISOString(),
  });
  return ticket;
}

/** Why a ticket was not redeemed, as CAS 3.0 names it. */
export type CasFailureCode = 'INVALID_REQUEST' | 'INVALID_TICKET' | 'INVALID_SERVICE' | 'INTERNAL_ERROR';

/**
 * Redeems a CAS service ticket once: a second attempt, an expired ticket or an unknown one is `INVALID_TICKET`; a
 * ticket presented for another `service` than the one it was issued for is `INVALID_SERVICE` (and is spent anyway,
 * as CAS requires).
 *
 * @example
 * ```ts
 * const r = await redeemCasTicket(store, ticket, serviceUrl, clock.now());
 * if (r.ok) r.payload.user; // the IDO
 * ```
 */
export async function redeemCasTicket(
  store: Pick<StoreOps, 'consumeTicket'>,
  ticket: string,
  service: string,
  now: Date,
): Promise<{ ok: true; payload: CasTicketPayload } | { ok: false; code: CasFailureCode }> {
  if (!/^ST-[A-Za-z0-9_-]{20,200}$/.test(ticket)) return { ok: false, code: 'INVALID_TICKET' };
  const record = await store.consumeTicket(await ticketId(CAS_KIND, ticket), CAS_KIND, now.toISOString());
  const parsed = record && casPayloadSchema.safeParse(record.payload);
  if (!parsed?.success) return { ok: false, code: 'INVALID_TICKET' };
  if (parsed.data.service !== service) return { ok: false, code: 'INVALID_SERVICE' };
  return { ok: true, payload: parsed.data };
}
