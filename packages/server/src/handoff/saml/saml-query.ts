/** Reading the SAML bindings' query strings, shared by the SSO and single logout routes. */

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
