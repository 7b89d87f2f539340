import { escapeHtml } from '@opengar/server';
import { Hono, type Context } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { createRemoteJWKSet, customFetch, exportJWK, generateKeyPair, jwtVerify, SignJWT, type JWK } from 'jose';

/** Options of {@link createLtiTool}. */
export interface LtiToolOptions {
  /** opengar's issuer URL: the platform (`iss`), its JWKS at `/.well-known/jwks.json`, `/lti/authorize`. */
  issuer: string;
  /** This tool's base URL, as registered (`{base}/login`, `{base}/launch`, `{base}/keys`). */
  baseUrl: string;
  /** The `client_id` opengar gave this tool. */
  clientId: string;
  /** The tool's name, shown on its pages. */
  name: string;
  /** The deployment ids opengar registered for this tool: a launch must name one (default: any, but one). */
  deploymentIds?: readonly string[];
  /** Injected for tests: `fetch` for opengar's JWKS. */
  fetch?: typeof globalThis.fetch;
}

const LTI = 'https://purl.imsglobal.org/spec/lti/claim';
const DL = 'https://purl.imsglobal.org/spec/lti-dl/claim';
const GAR = 'https://opengar.org/lti/claim/gar';
/** The pages (grains) of the demo tool. */
const MAPS = [
  { slug: 'bretagne', title: 'La Bretagne\u202f: relief et fleuves' },
  { slug: 'europe', title: 'Les pays de l’Union européenne' },
  { slug: 'monde', title: 'Les grands ensembles du monde' },
];

const STYLE =
  'body{font:16px/1.5 system-ui,sans-serif;margin:2rem auto;max-width:48rem;padding:0 1rem;color:#1b1b1b}' +
  'table{border-collapse:collapse;width:100%}th,td{border-bottom:1px solid #ddd;padding:.4rem;text-align:left}' +
  'code{font-size:.85em;word-break:break-all}button{font:inherit;padding:.4rem .8rem}';

function page(title: string, body: string, script = ''): string {
  return `<!doctype html><html lang="fr"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title><style>${STYLE}</style></head><body><main><h1>${escapeHtml(title)}</h1>${body}</main>${script}</body></html>`;
}

const random = () => Buffer.from(crypto.getRandomValues(new Uint8Array(24))).toString('base64url');

/**
 * A small LTI 1.3 tool (opengar is its platform), written as a tool's developer would, with `jose` only: the OIDC
 * login initiation (`/login`, a state cookie and a nonce), the launch (`/launch`: the `id_token` verified with the
 * platform's JWKS, RS256, `iss`, `aud`, `azp`, the `nonce` (once), the state, the LTI version, message type and
 * deployment), a page per map (`?carte=…`, the grains), and a Deep Linking
 * picker that answers an `LtiDeepLinkingResponse` signed with its own key (`/keys`).
 *
 * @example
 * ```ts
 * app.route('/lti/cartes-lti', createLtiTool({ issuer, baseUrl: 'http://127.0.0.1:4100/lti/cartes-lti', clientId:
 * 'opengar-demo-cartes-lti', name: 'Cartothèque' }));
 * ```
 */
export function createLtiTool(options: LtiToolOptions): Hono {
  const issuer = options.issuer.replace(/\/+$/, '');
  const base = options.baseUrl.replace(/\/+$/, '');
  const kid = random().slice(0, 16);
  // The tool's own key pair, made on first use (a real tool keeps it, and rotates it).
  let keys: Promise<{ privateKey: CryptoKey; publicJwk: JWK }> | undefined;
  const toolKeys = () =>
    (keys ??= generateKeyPair('RS256', { extractable: true }).then(async ({ privateKey, publicKey }) => ({
      privateKey,
      publicJwk: { ...(await exportJWK(publicKey)), kid, alg: 'RS256', use: 'sig' },
    })));
  const platformKeys = createRemoteJWKSet(new URL(`${issuer}/.well-known/jwks.json`), {
    timeoutDuration: 5000,
    ...(options.fetch ? { [customFetch]: options.fetch } : {}),
  });
  /** Deep Linking requests awaiting the teacher's choice: their return URL, data and deployment. */
  const picks = new Map<string, { returnUrl: string; data?: string; deploymentId: string; expires: number }>();
  /** Nonces already launched, until their token expires: an id_token is accepted once (LTI 1.3, OIDC). */
  const usedNonces = new Map<string, number>();
  const app = new Hono();
  const cookie = 'lti_login';
  const secure = base.startsWith('https:');

  app.get('/keys', async (c) => c.json({ keys: [(await toolKeys()).publicJwk] }));

  const login = async (c: Context) => {
    const p = c.req.method === 'POST' ? Object.fromEntries(await c.req.formData()) : c.req.query();
    if (p.iss !== issuer || p.client_id !== options.clientId || typeof p.login_hint !== 'string')
      return c.html(page(options.name, '<p>Plateforme inconnue.</p>'), 400);
    const state = random();
    const nonce = random();
    const target = typeof p.target_link_uri === 'string' ? p.target_link_uri : `${base}/launch`;
    setCookie(c, cookie, `${state}.${nonce}.${Buffer.from(target).toString('base64url')}`, {
      path: '/',
      httpOnly: true,
      secure,
      sameSite: secure ? 'None' : 'Lax',
      maxAge: 300,
    });
    const q = new URLSearchParams({
      response_type: 'id_token',
      response_mode: 'form_post',
      scope: 'openid',
      prompt: 'none',
      client_id: options.clientId,
      redirect_uri: `${base}/launch`,
      login_hint: p.login_hint,
      nonce,
      state,
      ...(typeof p.lti_message_hint === 'string' ? { lti_message_hint: p.lti_message_hint } : {}),
    });
    return c.redirect(`${issuer}/lti/authorize?${q}`, 302);
  };
  app.get('/login', login);
  app.post('/login', login);

  app.post('/launch', async (c) => {
    const form = await c.req.formData();
    const [state, nonce, target] = (getCookie(c, cookie) ?? '').split('.');
    deleteCookie(c, cookie, { path: '/' });
    if (!state || form.get('state') !== state)
      return c.html(page(options.name, '<p>Session de connexion absente ou différente (state).</p>'), 401);
    let claims: Record<string, unknown>;
    try {
      ({ payload: claims } = await jwtVerify(String(form.get('id_token') ?? ''), platformKeys, {
        algorithms: ['RS256'],
        issuer,
        audience: options.clientId,
      }));
    } catch {
      return c.html(page(options.name, '<p>Jeton LTI refusé (signature, émetteur, audience ou expiration).</p>'), 401);
    }
    const now = Date.now();
    for (const [n, until] of usedNonces) if (until < now) usedNonces.delete(n);
    if (claims.nonce !== nonce || usedNonces.has(nonce))
      return c.html(page(options.name, '<p>Jeton LTI rejoué (nonce).</p>'), 401);
    usedNonces.set(nonce, Number(claims.exp) * 1000);
    // Several audiences, or an azp: the authorized party must be this tool.
    if ((Array.isArray(claims.aud) && claims.aud.length > 1) || claims.azp !== undefined)
      if (claims.azp !== options.clientId)
        return c.html(page(options.name, '<p>Jeton LTI pour un autre outil (azp).</p>'), 401);
    const type = claims[`${LTI}/message_type`];
    const deploymentId = claims[`${LTI}/deployment_id`];
    const deployments = options.deploymentIds;
    if (
      claims[`${LTI}/version`] !== '1.3.0' ||
      (type !== 'LtiResourceLinkRequest' && type !== 'LtiDeepLinkingRequest') ||
      typeof deploymentId !== 'string' ||
      !deploymentId ||
      (deployments !== undefined && !deployments.includes(deploymentId))
    )
      return c.html(
        page(options.name, '<p>Lancement LTI incomplet (version, type de message ou déploiement).</p>'),
        400,
      );
    if (type === 'LtiDeepLinkingRequest') {
      const settings = claims[`${DL}/deep_linking_settings`] as { deep_link_return_url: string; data?: string };
      const id = random();
      picks.set(id, {
        returnUrl: settings.deep_link_return_url,
        ...(settings.data ? { data: settings.data } : {}),
        deploymentId,
        expires: Date.now() + 15 * 60_000,
      });
      const buttons = MAPS.map(
        (m) =>
          `<li><form method="post" action="${escapeHtml(`${base}/pick`)}"><input type="hidden" name="pick" value="${id}">` +
          `<input type="hidden" name="carte" value="${m.slug}"><button type="submit">${escapeHtml(m.title)}</button></form></li>`,
      ).join('');
      return c.html(
        page(
          `${options.name} – choisir une carte`,
          `<p>Quelle carte recommander à la classe\u202f?</p><ul>${buttons}</ul>`,
        ),
      );
    }
    const gar = (claims[GAR] ?? {}) as Record<string, string | string[]>;
    const rows = Object.entries(gar)
      .map(
        ([k, v]) =>
          `<tr data-claim="${escapeHtml(k)}"><th scope="row">${escapeHtml(k)}</th><td><code>${escapeHtml(Array.isArray(v) ? v.join(', ') : String(v))}` +
          `</code></td></tr>`,
      )
      .join('');
    const roles = (claims[`${LTI}/roles`] as string[] | undefined) ?? [];
    const targetUrl = new URL(target ? Buffer.from(target, 'base64url').toString() : `${base}/launch`);
    const map = MAPS.find((m) => m.slug === targetUrl.searchParams.get('carte'));
    return c.html(
      page(
        map ? map.title : options.name,
        `<p id="lti-launch">Ouvert en LTI 1.3 depuis opengar${map ? ` : la carte « ${escapeHtml(map.title)} »` : ''}.</p>
<p>Rôles\u202f: ${roles.map((r) => `<code>${escapeHtml(r.split('#')[1] ?? r)}</code>`).join(', ')}</p>
<p>Attributs GAR reçus (<code>${escapeHtml(GAR)}</code>)\u202f:</p><table id="claims"><tbody>${rows}</tbody></table>`,
      ),
    );
  });

  app.post('/pick', async (c) => {
    const form = await c.req.formData();
    const pick = picks.get(String(form.get('pick') ?? ''));
    picks.delete(String(form.get('pick') ?? ''));
    const map = MAPS.find((m) => m.slug === form.get('carte'));
    if (!pick || pick.expires < Date.now() || !map) return c.html(page(options.name, '<p>Choix expiré.</p>'), 400);
    const jwt = await new SignJWT({
      nonce: random(),
      [`${LTI}/message_type`]: 'LtiDeepLinkingResponse',
      [`${LTI}/version`]: '1.3.0',
      [`${LTI}/deployment_id`]: pick.deploymentId,
      ...(pick.data ? { [`${DL}/data`]: pick.data } : {}),
      [`${DL}/content_items`]: [{ type: 'ltiResourceLink', title: map.title, url: `${base}/launch?carte=${map.slug}` }],
    })
      .setProtectedHeader({ alg: 'RS256', kid, typ: 'JWT' })
      .setIssuer(options.clientId)
      .setAudience(issuer)
      .setIssuedAt()
      .setExpirationTime('5m')
      .sign((await toolKeys()).privateKey);
    const nonce = random();
    c.header('content-security-policy', `default-src 'none'; script-src 'nonce-${nonce}'; style-src 'unsafe-inline'`);
    return c.html(
      page(
        options.name,
        `<form id="dl" method="post" action="${escapeHtml(pick.returnUrl)}"><input type="hidden" name="JWT" value="${escapeHtml(jwt)}"><noscript>` +
          `<button type="submit">Continuer</button></noscript></form>`,
        `<script nonce="${nonce}">document.getElementById('dl').submit()</script>`,
      ),
    );
  });
  return app;
}
