import { SAML, ValidateInResponseTo } from '@node-saml/node-saml';
import type { Resource } from '@opengar/core';
import { escapeHtml } from '@opengar/server';
import { XMLParser } from 'fast-xml-parser';
import type { Hono } from 'hono';

/** What {@link mountSamlResource} needs: the GAR service, and how this site renders a page. */
export interface SamlResourceOptions {
  issuer: string;
  page(title: string, body: string): string;
  fetch?: typeof globalThis.fetch;
}

const metadataParser = new XMLParser({ ignoreAttributes: true, removeNSPrefix: true, isArray: () => true });
/** Reads the few attributes node-saml leaves to the application, from XML node-saml has already verified. */
const responseParser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@',
  removeNSPrefix: true,
  processEntities: false,
});

type Node = Record<string, unknown> | undefined;
const text = (n: unknown) => (typeof n === 'object' && n !== null ? (n as Record<string, unknown>)['#text'] : n);

/**
 * What node-saml 5 does not check and an ACS must (`opengar conformance --saml-acs` replays each): the response's
 * `Destination` and the confirmation's `Recipient` are this ACS, the `Issuer` of the response and the assertion is the
 * GAR's IdP, and the assertion was not accepted before. Answers why not, or `undefined`.
 */
function alsoRefused(
  samlResponse: string,
  assertionXml: string,
  o: { acs: string; idp: string; seen: Map<string, number> },
): string | undefined {
  const response = (responseParser.parse(Buffer.from(samlResponse, 'base64').toString('utf8')) as { Response?: Node })
    .Response;
  const assertion = (responseParser.parse(assertionXml) as { Assertion?: Node }).Assertion;
  const confirmation = ((assertion?.Subject as Node)?.SubjectConfirmation as Node)?.SubjectConfirmationData as Node;
  if (response?.['@Destination'] !== o.acs || confirmation?.['@Recipient'] !== o.acs) return 'another ACS';
  if (text(response?.Issuer) !== o.idp || text(assertion?.Issuer) !== o.idp) return 'another issuer';
  const now = Date.now();
  for (const [id, until] of o.seen) if (until < now) o.seen.delete(id);
  const id = String(assertion?.['@ID'] ?? '');
  if (!id || o.seen.has(id)) return 'replayed';
  const until = Date.parse(String(confirmation?.['@NotOnOrAfter'] ?? ''));
  o.seen.set(id, Number.isNaN(until) ? now + 3_600_000 : until + 60_000);
  return undefined;
}

/** The IdP's signing certificates, read from its metadata (refetched at most every 5 minutes: key rollover). */
function idpCertificates(metadataUrl: string, doFetch: typeof globalThis.fetch) {
  let cache: { at: number; certs: string[] } | undefined;
  return async (): Promise<string[]> => {
    if (cache && Date.now() - cache.at < 300_000) return cache.certs;
    const res = await doFetch(metadataUrl, { signal: AbortSignal.timeout(5000) });
    const text = await res.text();
    if (/<!DOCTYPE|<!ENTITY/i.test(text)) throw new Error('metadata with a DTD');
    const certs: string[] = [];
    const walk = (node: unknown, key = ''): void => {
      if (Array.isArray(node)) for (const n of node) walk(n, key);
      else if (typeof node === 'string' && key === 'X509Certificate') certs.push(node.replace(/\s+/g, ''));
      else if (node && typeof node === 'object') for (const [k, v] of Object.entries(node)) walk(v, k);
    };
    walk(metadataParser.parse(text));
    // A set: the metadata's own signature repeats the certificate signing now.
    const unique = [...new Set(certs)];
    cache = {
      at: Date.now(),
      certs: unique.map((c) => `-----BEGIN CERTIFICATE-----\n${c}\n-----END CERTIFICATE-----`),
    };
    return cache.certs;
  };
}

/**
 * A demo resource that is a SAML 2.0 service provider, as an existing publisher platform would be, with the stock
 * `@node-saml/node-saml` (plus the checks it leaves to the application: replay, `Destination`, `Recipient`, `Issuer`):
 * `POST {access URL}` is its ACS (the médiacentre click, or the answer to its own request);
 * `GET {access URL}/login` starts an SP-initiated sign-in at the GAR's `/saml/sso`.
 */
export function mountSamlResource(
  app: Hono,
  r: Resource & { saml: NonNullable<Resource['saml']> },
  o: SamlResourceOptions,
) {
  const path = new URL(r.accessUrl).pathname;
  const certs = idpCertificates(`${o.issuer}/saml/metadata`, o.fetch ?? fetch);
  /** Assertion ids accepted, until they expire. */
  const seen = new Map<string, number>();
  const sp = new SAML({
    idpCert: (cb) =>
      void certs().then(
        (c) => cb(null, c),
        (e: Error) => cb(e),
      ),
    issuer: r.saml.entityId,
    callbackUrl: r.accessUrl,
    audience: r.saml.entityId,
    idpIssuer: `${o.issuer}/saml/metadata`,
    entryPoint: `${o.issuer}/saml/sso`,
    wantAssertionsSigned: true,
    wantAuthnResponseSigned: true,
    validateInResponseTo: ValidateInResponseTo.ifPresent,
    acceptedClockSkewMs: 5000,
  });
  app.get(path, (c) =>
    c.html(
      o.page(
        r.name,
        `<p>Ouvrez cette ressource depuis le médiacentre, ou <a href="${escapeHtml(path)}/login">connectez-vous par le GAR (SAML 2.0)</a>.</p>`,
      ),
    ),
  );
  app.get(`${path}/login`, async (c) => c.redirect(await sp.getAuthorizeUrlAsync('', undefined, {}), 303));
  app.post(path, async (c) => {
    const form = await c.req.parseBody();
    const samlResponse = typeof form.SAMLResponse === 'string' ? form.SAMLResponse : '';
    try {
      const { profile } = await sp.validatePostResponseAsync({ SAMLResponse: samlResponse });
      if (!profile) throw new Error('no profile');
      const refused = alsoRefused(samlResponse, profile.getAssertionXml?.() ?? '', {
        acs: r.accessUrl,
        idp: `${o.issuer}/saml/metadata`,
        seen,
      });
      if (refused) throw new Error(refused);
      const rows = Object.entries((profile.attributes ?? {}) as Record<string, unknown>)
        .map(([name, v]) => {
          const values = (Array.isArray(v) ? v : [v]).map((x) => `<code>${escapeHtml(String(x))}</code>`).join('<br>');
          return `<tr data-claim="${escapeHtml(name)}"><th scope="row">${escapeHtml(name)}</th><td>${values}</td></tr>`;
        })
        .join('');
      const mode = profile.inResponseTo ? 'à sa demande (SP-initiated)' : 'depuis le médiacentre (IdP-initiated)';
      return c.html(
        o.page(
          r.name,
          `<p>Connecté par SAML 2.0, ${mode}. Réponse et assertion signées, vérifiées par <code>@node-saml/node-saml</code>. Attributs reçus du GAR :` +
            `</p><table id="claims"><tbody>${rows}</tbody></table>`,
        ),
      );
    } catch (error) {
      console.error('resource-provider: SAML response refused', error instanceof Error ? error.message : typeof error);
      return c.html(o.page(r.name, '<p>Accès refusé : la réponse SAML du GAR est invalide ou expirée.</p>'), 401);
    }
  });
}
