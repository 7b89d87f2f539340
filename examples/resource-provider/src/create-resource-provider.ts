import {
  createVerifier,
  isGarTokenError,
  landingUrl,
  verifyLaunch,
  type GarAlgorithm,
  type GarVerifier,
  type ReplayStore,
} from '@opengar/verifier';
import { Hono, type Context } from 'hono';
import { getCookie, setCookie, deleteCookie } from 'hono/cookie';
import { messages, pickLang, type Lang } from './messages.js';
import { renderClaimsPage, renderGrainPage, renderMessagePage } from './render-page.js';
import { createSessionStore, type SessionStore } from './session-store.js';

/**
 * Options of {@link createResourceProvider}: the GAR service to trust (issuer, JWKS) and who we are (audience).
 *
 * @example
 * ```ts
 * const options: ResourceProviderOptions = {
 *   issuer: 'http://127.0.0.1:4000',
 *   jwksUri: 'http://127.0.0.1:4000/.well-known/jwks.json',
 *   audience: 'ark:/67890/dico',
 * };
 * ```
 */
export interface ResourceProviderOptions {
  /** The GAR service's issuer URL. */
  readonly issuer: string;
  /** Our resource id (`idRessource`). */
  readonly audience: string;
  /** The service's JWKS URL. */
  readonly jwksUri: string;
  /** Accepted algorithms. Default `['ES256']`. */
  readonly algorithms?: readonly GarAlgorithm[];
  /** Send the session cookie (`Secure; SameSite=None`): only when served over https. Default false. */
  readonly secureCookie?: boolean;
  /** Session lifetime in milliseconds. Default 8 hours. */
  readonly sessionTtlMs?: number;
  /** Replay store shared by several instances (Redis…). Default: in memory. */
  readonly replayStore?: ReplayStore;
  /** Injected for tests: `fetch` used for the JWKS, and the clock. */
  readonly fetch?: typeof globalThis.fetch;
  readonly clock?: () => number;
  /** A ready verifier, instead of the options above (issuer, audience and jwksUri are then unused). */
  readonly verifier?: GarVerifier;
  /** The path the app is mounted under (e.g. `/resources/dico`), so that its redirects and links stay inside it. */
  readonly basePath?: string;
  /**
   * The origins this resource declared for its deep links (`grainOrigins`): a token's `GRAIN` inside them and under
   * `basePath` is where the person lands (with a session cookie); any other goes to the claims page. Default none.
   */
  readonly grainOrigins?: readonly string[];
}

const cookieName = 'gar_rp_session';

function securityHeaders(c: Context): void {
  c.header('Cache-Control', 'no-store');
  c.header('Referrer-Policy', 'no-referrer');
  c.header('X-Content-Type-Options', 'nosniff');
  c.header(
    'Content-Security-Policy',
    "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; base-uri 'none'",
  );
}

/**
 * A small publisher site as a Hono app: `POST /` (the access URL) receives the hand-off form (`gar_token`), verifies
 * it, opens a server-side session and redirects to `/s/{session}/`, which shows the verified attributes (escaped),
 * in French or English. The session id travels in the links, so the site works without cookies (in an iframe); over
 * https it also sets a `Secure; SameSite=None` cookie.
 *
 * @example
 * ```ts
 * const app = createResourceProvider({ issuer, audience: 'ark:/67890/dico', jwksUri });
 * const res = await app.request('/', { method: 'POST', body: new URLSearchParams({ gar_token }) });
 * ```
 */
export function createResourceProvider(options: ResourceProviderOptions): Hono {
  const verifier =
    options.verifier ??
    createVerifier({
      issuer: options.issuer,
      audience: options.audience,
      jwksUri: options.jwksUri,
      algorithms: options.algorithms ?? ['ES256'],
      ...(options.replayStore ? { replayStore: options.replayStore } : {}),
      ...(options.fetch ? { fetch: options.fetch } : {}),
      ...(options.clock ? { clock: options.clock } : {}),
    });
  const sessions: SessionStore = createSessionStore({
    ...(options.sessionTtlMs ? { ttlMs: options.sessionTtlMs } : {}),
    ...(options.clock ? { clock: options.clock } : {}),
  });
  const base = (options.basePath ?? '').replace(/\/+$/, '');
  const langOf = (c: Context): Lang => pickLang(c.req.header('accept-language'), c.req.query('lang'));
  const app = new Hono();

  app.use('*', async (c, next) => {
    await next();
    securityHeaders(c);
  });

  const launch = async (c: Context) => {
    const lang = langOf(c);
    try {
      const claims = await verifyLaunch(c.req.raw, verifier);
      const id = sessions.open(claims);
      const claimsPage = `${base}/s/${id}/?lang=${lang}`;
      const target = landingUrl(claims, { origins: options.grainOrigins ?? [], fallback: claimsPage });
      const grain = target === claimsPage ? undefined : new URL(target);
      // A page is reached by a plain GET: the session rides in a cookie (Lax over http on loopback, as the demo runs).
      if (options.secureCookie) {
        setCookie(c, cookieName, id, { path: '/', httpOnly: true, secure: true, sameSite: 'None' });
      } else if (grain) {
        setCookie(c, cookieName, id, { path: base || '/', httpOnly: true, sameSite: 'Lax' });
      }
      if (grain && (grain.pathname === base || grain.pathname.startsWith(`${base}/`)))
        return c.redirect(grain.href, 303);
      return c.redirect(claimsPage, 303);
    } catch (error) {
      if (isGarTokenError(error)) {
        const m = messages[lang];
        return c.html(renderMessagePage(lang, m.refused, m.errors[error.code], error.code), 401);
      }
      console.error('resource-provider: launch failed', error instanceof Error ? error.name : typeof error);
      return c.html(renderMessagePage(lang, messages[lang].refused, messages[lang].internal), 500);
    }
  };
  app.post('/', launch);
  app.post('/launch', launch);

  app.get('/', (c) => {
    const lang = langOf(c);
    const id = getCookie(c, cookieName);
    if (id && sessions.get(id)) return c.redirect(`${base}/s/${id}/?lang=${lang}`, 303);
    return c.html(renderMessagePage(lang, messages[lang].title, messages[lang].launchFromEnt));
  });

  app.get('/s/:id/', (c) => {
    const lang = langOf(c);
    const session = sessions.get(c.req.param('id'));
    if (!session) return c.html(renderMessagePage(lang, messages[lang].title, messages[lang].sessionUnknown), 404);
    return c.html(renderClaimsPage(session.claims, lang, `${base}/s/${c.req.param('id')}/`));
  });

  // Any other page of the resource: shown to a session, as the page a deep link asked for.
  app.get('*', (c) => {
    const lang = langOf(c);
    const id = getCookie(c, cookieName);
    if (!id || !sessions.get(id))
      return c.html(renderMessagePage(lang, messages[lang].title, messages[lang].launchFromEnt), 401);
    const url = new URL(c.req.url);
    return c.html(renderGrainPage(lang, `${url.pathname}${url.search}`, `${base}/s/${id}/`));
  });

  app.post('/s/:id/logout', (c) => {
    const lang = langOf(c);
    sessions.close(c.req.param('id'));
    if (options.secureCookie) deleteCookie(c, cookieName, { path: '/', secure: true, sameSite: 'None' });
    return c.html(renderMessagePage(lang, messages[lang].title, messages[lang].signedOut));
  });

  return app;
}
