import type { Context } from 'hono';
import type { Actor } from '../../kernel/types.js';
import type { AppEnv } from '../app-env.js';

/** The authenticated caller; a route without an auth middleware calling this is a programming error. */
export function actorOf(c: Context<AppEnv>): Actor {
  const actor = c.get('actor');
  if (!actor) throw new TypeError('route reached without authentication');
  return actor;
}
