import { GarTokenError } from '../errors/gar-token-error.js';
import type { GarClaims } from '../types/gar-claims.js';
import type { GarVerifier } from '../types/verifier-options.js';
import { defaultMaxBodyBytes, readLimited, streamChunks, tokenFromBody } from './read-launch-form.js';

/**
 * Options of {@link verifyLaunch} and {@link garLaunchMiddleware}.
 *
 * @example
 * ```ts
 * const options: LaunchOptions = { maxBodyBytes: 32_768 };
 * ```
 */
export interface LaunchOptions {
  /** Largest hand-off body read, in bytes. Default 16 384. */
  readonly maxBodyBytes?: number;
}

/**
 * Verifies the hand-off posted to your access URL: reads the `gar_token` field of a form `POST` from a fetch-style
 * `Request` (Hono, Next.js route handlers, workers, Deno, Bun) and verifies it. No cookie is involved, so it works in
 * iframes. Rejects with a {@link GarTokenError} (`malformed` when there is no token).
 *
 * @example
 * ```ts
 * // Next.js app/launch/route.ts
 * export async function POST(request: Request) {
 *   try {
 *     const claims = await verifyLaunch(request, verifier);
 *     return Response.redirect(new URL(`/app?session=${await openSession(claims)}`, request.url), 303);
 *   } catch (e) {
 *     if (isGarTokenError(e)) return Response.json({ code: e.code }, { status: 401 });
 *     throw e;
 *   }
 * }
 * ```
 */
export async function verifyLaunch(
  request: Request,
  verifier: GarVerifier,
  options: LaunchOptions = {},
): Promise<GarClaims> {
  if (request.method !== 'POST') throw new GarTokenError('malformed', 'the hand-off must be a POST');
  const maxBytes = options.maxBodyBytes ?? defaultMaxBodyBytes;
  const declared = Number(request.headers.get('content-length'));
  if (Number.isFinite(declared) && declared > maxBytes) {
    throw new GarTokenError('malformed', 'the hand-off body is too large');
  }
  const body = request.body ? await readLimited(streamChunks(request.body), maxBytes) : new Uint8Array(0);
  const token = await tokenFromBody(body, request.headers.get('content-type') ?? undefined);
  return verifier.verify(token);
}
