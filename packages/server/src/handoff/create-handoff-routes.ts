import { OpenAPIHono } from '@hono/zod-openapi';
import type { Context } from 'hono';
import type { AppEnv } from '../http/app-env.js';
import { ServiceConfigError } from '../kernel/service-config-error.js';
import { problemPageForBrowsers } from './browser-problem-page.js';
import { mountCasRoutes } from './cas-routes.js';
import { requestIdOf, type HandoffRouteDeps, type HandoffRoutesService } from './handoff-context.js';
import { registerHandoffOpenApi } from './handoff-openapi.js';
import { handoffProblem } from './handoff-problem.js';
import { mountLaunchRoutes } from './launch-routes.js';
import { mountDiscoveryRoutes } from './discovery/discovery-routes.js';
import { mountListingRoutes } from './listing-routes.js';
import { mountWellKnownRoutes } from './well-known-routes.js';
import { registerOAuthOpenApi } from './native/oauth-openapi.js';
import { mountOAuthRoutes } from './native/oauth-routes.js';
import { mountSamlRoutes } from './saml/saml-routes.js';
import { registerSamlOpenApi } from './saml/saml-openapi.js';
import { registerLtiOpenApi } from './lti/lti-openapi.js';
import { mountLtiRoutes } from './lti/lti-routes.js';
import { mountLtiDeepLinkingRoutes } from './lti/lti-deep-linking-routes.js';
import { mountLtiToolRoutes } from './lti-tool/lti-tool-routes.js';
import { registerLtiToolOpenApi } from './lti-tool/lti-tool-openapi.js';

/** Options of {@link createHandoffRoutes}. */
export interface HandoffRoutesOptions {
  /**
   * The application service, made with the hand-off's secrets and signing keys (`pseudonymSecret`,
   * `statisticsSecret`, `signingKeys`): the routes only translate HTTP to its members and back.
   */
  service: HandoffRoutesService;
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
  ['/.well-known/openid-configuration', 'GET, HEAD'],
  ['/oauth/authorize', 'GET, HEAD'],
  ['/oauth/token', 'POST'],
  ['/oauth/userinfo', 'GET, HEAD'],
  ['/lti/authorize', 'GET, HEAD, POST'],
  ['/lti/configuration', 'GET, HEAD'],
  ['/lti/deep-linking/start', 'POST'],
  ['/lti/deep-linking/return', 'POST'],
  ['/lti/tool/login', 'GET, HEAD, POST'],
  ['/lti/tool/launch', 'POST'],
  ['/lti/tool/picker', 'POST'],
  ['/lti/tool/picker/ent', 'POST'],
  ['/lti/tool/picker/window', 'GET, HEAD'],
  ['/saml/metadata', 'GET, HEAD'],
  ['/saml/sso', 'GET, HEAD, POST'],
  ['/saml/slo', 'GET, HEAD'],
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
 * const service = createGarService({ store, issuer, pseudonymSecret, statisticsSecret, signingKeys: keyManager });
 * const app = createHttpApp(service, { routes: [createHandoffRoutes({ service })] });
 * ```
 * @throws `ServiceConfigError` `handoff-not-configured` for a service made without the hand-off's secrets and keys.
 */
export function createHandoffRoutes(options: HandoffRoutesOptions): OpenAPIHono<AppEnv> {
  if (!options.service.handoff.canHandOff()) {
    throw new ServiceConfigError(
      'handoff-not-configured',
      'the hand-off routes need a service made with pseudonymSecret, statisticsSecret and signingKeys',
    );
  }
  const deps: HandoffRouteDeps = {
    service: options.service,
    maxFormBytes: options.maxFormBytes ?? 32 * 1024,
    metadataMaxAgeS: options.metadataMaxAgeS ?? 300,
    ...(options.badgeUrl === undefined ? {} : { badgeUrl: options.badgeUrl }),
    clientCertFingerprint: options.clientCertFingerprint ?? ((c) => c.req.header(LISTENER_CERT_HEADER)),
  };
  const app = new OpenAPIHono<AppEnv>();
  for (const path of [
    '/launch',
    '/launch/callback',
    '/cas/login',
    '/cas/logout',
    '/oauth/authorize',
    '/lti/authorize',
    '/lti/deep-linking/start',
    '/lti/deep-linking/return',
    '/saml/sso',
  ])
    app.use(path, problemPageForBrowsers());
  app.use('/lti/tool/*', problemPageForBrowsers());
  registerHandoffOpenApi(app);
  registerOAuthOpenApi(app);
  registerSamlOpenApi(app);
  registerLtiOpenApi(app);
  registerLtiToolOpenApi(app);
  mountLaunchRoutes(app, deps);
  mountDiscoveryRoutes(app, deps);
  mountCasRoutes(app, deps);
  mountWellKnownRoutes(app, deps);
  mountListingRoutes(app, deps);
  mountOAuthRoutes(app, deps);
  mountSamlRoutes(app, deps);
  mountLtiRoutes(app, deps);
  mountLtiDeepLinkingRoutes(app, deps);
  mountLtiToolRoutes(app, deps);
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
