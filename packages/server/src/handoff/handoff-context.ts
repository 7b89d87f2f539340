import type { Context } from 'hono';
import type { AppEnv } from '../http/app-env.js';
import { problemForError } from '../http/problem-response.js';
import type { GarService } from '../create-gar-service.js';
import { randomId } from '../kernel/crypto.js';
import { handoffProblem } from './handoff-problem.js';

/** The members of the service the hand-off routes call: they translate HTTP, the service decides. */
export type HandoffRoutesService = Pick<
  GarService,
  'issuer' | 'clock' | 'logger' | 'identity' | 'handoff' | 'cas' | 'oauth' | 'discovery' | 'saml' | 'lti' | 'ltiTool'
> &
  Partial<Pick<GarService, 'legalLinks'>>;

/** What the hand-off routes share. */
export interface HandoffRouteDeps {
  service: HandoffRoutesService;
  maxFormBytes: number;
  metadataMaxAgeS: number;
  badgeUrl?: string;
  clientCertFingerprint?: (c: Context<AppEnv>) => string | undefined;
}

/** The request id the app's middleware set, or a fresh one when the routes run on their own. */
export function requestIdOf(c: Context<AppEnv>): string {
  const id: string | undefined = c.get('requestId');
  return id ?? randomId();
}

/** A problem for a thrown error: explained below 500, logged and answered generically otherwise. */
export function errorProblem(c: Context<AppEnv>, deps: HandoffRouteDeps, err: unknown): Response {
  const requestId = requestIdOf(c);
  const known = problemForError(err, requestId, c.req.path);
  if (known) {
    known.headers.set('referrer-policy', 'no-referrer');
    return known;
  }
  deps.service.logger.error('handoff.internal', {
    requestId,
    path: c.req.path,
    error: err instanceof Error ? err.name : 'unknown',
  });
  return handoffProblem({
    code: 'internal',
    status: 500,
    detail: 'something went wrong; quote the request id',
    requestId,
    instance: c.req.path,
  });
}

/** Headers of a redirect that must not be cached nor leak the page it came from. */
export function redirectHeaders(location: string): Record<string, string> {
  return { location, 'cache-control': 'no-store', 'referrer-policy': 'no-referrer' };
}
