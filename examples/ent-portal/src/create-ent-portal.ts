import { Hono, type Context } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { garAssertionPageHtml } from './gar-assertion-page.js';
import { renderPage, type PortalUser } from './render-page.js';
import { renderSupportPage } from './render-support-page.js';
import { createAssertionSigner, type EntSigningKey } from './sign-ent-assertion.js';

/**
 * Options of {@link createEntPortal}.
 *
 * @example
 * ```ts
 * createEntPortal({ entId: 'ENT-DEMO', issuer: 'http://127.0.0.1:4000', key, users });
 * ```
 */
export interface EntPortalOptions {
  /** The ENT's id (`idENT`), the assertions' `iss`. */
  entId: string;
  /** The service's issuer URL, the assertions' `aud`. */
  issuer: string;
  /** Where browsers reach the service (default: `issuer`). */
  serviceUrl?: string;
  /** The ENT's private ES256 key, whose public half the service has registered. */
  key: EntSigningKey;
  /** Who can sign in. */
  users: readonly PortalUser[];
  /**
   * The elements' script served at `/assets/opengar-elements.min.js` (default: `define-all` bundled from source with
   * esbuild, what `@opengar/elements/bundle` ships).
   */
  widgetScript?: () => Promise<string>;
  /** Builds the elements' script at once rather than on its first request (the demo: a first page with no wait). */
  prebuildWidget?: boolean;
  /** Lifetime of an assertion in seconds (default 120, at most 300). */
  assertionLifetime?: number;
  /** The clock. */
  now?: () => Date;
  /** Page language (default `fr`). */
  lang?: 'fr' | 'en';
  /**
   * The support page the widgets' error states link to (« Signaler un problème », their `support-url`). With
   * `'/assistance'`, the portal serves a page that shows the reference a pupil or a head reads out to the support.
   */
  supportUrl?: string;
}

const COOKIE = 'ent_user';

async function bundleWidget(): Promise<string> {
  const { build } = await import('esbuild');
  const entry = new URL('../../../packages/elements/src/define-all.ts', import.meta.url);
  const out = await build({
    entryPoints: [decodeURIComponent(entry.pathname)],
    bundle: true,
    minify: true,
    format: 'esm',
    target: 'es2022',
    write: false,
    conditions: ['opengar-source', 'browser', 'import', 'default'],
    define: { 'process.env.NODE_ENV': '"production"' },
    tsconfigRaw: { compilerOptions: { experimentalDecorators: true, useDefineForClassFields: false } },
    logLevel: 'silent',
  });
  return out.outputFiles[0]?.text ?? '';
}

/**
 * The pretend ENT as a Hono app: `GET /` (the portal page with a login switcher and `<gar-mediacentre>`), `GET /console`
 * (`<gar-allocation-panel>` for the head or a delegate),
 * `POST /login`, `POST /ent/assertion` (a fresh signed assertion for the signed-in user; needs the header
 * `x-ent-request: 1`, which a cross-site page cannot send without CORS) and the widget script.
 *
 * @example
 * ```ts
 * const app = await createEntPortal(options);
 * const res = await app.request('/');
 * ```
 */
export async function createEntPortal(options: EntPortalOptions): Promise<Hono> {
  const sign = await createAssertionSigner({
    entId: options.entId,
    audience: options.issuer,
    key: options.key,
    lifetimeSeconds: options.assertionLifetime ?? 120,
    ...(options.now ? { now: options.now } : {}),
  });
  const serviceUrl = (options.serviceUrl ?? options.issuer).replace(/\/+$/, '');
  const serviceOrigin = new URL(serviceUrl).origin;
  const lang = options.lang ?? 'fr';
  let widget: Promise<string> | undefined;
  if (options.prebuildWidget) {
    widget = (options.widgetScript ?? bundleWidget)();
    // A failed build is reported by the request that serves it, not as an unhandled rejection at start.
    widget.catch(() => undefined);
  }
  const userOf = (key: string | undefined) => options.users.find((u) => u.key === key);
  const app = new Hono();

  const page = (which: 'mediacentre' | 'console') => (c: Context) => {
    const nonce = crypto.randomUUID().replace(/-/g, '');
    c.header(
      'content-security-policy',
      `default-src 'none'; script-src 'self' 'nonce-${nonce}'; style-src 'self' 'nonce-${nonce}'; img-src https: http: data:; connect-src 'self' ${serviceOrigin}; form-action 'self' ${serviceOrigin}; base-uri 'none'; frame-ancestors 'none'`,
    );
    // Only the origin leaves the page (no path): with `no-referrer`, browsers send `Origin: null` on the médiacentre's
    // launch form, which the service refuses as a foreign site.
    c.header('referrer-policy', 'strict-origin');
    c.header('cache-control', 'no-store');
    return c.html(
      renderPage({
        users: options.users,
        current: userOf(getCookie(c, COOKIE)),
        serviceUrl,
        nonce,
        lang,
        page: which,
        ...(options.supportUrl ? { supportUrl: new URL(options.supportUrl, c.req.url).href } : {}),
      }),
    );
  };
  app.get('/', page('mediacentre'));
  app.get('/console', page('console'));

  // The demo's support page: what a widget's « Signaler un problème » link carries (reference, school, resource; never
  // personal data), shown as text for the person to read out or copy.
  app.get('/assistance', (c) => {
    c.header('cache-control', 'no-store');
    return c.html(
      renderSupportPage({ lang, ref: c.req.query('ref'), uai: c.req.query('uai'), resource: c.req.query('resource') }),
    );
  });

  app.post('/login', async (c) => {
    const form = await c.req.parseBody();
    const user = userOf(typeof form.user === 'string' ? form.user : undefined);
    if (user) setCookie(c, COOKIE, user.key, { httpOnly: true, sameSite: 'Lax', path: '/' });
    else deleteCookie(c, COOKIE, { path: '/' });
    const next = typeof form.next === 'string' ? form.next : '/';
    // Back where the sign-in was asked: the console, or the GAR assertion endpoint (a link being opened).
    return c.redirect(next === '/console' || next.startsWith('/gar/assertion?') ? next : '/', 303);
  });

  // GAR-style links and discovery send the browser here: answer the service's callback with an assertion.
  app.get('/gar/assertion', async (c) => {
    const returnTo = c.req.query('return_to');
    const state = c.req.query('state');
    if (returnTo !== `${serviceUrl}/launch/callback` || !state || state.length > 8192)
      return c.text('bad request', 400);
    const nonce = crypto.randomUUID().replace(/-/g, '');
    c.header(
      'content-security-policy',
      `default-src 'none'; script-src 'nonce-${nonce}'; style-src 'nonce-${nonce}'; form-action 'self' ${serviceOrigin}; base-uri 'none'; ` +
        "frame-ancestors 'none'",
    );
    // The origin only (the state is in this page's URL): with no-referrer, the service would read `Origin: null`.
    c.header('referrer-policy', 'strict-origin');
    c.header('cache-control', 'no-store');
    const user = userOf(getCookie(c, COOKIE));
    const url = new URL(c.req.url);
    if (!user) {
      const users = options.users.map((u) => ({ key: u.key, label: u.role ? `${u.name} (${u.role})` : u.name }));
      return c.html(
        garAssertionPageHtml({ lang, nonce, returnTo, state, users, here: `${url.pathname}${url.search}` }),
      );
    }
    const assertion = await sign({ personId: user.personId, ...(user.schools[0] ? { uai: user.schools[0].uai } : {}) });
    return c.html(garAssertionPageHtml({ lang, nonce, returnTo, state, assertion }));
  });

  app.post('/ent/assertion', async (c) => {
    c.header('cache-control', 'no-store');
    if (c.req.header('x-ent-request') !== '1') return c.text('missing x-ent-request header', 403);
    const user = userOf(getCookie(c, COOKIE));
    if (!user) return c.text('not signed in', 401);
    return c.text(await sign({ personId: user.personId, ...(user.schools[0] ? { uai: user.schools[0].uai } : {}) }));
  });

  app.get('/assets/opengar-elements.min.js', async (c) => {
    widget ??= (options.widgetScript ?? bundleWidget)();
    c.header('content-type', 'text/javascript; charset=utf-8');
    c.header('cache-control', 'no-cache');
    return c.body(await widget);
  });

  return app;
}
