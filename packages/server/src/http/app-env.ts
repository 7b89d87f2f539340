import type { Actor } from '../service/types.js';

/** Hono environment of the app: the request id and, once authenticated, the caller. */
export interface AppEnv {
  Variables: {
    requestId: string;
    actor: Actor | undefined;
  };
}
