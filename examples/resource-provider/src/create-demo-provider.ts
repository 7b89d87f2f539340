import { escapeHtml } from '@opengar/server';
import { demoCatalogue, type DemoCatalogueOptions } from '@opengar/server/demo';
import { createVerifier, type GarAlgorithm } from '@opengar/verifier';
import { XMLParser } from 'fast-xml-parser';
import { Hono } from 'hono';
import { createLtiTool } from './create-lti-tool.js';
import { createResourceProvider } from './create-resource-provider.js';
import { mountSamlResource } from './saml-resource.js';

/** Options of {@link createDemoProvider}. */
export interface DemoProviderOptions {
  /** The GAR service's issuer URL (its JWKS is at `/.well-known/jwks.json`, CAS at `/cas`). */
  issuer: string;
  /** This site's own base URL, as the demo catalogue registered it (default `http://127.0.0.1:4100`). */
  baseUrl?: string;
  /** Injected for tests: `fetch` for the JWKS and CAS validation. */
  fetch?: typeof globalThis.fetch;
}

const PALETTE = ['#1d4ed8', '#047857', '#b45309', '#7c3aed', '#be123c', '#0e7490'];

function thumbnail(name: string, index: number): string {
  const initials = name
    .split(/[\s–-]+/)
    .filter((w) => /^[\p{L}\d]/u.test(w))
    .slice(0, 2)
    .map((w) => w[0]!.toUpperCase())
    .join('');
  return `<svg xmlns="http://www.w3.org/2000/svg" width="160" height="120" viewBox="0 0 160 120" role="img" aria-label="${escapeHtml(name)}"><rect width="160" height="120" rx="12" fill="${PALETTE[index % PALETTE.length]}"/><text x="80" y="74" font-family="system-ui,sans-serif" font-size="44" font-weight="700" fill="#fff" text-anchor="middle">${escapeHtml(initials)}</text></svg>`;
}

function page(title: string, body: string): string {
  return `<!doctype html><html lang="fr"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${escapeHtml(title)}</title>
<style>body{font:16px/1.5 system-ui,sans-serif;margin:2rem auto;max-width:48rem;padding:0 1rem}table{border-collapse:collapse;width:100%}th,td{border-bottom:1px solid #ddd;padding:.4rem;text-align:left}</style></head>
<body><main><h1>${escapeHtml(title)}</h1>${body}</main></body></html>`;
}

const casParser = new XMLParser({
  ignoreAttributes: true,
  removeNSPrefix: true,
  parseTagValue: false,
  processEntities: true,
  isArray: (_n, path) => String(path).includes('attributes.'),
});

/**
 * The demo's publisher site: every resource of the demo catalogue served from one process, each at its registered
 * access URL `/resources/{slug}` with its own audience and algorithm (JWT hand-off), the CAS resource validating its
 * ticket against the service's `/cas/p3/serviceValidate`, and generated thumbnails at `/thumbnails/{slug}.svg`.
 *
 * @example
 * ```ts
 * const app = createDemoProvider({ issuer: 'http://127.0.0.1:4000' });
 * ```
 */
export function createDemoProvider(options: DemoProviderOptions): Hono {
  const issuer = options.issuer.replace(/\/+$/, '');
  const catalogueOptions: DemoCatalogueOptions = { providerBaseUrl: options.baseUrl ?? 'http://127.0.0.1:4100' };
  const { resources } = demoCatalogue(catalogueOptions);
  const app = new Hono();
  app.get('/healthz', (c) => c.text('ok'));
  app.get('/', (c) =>
    c.html(
      page(
        'Éditeurs de démonstration',
        `<p>Ce site joue le rôle des éditeurs de la démo : ouvrez une ressource depuis le médiacentre du portail ENT.</p><ul>${resources
          .map(
            (r) =>
              `<li>${escapeHtml(r.name)} <small>(${escapeHtml(r.id)}, ${r.protocol === 'cas' ? 'CAS' : r.protocol === 'saml' ? 'SAML 2.0' : r.protocol === 'lti' ? 'LTI 1.3' : r.signingAlg})</small></li>`,
          )
          .join('')}</ul>`,
      ),
    ),
  );
  resources.forEach((r, i) => {
    const slug = new URL(r.accessUrl).pathname.split('/').pop()!;
    app.get(`/thumbnails/${slug}.svg`, (c) =>
      c.body(thumbnail(r.name, i), 200, { 'content-type': 'image/svg+xml', 'cache-control': 'public, max-age=3600' }),
    );
    if (r.protocol === 'saml' && r.saml) {
      mountSamlResource(
        app,
        { ...r, saml: r.saml },
        { issuer, page, ...(options.fetch ? { fetch: options.fetch } : {}) },
      );
      return;
    }
    if (r.protocol === 'lti' && r.lti) {
      // An LTI 1.3 tool: login, launch (and Deep Linking picker), keys under /lti/{slug}/.
      const toolBase = r.lti.loginUrl.replace(/\/login$/, '');
      app.route(
        new URL(toolBase).pathname,
        createLtiTool({
          issuer,
          baseUrl: toolBase,
          clientId: r.lti.clientId,
          deploymentIds: r.lti.deploymentIds,
          name: r.name,
          ...(options.fetch ? { fetch: options.fetch } : {}),
        }),
      );
      return;
    }
    if (r.protocol === 'cas') {
      app.get(`/resources/${slug}`, async (c) => {
        const ticket = c.req.query('ticket');
        if (!ticket) return c.html(page(r.name, '<p>Ouvrez cette ressource depuis le médiacentre.</p>'), 400);
        const url = `${issuer}/cas/p3/serviceValidate?${new URLSearchParams({ service: r.accessUrl, ticket })}`;
        const res = await (options.fetch ?? fetch)(url, { signal: AbortSignal.timeout(5000) });
        const doc = casParser.parse(await res.text()) as {
          serviceResponse?: {
            authenticationSuccess?: { user?: string; attributes?: Record<string, string[]> };
            authenticationFailure?: string;
          };
        };
        const ok = doc.serviceResponse?.authenticationSuccess;
        if (!ok) return c.html(page(r.name, `<p>Accès refusé par le GAR (ticket CAS invalide ou expiré).</p>`), 401);
        const rows = Object.entries(ok.attributes ?? {})
          .map(
            ([name, values]) =>
              `<tr data-claim="${escapeHtml(name)}"><th scope="row">${escapeHtml(name)}</th><td>${values.map((v) => `<code>${escapeHtml(String(v))}</code>`).join('<br>')}</td></tr>`,
          )
          .join('');
        return c.html(
          page(
            r.name,
            `<p>Connecté par CAS 3.0. Attributs reçus du GAR :</p><table id="claims"><tbody>${rows}</tbody></table>`,
          ),
        );
      });
      return;
    }
    const verifier = createVerifier({
      issuer,
      audience: r.id,
      jwksUri: `${issuer}/.well-known/jwks.json`,
      algorithms: [r.signingAlg as GarAlgorithm],
      ...(options.fetch ? { fetch: options.fetch } : {}),
    });
    app.route(
      `/resources/${slug}`,
      createResourceProvider({
        issuer,
        audience: r.id,
        jwksUri: `${issuer}/.well-known/jwks.json`,
        verifier,
        basePath: `/resources/${slug}`,
        grainOrigins: r.grainOrigins,
      }),
    );
  });
  return app;
}
