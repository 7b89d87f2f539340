import { isGarTokenError } from '../errors/gar-token-error.js';
import type { GarClaims } from '../types/gar-claims.js';
import type { GarVerifier } from '../types/verifier-options.js';
import { defaultMaxBodyBytes, launchField, pickToken, readLimited, tokenFromBody } from './read-launch-form.js';
import type { LaunchOptions } from './verify-launch.js';

/**
 * The parts of a node:http `IncomingMessage` (or Express `Request`) the middleware uses. After a successful
 * verification it carries `garClaims`.
 *
 * @example
 * ```ts
 * app.post('/launch', garLaunchMiddleware(verifier), (req, res) => {
 *   const claims = (req as GarLaunchRequest).garClaims;
 * });
 * ```
 */
export interface GarLaunchRequest extends AsyncIterable<Uint8Array | string> {
  readonly method?: string | undefined;
  readonly headers: Readonly<Record<string, string | string[] | undefined>>;
  /** Set by a body parser (Express `urlencoded()`), if one ran before. */
  body?: unknown;
  /** The verified claims, set by the middleware. */
  garClaims?: GarClaims;
}

/**
 * The parts of a node:http `ServerResponse` the middleware uses.
 *
 * @example
 * ```ts
 * const res: GarLaunchResponse = serverResponse;
 * ```
 */
export interface GarLaunchResponse {
  statusCode: number;
  setHeader(name: string, value: string): unknown;
  end(body?: string): unknown;
}

/**
 * A node:http / Express / Connect middleware for the hand-off: reads the urlencoded (or multipart) body of the
 * `POST`, verifies `gar_token`, sets `req.garClaims` and calls `next()`. A refused token is answered `401` with a
 * problem+json body whose `code` is the {@link GarTokenError} code; any other failure goes to `next(error)`
 * (or a generic `500` when there is no `next`). Reuses `req.body` when a body parser already ran.
 *
 * @example
 * ```ts
 * import express from 'express';
 * import { createVerifier, garLaunchMiddleware, type GarLaunchRequest } from '@opengar/verifier';
 *
 * const app = express();
 * app.post('/launch', garLaunchMiddleware(verifier), (req, res) => {
 *   const { IDO, PRO } = (req as GarLaunchRequest).garClaims!;
 *   res.redirect(303, `/app?session=${openSession(IDO, PRO)}`);
 * });
 * ```
 */
export function garLaunchMiddleware(
  verifier: GarVerifier,
  options: LaunchOptions = {},
): (req: GarLaunchRequest, res: GarLaunchResponse, next?: (error?: unknown) => void) => Promise<void> {
  const maxBytes = options.maxBodyBytes ?? defaultMaxBodyBytes;
  return async (req, res, next) => {
    try {
      const token = await readToken(req, maxBytes);
      req.garClaims = await verifier.verify(token);
    } catch (error) {
      if (isGarTokenError(error)) {
        answer(res, 401, { title: 'The GAR token was refused', status: 401, code: error.code, detail: error.message });
      } else if (next) next(error);
      else answer(res, 500, { title: 'Internal error', status: 500 });
      return;
    }
    next?.();
  };
}

async function readToken(req: GarLaunchRequest, maxBytes: number): Promise<string> {
  if (typeof req.body === 'object' && req.body !== null && !(req.body instanceof Uint8Array)) {
    const value = (req.body as Record<string, unknown>)[launchField];
    return pickToken(value === undefined ? [] : Array.isArray(value) ? value : [value]);
  }
  const header = req.headers['content-type'];
  const body = await readLimited(req, maxBytes);
  return tokenFromBody(body, Array.isArray(header) ? header[0] : header);
}

function answer(res: GarLaunchResponse, status: number, problem: Record<string, unknown>): void {
  res.statusCode = status;
  res.setHeader('content-type', 'application/problem+json');
  res.setHeader('cache-control', 'no-store');
  res.end(
    JSON.stringify({
      type: status === 401 ? 'https://opengar.dev/problems/unauthenticated' : 'https://opengar.dev/problems/internal',
      ...problem,
    }),
  );
}
