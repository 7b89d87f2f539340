import {
  TEXT_PROBLEM_MESSAGES,
  normalizeText,
  textProblem,
  type TextProblemCode,
  type ValidationIssue,
} from '@opengar/core';
import type { Context, MiddlewareHandler } from 'hono';
import { garErrorResponse } from '../gar/gar-error-body.js';
import { casFailureXml } from '../handoff/cas-response.js';
import { erreurResponse } from '../ws-abonnement/ws-response.js';
import type { AppEnv } from './app-env.js';
import { problemResponse } from './problem-response.js';

/** A refused part of the URL. */
interface UrlProblem {
  /** `/path/<index>` (0-based segment after the leading slash) or `/<query parameter name>`. */
  pointer: string;
  /** The query parameter's name, or `undefined` for a path segment. */
  param: string | undefined;
  segment: number;
  code: TextProblemCode | 'bad_encoding';
}

const escapePointerPart = (part: string) => part.replace(/~/g, '~0').replace(/\//g, '~1');

function decode(part: string): string | undefined {
  try {
    return decodeURIComponent(part);
  } catch {
    return undefined;
  }
}

/**
 * The first refused part of a URL: a path segment (an id, by the id rule: no control, no format character, no mixed
 * scripts) or a query parameter (name or value, by the free-text rule), or one that is not valid percent-encoding.
 */
function urlProblem(url: URL): UrlProblem | undefined {
  const segments = url.pathname.split('/').slice(1);
  for (const [i, raw] of segments.entries()) {
    const text = decode(raw);
    const code = text === undefined ? 'bad_encoding' : textProblem(text, 'id');
    if (code) return { pointer: `/path/${i}`, param: undefined, segment: i, code };
  }
  for (const [name, value] of url.searchParams) {
    const code = textProblem(name, 'free') ?? textProblem(value, 'free');
    if (code) return { pointer: `/${escapePointerPart(name)}`, param: name, segment: -1, code };
  }
  return undefined;
}

function message(code: UrlProblem['code']): string {
  return code === 'bad_encoding' ? 'not valid percent-encoded UTF-8' : TEXT_PROBLEM_MESSAGES[code];
}

// CAS validation, CAS 3.0 (`/cas/p3/…`) and CAS 2.0 (`/cas/serviceValidate`, `/cas/proxyValidate`): clients parse XML.
const CAS_VALIDATION = /^\/cas\/(?:p3\/|serviceValidate$|proxyValidate$)/;

/** The refusal, in the format of the route family the URL belongs to (GAR's own formats on GAR's routes). */
function refusal(c: Context<AppEnv>, url: URL, p: UrlProblem): Response {
  const path = url.pathname;
  const why = message(p.code);
  if (path === '/decompteaffectations' || path.startsWith('/ws/abonnement')) {
    const where = p.param !== undefined ? `?${p.param}` : p.segment === 2 ? '/abonnement/idAbonnement' : path;
    return erreurResponse(400, `${where}: ${why}`);
  }
  if (path.startsWith('/ressources/')) return garErrorResponse(400, `Requête invalide : ${why}`, path);
  if (CAS_VALIDATION.test(path)) {
    return new Response(casFailureXml('INVALID_REQUEST', why), {
      status: 400,
      headers: { 'content-type': 'application/xml; charset=utf-8', 'cache-control': 'no-store' },
    });
  }
  const errors: ValidationIssue[] = [
    { pointer: p.pointer, code: p.code === 'bad_encoding' ? 'invalid_format' : p.code, message: why },
  ];
  return problemResponse({
    code: 'validation',
    status: 400,
    detail: 'invalid text in the URL',
    errors,
    requestId: c.get('requestId'),
    instance: path,
  });
}

/**
 * Refuses, before any route runs, a URL whose path segments break the id rule or whose query holds a control
 * character: 400, as problem+json, or GAR's `<Erreur>` on the web service, GAR's `{"Erreur":…}` on the listing, CAS
 * XML on CAS validation. Routes can then hand path and query values to the store as they are.
 *
 * @example
 * ```ts
 * app.use('*', urlTextGuard());
 * ```
 */
export function urlTextGuard(): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const url = new URL(c.req.url);
    const problem = urlProblem(url);
    if (problem) return refusal(c, url, problem);
    await next();
  };
}

/**
 * The request with its path segments and query NFC-normalised (the same request when they are already), so that an
 * id spelled with a combining accent in a URL names the record stored under its composed spelling.
 *
 * @example
 * ```ts
 * const inner = app.fetch;
 * app.fetch = (request, env, ctx) => inner(nfcRequest(request), env, ctx);
 * ```
 */
export function nfcRequest(request: Request): Request {
  const url = new URL(request.url);
  let changed = false;
  const path = url.pathname
    .split('/')
    .map((raw) => {
      const text = decode(raw);
      if (text === undefined || text.normalize('NFC') === text) return raw;
      changed = true;
      return encodeURIComponent(normalizeText(text));
    })
    .join('/');
  const query = [...url.searchParams];
  const search = new URLSearchParams(query.map(([k, v]) => [normalizeText(k), normalizeText(v)]));
  if (query.some(([k, v]) => k.normalize('NFC') !== k || v.normalize('NFC') !== v)) {
    changed = true;
    url.search = search.toString();
  }
  if (!changed) return request;
  url.pathname = path;
  const init: RequestInit & { duplex?: 'half' } = {
    method: request.method,
    headers: request.headers,
    redirect: request.redirect,
    signal: request.signal,
  };
  if (request.body) {
    init.body = request.body;
    init.duplex = 'half';
  }
  return new Request(url, init);
}
