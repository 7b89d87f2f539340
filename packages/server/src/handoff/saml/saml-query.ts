/** Reading the SAML bindings' query strings, shared by the SSO and single logout routes. */
import { decodeBase64, inflateRequest } from './parse-authn-request.js';
import type { SamlRequestSignature } from './saml-crypto.js';

/** Longest `SAMLRequest` parameter read (base64 of a DEFLATEd request is far smaller). */
export const MAX_PARAMETER_LENGTH = 24 * 1024;
/** Longest RelayState accepted (SAML says 80 bytes; SPs often send more); a longer one is refused, never cut. */
export const MAX_RELAY_STATE = 1024;

/** The raw (still percent-encoded) values of the query, as the Redirect binding's signature covers them. */
export function rawQuery(url: string): Map<string, string[]> {
  const out = new Map<string, string[]>();
  const q = url.indexOf('?');
  if (q < 0) return out;
  for (const part of url.slice(q + 1).split('&')) {
    if (!part) continue;
    const i = part.indexOf('=');
    const k = i < 0 ? part : part.slice(0, i);
    out.set(k, [...(out.get(k) ?? []), i < 0 ? '' : part.slice(i + 1)]);
  }
  return out;
}

export const decodeParam = (raw: string) => {
  try {
    return decodeURIComponent(raw.replace(/\+/g, ' '));
  } catch {
    return undefined;
  }
};

/** A SAML message read from the HTTP-Redirect binding's query, or why it cannot be. */
export type RedirectMessage =
  | {
      ok: true;
      /** The inflated message. */
      xml: string;
      relayState?: string;
      /** The query signature to check, when `SigAlg` or `Signature` came. */
      signature?: SamlRequestSignature;
      /** Each parameter read, decoded (the binding's four and the `extra` ones). */
      decoded: Record<string, string | undefined>;
    }
  | { ok: false; reason: 'duplicate' | 'not_base64' | 'relay_state' };

const BINDING = ['SAMLRequest', 'RelayState', 'SigAlg', 'Signature'] as const;

/**
 * Reads a `SAMLRequest` sent by the HTTP-Redirect binding (AuthnRequest or LogoutRequest): every parameter at most once,
 * the request base64 of DEFLATE within {@link MAX_PARAMETER_LENGTH}, the RelayState within {@link MAX_RELAY_STATE},
 * and the signed octets exactly as sent (`SAMLRequest=…&RelayState=…&SigAlg=…`, still percent-encoded).
 *
 * @example
 * ```ts
 * const m = await readRedirectMessage(c.req.url, ['idp_hint']);
 * if (!m.ok) return refused(c, m.reason);
 * ```
 */
export async function readRedirectMessage(url: string, extra: readonly string[] = []): Promise<RedirectMessage> {
  const raw = rawQuery(url);
  const names = [...BINDING, ...extra];
  if (names.some((n) => (raw.get(n)?.length ?? 0) > 1)) return { ok: false, reason: 'duplicate' };
  const one = (n: string) => raw.get(n)?.[0];
  const request = one('SAMLRequest');
  if (request === undefined || request.length > MAX_PARAMETER_LENGTH) return { ok: false, reason: 'not_base64' };
  const decoded = Object.fromEntries(names.map((n) => [n, one(n) === undefined ? undefined : decodeParam(one(n)!)]));
  const bytes = decoded.SAMLRequest === undefined ? undefined : decodeBase64(decoded.SAMLRequest);
  const xml = bytes && (await inflateRequest(bytes));
  if (!xml) return { ok: false, reason: 'not_base64' };
  const relayState = decoded.RelayState;
  if ((relayState?.length ?? 0) > MAX_RELAY_STATE) return { ok: false, reason: 'relay_state' };
  const signed = one('Signature') !== undefined || one('SigAlg') !== undefined;
  const signedOctets = [
    `SAMLRequest=${request}`,
    ...(one('RelayState') === undefined ? [] : [`RelayState=${one('RelayState')}`]),
    `SigAlg=${one('SigAlg') ?? ''}`,
  ].join('&');
  return {
    ok: true,
    xml,
    decoded,
    ...(relayState === undefined ? {} : { relayState }),
    ...(signed
      ? {
          signature: {
            binding: 'redirect' as const,
            signedOctets,
            sigAlg: decoded.SigAlg ?? '',
            signature: decoded.Signature ?? '',
          },
        }
      : {}),
  };
}
