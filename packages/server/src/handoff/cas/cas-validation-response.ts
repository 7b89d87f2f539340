import { casFailureXml, casSuccessXml } from '../cas-response.js';
import type { CasFailureCode, CasTicketPayload } from '../single-use-tickets.js';

const XML_TYPE = 'application/xml; charset=utf-8';
const JSON_TYPE = 'application/json; charset=utf-8';
const CAS_NS = 'http://www.yale.edu/tp/cas';

/** The body format a CAS client asked for: CAS 3.0 `format=JSON`, else XML (the default, also for `format=XML`). */
export type CasFormat = 'XML' | 'JSON';

/**
 * Reads the `format` parameter of a validation request; anything but `JSON` (any case) is XML, as CAS 3.0 says.
 *
 * @example
 * ```ts
 * casFormat(c.req.query('format')); // 'JSON' for ?format=json
 * ```
 */
export function casFormat(format: string | undefined): CasFormat {
  return format?.toUpperCase() === 'JSON' ? 'JSON' : 'XML';
}

/** The outcome of a ticket validation, as the routes hand it to {@link casValidationResponse}. */
export type CasValidation =
  | { ok: true; payload: Pick<CasTicketPayload, 'user' | 'attributes'> }
  | { ok: false; code: CasFailureCode; description: string };

/**
 * The body of a CAS 3.0 JSON validation answer (`{ serviceResponse: { authenticationSuccess | authenticationFailure } }`),
 * as Apereo CAS writes it: attributes keep their shape (a string, or an array for a multi-valued one).
 *
 * @example
 * ```ts
 * casJsonBody({ ok: false, code: 'INVALID_TICKET', description: 'unknown ticket' });
 * ```
 */
export function casJsonBody(v: CasValidation): Record<string, unknown> {
  if (!v.ok) return { serviceResponse: { authenticationFailure: { code: v.code, description: v.description } } };
  const attributes = Object.fromEntries(
    Object.entries(v.payload.attributes).map(([k, a]) => [k, typeof a === 'string' ? a : [...a]]),
  );
  return { serviceResponse: { authenticationSuccess: { user: v.payload.user, attributes } } };
}

/**
 * The HTTP answer of `/cas/serviceValidate` and `/cas/p3/serviceValidate`: CAS XML or (with `format=JSON`) CAS 3.0 JSON,
 * status 200 for a success or a refusal, 500 for `INTERNAL_ERROR`, never cached.
 *
 * @example
 * ```ts
 * return casValidationResponse({ ok: true, payload }, casFormat(c.req.query('format')));
 * ```
 */
export function casValidationResponse(v: CasValidation, format: CasFormat): Response {
  const status = !v.ok && v.code === 'INTERNAL_ERROR' ? 500 : 200;
  const headers = { 'content-type': format === 'JSON' ? JSON_TYPE : XML_TYPE, 'cache-control': 'no-store' };
  const body =
    format === 'JSON'
      ? JSON.stringify(casJsonBody(v))
      : v.ok
        ? casSuccessXml(v.payload.user, v.payload.attributes)
        : casFailureXml(v.code, v.description);
  return new Response(body, { status, headers });
}

/**
 * The answer of `/cas/proxyValidate` (and `/cas/p3/proxyValidate`, `/cas/proxy`): this service issues no proxy
 * tickets, so every proxy request is refused with `INVALID_REQUEST`, in the format asked for. The ticket, if any, is
 * left alone: a client that falls back to `serviceValidate` can still redeem it.
 *
 * @example
 * ```ts
 * return casProxyRefusal(casFormat(c.req.query('format')), 'proxyValidate');
 * ```
 */
export function casProxyRefusal(format: CasFormat, endpoint: 'proxyValidate' | 'proxy'): Response {
  const description = 'proxy tickets are not supported by this CAS server; use serviceValidate';
  const headers = { 'content-type': format === 'JSON' ? JSON_TYPE : XML_TYPE, 'cache-control': 'no-store' };
  if (format === 'JSON') {
    const key = endpoint === 'proxy' ? 'proxyFailure' : 'authenticationFailure';
    return new Response(JSON.stringify({ serviceResponse: { [key]: { code: 'INVALID_REQUEST', description } } }), {
      status: 200,
      headers,
    });
  }
  if (endpoint === 'proxyValidate') return new Response(casFailureXml('INVALID_REQUEST', description), { headers });
  const xml = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<cas:serviceResponse xmlns:cas="${CAS_NS}">`,
    `  <cas:proxyFailure code="INVALID_REQUEST">${description}</cas:proxyFailure>`,
    '</cas:serviceResponse>',
    '',
  ].join('\n');
  return new Response(xml, { status: 200, headers });
}
