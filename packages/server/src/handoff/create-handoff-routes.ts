import { OpenAPIHono } from '@hono/zod-openapi';
import type { Context } from 'hono';
import type { AppEnv } from '../http/app-env.js';
import type { GarService } from '../create-gar-service.js';
import type { Store } from '../store/types.js';
import { problemPageForBrowsers } from './browser-problem-page.js';
import { mountCasRoutes } from './cas-routes.js';
import { createHandoff } from './create-handoff.js';
import { requestIdOf, type HandoffRouteDeps } from './handoff-context.js';
import { registerHandoffOpenApi } from './handoff-openapi.js';
import { handoffProblem } from './handoff-problem.js';
import { mountLaunchRoutes } from './launch-routes.js';
import { launchStateKey } from './launch-state.js';
import { mountListingRoutes } from './listing-routes.js';
import type { SigningKeySource } from './signing-key-source.js';
import { mountWellKnownRoutes } from './well-known-routes.js';

/** Options of {@link createHandoffRoutes}. */
export interface HandoffRoutesOptions {
  /** The application service: issuer, clock, logger and the ENT credential checks. */
  service: Pick<GarService, 'issuer' | 'clock' | 'logger' | 'identity'>;
  /** The same store the service uses. */
  store: Store;
  /** The key manager's active keys and public key set. */
  keys: SigningKeySource;
  /** The IDO secret (`OPENGAR_PSEUDONYM_SECRET`). */
  pseudonymSecret: string | Uint8Array;
  /** The statistics-pseudonym secret, used for nothing else. */
  statisticsSecret: string | Uint8Array;
  /** Token lifetime in seconds (1–120, default 60). */
  tokenLifetimeS?: number;
  /** CAS ticket lifetime in seconds (≤ 10, default 10). */
  casTicketLifetimeS?: number;
  /** Largest launch form, in bytes (default 32 KiB). */
  maxFormBytes?: number;
  /** How long `/.well-known/*` may be cached, in seconds (default 300). */
  metadataMaxAgeS?: number;
  /** `urlSourceEtiquette` of the GAR-compatible listing (default `""`). */
  badgeUrl?: string;
  /**
   * The SHA-256 fingerprint of a client certificate the TLS listener verified, if any (GAR-compatible listing).
   * Default: the `x-opengar-client-cert-sha256` header, which the Node listener strips from clients and sets itself.
   */
  clientCertFingerprint?: (c: Context<AppEnv>) => string | undefined;
}

/** The methods of each hand-off route; any other method gets a 405 problem with `Allow`. */
const ALLOWED: readonly (readonly [string, string])[] = [
  ['/launch', 'GET, HEAD, POST'],
  ['/launch/callback', 'POST'],
  ['/cas/login', 'GET, HEAD, POST'],
  ['/cas/p3/serviceValidate', 'GET, HEAD'],
  ['/cas/serviceValidate', 'GET, HEAD'],
  ['/cas/proxyValidate', 'GET, HEAD'],
  ['/cas/p3/proxyValidate', 'GET, HEAD'],
  ['/cas/proxy', 'GET, HEAD'],
  ['/cas/logout', 'GET, HEAD'],
  ['/.well-known/jwks.json', 'GET, HEAD'],
  ['/.well-known/gar-configuration', 'GET, HEAD'],
];

/** The header the Node listener passes a verified client certificate's fingerprint in (`src/node/client-certificate.ts`). */
const LISTENER_CERT_HEADER = 'x-opengar-client-cert-sha256';

/**
 * The hand-off's HTTP routes as a Hono sub-app (with their OpenAPI description, which `route()` merges into the
 * parent's document), to mount at the root of the service's app:
 * `POST /launch`, `GET /launch` (GAR-style links), `POST /launch/callback`, `GET /ressources/{idENT}/{UAI}/{id}`
 * (GAR-compatible listing), `/cas/login`, `/cas/p3/serviceValidate`, `/.well-known/jwks.json` and
 * `/.well-known/gar-configuration`.
 *
 * @example
 * ```ts
 * const app = createHttpApp(service, { routes: [createHandoffRoutes({ service, store, keys, pseudonymSecret, statisticsSecret })] });
 * ```
 */
export function createHandoffRoutes(options: HandoffRoutesOptions): OpenAPIHono<AppEnv> {
  const handoff = createHandoff({
    store: options.store,
    clock: options.service.clock,
    issuer: options.service.issuer,
    pseudonymSecret: options.pseudonymSecret,
    statisticsSecret: options.statisticsSecret,
    keys: options.keys,
    logger: options.service.logger,
    ...(options.tokenLifetimeS === undefined ? {} : { tokenLifetimeS: options.tokenLifetimeS }),
    ...(options.casTicketLifetimeS === undefined ? {} : { casTicketLifetimeS: options.casTicketLifetimeS }),
  });
  const deps: HandoffRouteDeps = {
    service: options.service,
    store: options.store,
    stateKey: launchStateKey(options.pseudonymSecret),
    keys: options.keys,
    handoff,
    maxFormBytes: options.maxFormBytes ?? 32 * 1024,
    metadataMaxAgeS: options.metadataMaxAgeS ?? 300,
    ...(options.badgeUrl === undefined ? {} : { badgeUrl: options.badgeUrl }),
    clientCertFingerprint: options.clientCertFingerprint ?? ((c) => c.req.header(LISTENER_CERT_HEADER)),
  };
  const app = new OpenAPIHono<AppEnv>();
  for (const path of ['/launch', '/launch/callback', '/cas/login', '/cas/logout'])
    app.use(path, problemPageForBrowsers());
  registerHandoffOpenApi(app);
  mountLaunchRoutes(app, deps);
  mountCasRoutes(app, deps);
  mountWellKnownRoutes(app, deps);
  mountListingRoutes(app, deps);
  for (const [path, allow] of ALLOWED) {
    app.all(path, (c) =>
      handoffProblem({
        code: 'method-not-allowed',
        status: 405,
        detail: `use ${allow}`,
        requestId: requestIdOf(c),
        instance: c.req.path,
        headers: { allow },
      }),
    );
  }
  return app;
}
