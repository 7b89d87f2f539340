// GAR web-service bodies and helpers, written from GAR's formats (not read from ../shared at run time).
import assert from 'node:assert/strict';
import { Readable } from 'node:stream';
import { WS_ABONNEMENT_NS } from '../../src/ws-abonnement/abonnement-codec.js';
import type { HttpApp } from '../../src/index.js';

export const XML = 'application/xml;charset=utf-8';
export const DIST_X = 'X_0000000000000001';

/** An `<abonnement>` body as GAR's publisher clients send it; `extra` replaces or adds elements (`undefined` drops one). */
export function abonnementXml(id: string, fields: Record<string, string | string[] | undefined> = {}): string {
  const base: Record<string, string | string[] | undefined> = {
    idAbonnement: id,
    commentaireAbonnement: 'Commande 2026',
    idDistributeurCom: DIST_X,
    idRessource: 'ark:/11111/maths',
    typeIdRessource: 'ark',
    libelleRessource: 'Maths interactives',
    debutValidite: '2025-09-01T00:00:00.000+02:00',
    finValidite: '2026-08-15T00:00:00.000+02:00',
    uaiEtab: '0000001A',
    categorieAffectation: 'transferable',
    typeAffectation: 'INDIV',
    nbLicenceGlobale: '30',
    publicCible: ['ELEVE', 'ENSEIGNANT'],
    ...fields,
  };
  const lines: string[] = [];
  for (const [name, value] of Object.entries(base)) {
    if (value === undefined) continue;
    for (const v of Array.isArray(value) ? value : [value]) lines.push(`    <${name}>${v}</${name}>`);
  }
  return `<?xml version="1.0" encoding="UTF-8"?>\n<abonnement xmlns="${WS_ABONNEMENT_NS}">\n${lines.join('\n')}\n</abonnement>\n`;
}

/** GAR's filter body. */
export function filtresXml(filters: [string, string][], tri?: 'ASC' | 'DESC'): string {
  const f = filters
    .map(([n, v]) => `<filtre><filtreNom>${n}</filtreNom><filtreValeur>${v}</filtreValeur></filtre>`)
    .join('');
  return `<?xml version="1.0" encoding="UTF-8"?><filtres xmlns="${WS_ABONNEMENT_NS}">${f}${tri ? `<triPar>idAbonnement</triPar><tri>${tri}</tri>` : ''}</filtres>`;
}

export function auth(key: string): Record<string, string> {
  return { authorization: `Bearer ${key}` };
}

/** A PUT/POST/DELETE of the web service. */
export function wsRequest(
  app: HttpApp,
  method: string,
  path: string,
  key: string | undefined,
  body?: string,
  type = XML,
): Promise<Response> {
  const headers: Record<string, string> = {
    ...(key ? auth(key) : {}),
    ...(body !== undefined ? { 'content-type': type } : {}),
  };
  return Promise.resolve(app.request(path, { method, headers, ...(body !== undefined ? { body } : {}) }));
}

/**
 * A GET with an XML body, as `@hono/node-server` delivers it: the fetch `Request` cannot carry it, so the body comes
 * in the bindings' Node request (`env.incoming`).
 */
export function getWithBody(app: HttpApp, path: string, key: string, body: string): Promise<Response> {
  const incoming = Readable.from([Buffer.from(body)]);
  return Promise.resolve(
    app.request(
      path,
      {
        method: 'GET',
        headers: { ...auth(key), 'content-type': XML, 'content-length': String(Buffer.byteLength(body)) },
      },
      { incoming },
    ),
  );
}

/** Asserts GAR's `<Erreur>` body with the reason phrase of `status`, and returns its message. */
export async function assertErreur(res: Response, status: number, code: string): Promise<string> {
  assert.equal(res.status, status);
  assert.equal(res.headers.get('content-type'), XML);
  const text = await res.text();
  const m = new RegExp(
    `^<\\?xml[^>]*\\?>\\n<Erreur xmlns="${WS_ABONNEMENT_NS.replace(/[./]/g, '\\$&')}"><Code>${code}</Code><Message>([^<]*)</Message></Erreur>\\n$`,
  ).exec(text);
  assert.ok(m, `not a GAR error body: ${text}`);
  return m[1]!;
}

/** The `idAbonnement` values of an `<abonnements>` answer, in order. */
export function ids(xml: string): string[] {
  return [...xml.matchAll(/<idAbonnement>([^<]+)<\/idAbonnement>/g)].map((m) => m[1]!);
}
