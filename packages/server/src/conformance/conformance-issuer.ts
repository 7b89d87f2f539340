import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { getRequestListener } from '@hono/node-server';
import { Hono } from 'hono';
import { exportJWK, generateKeyPair, type CryptoKey, type JWK } from 'jose';
import { casFormat, casValidationResponse } from '../handoff/cas/cas-validation-response.js';
import type { SamlCrypto } from '../handoff/saml/saml-crypto.js';
import { samlMetadataXml } from '../handoff/saml/saml-metadata.js';
import { SAML_PATHS } from '../handoff/saml/saml-names.js';
import { createSamlCrypto } from '../node/create-saml-crypto.js';

/** A signing key of the conformance issuer: `published` ones are in its JWKS, the other one is the "unknown key". */
export interface ConformanceKey {
  alg: 'ES256' | 'RS256' | 'EdDSA';
  kid: string;
  privateKey: CryptoKey;
  publicJwk: JWK;
}

/** A CAS ticket the conformance issuer knows: for which service, whether it was redeemed. */
interface IssuedTicket {
  service: string;
  user: string;
  redeemed: boolean;
}

/** What the publisher asked the conformance issuer's CAS validation, for the report. */
export interface CasValidationCall {
  ticket: string;
  service: string;
  outcome: 'success' | 'INVALID_TICKET' | 'INVALID_SERVICE' | 'INVALID_REQUEST';
}

/**
 * The temporary GAR issuer `opengar conformance` runs on loopback while it replays its cases: it publishes its keys at
 * `/.well-known/jwks.json` (the token key, and the RS256 key of the LTI platform), its SAML IdP metadata (entity id
 * and signing certificate) at `/saml/metadata`, and answers CAS ticket validation (`/cas/serviceValidate`,
 * `/cas/p3/serviceValidate`, XML or JSON) for the tickets it issued, once each, for their service only.
 */
export interface ConformanceIssuer {
  /** Its issuer URL (`http://127.0.0.1:<port>`): what the publisher under test must trust. */
  readonly url: string;
  readonly published: ConformanceKey;
  /** A key of the same algorithm that is not published. */
  readonly unknown: ConformanceKey;
  /** The RS256 key (published too) that signs the LTI `id_token`s and, through its certificate, the SAML responses. */
  readonly rsa: ConformanceKey;
  /** An RS256 key that is not published (nor in the SAML metadata). */
  readonly rsaUnknown: ConformanceKey;
  /** The SAML signing of `rsa` (its certificate is in the metadata at `/saml/metadata`), and of `rsaUnknown`. */
  readonly saml: { trusted: SamlCrypto; unknown: SamlCrypto };
  issueTicket(service: string, user: string): string;
  /** The validation calls received so far. */
  readonly validations: readonly CasValidationCall[];
  close(): Promise<void>;
}

async function key(alg: ConformanceKey['alg'], kid: string): Promise<ConformanceKey> {
  const { privateKey, publicKey } = await generateKeyPair(alg, {
    extractable: true,
    ...(alg === 'EdDSA' ? { crv: 'Ed25519' } : {}),
  });
  return { alg, kid, privateKey, publicJwk: { ...(await exportJWK(publicKey)), kid, alg, use: 'sig' } };
}

/** The SAML signing of one RS256 key, by the service's own `createSamlCrypto` (its certificate derived from the key). */
function samlCryptoOf(k: ConformanceKey): SamlCrypto {
  return createSamlCrypto({
    keys: {
      signingKey: async () => ({ kid: k.kid, alg: 'RS256', key: k.privateKey }),
      jwks: async () => ({ keys: [k.publicJwk] }),
    },
    subject: 'opengar conformance',
  });
}

/**
 * Starts the conformance issuer on `host:port` (port 0: any free port).
 *
 * @example
 * ```ts
 * const issuer = await startConformanceIssuer({ alg: 'ES256', host: '127.0.0.1', port: 4790 });
 * ```
 */
export async function startConformanceIssuer(options: {
  alg: ConformanceKey['alg'];
  host: string;
  port: number;
}): Promise<ConformanceIssuer> {
  const run = globalThis.crypto.randomUUID().slice(0, 8);
  const published = await key(options.alg, `conformance-${run}`);
  const unknown = await key(options.alg, `conformance-unknown-${run}`);
  const rsa = options.alg === 'RS256' ? published : await key('RS256', `conformance-rsa-${run}`);
  const rsaUnknown = options.alg === 'RS256' ? unknown : await key('RS256', `conformance-rsa-unknown-${run}`);
  const saml = { trusted: samlCryptoOf(rsa), unknown: samlCryptoOf(rsaUnknown) };
  const jwks = { keys: rsa === published ? [published.publicJwk] : [published.publicJwk, rsa.publicJwk] };
  let issuerUrl = '';
  const tickets = new Map<string, IssuedTicket>();
  const validations: CasValidationCall[] = [];
  const app = new Hono();
  app.get('/.well-known/jwks.json', (c) => c.json(jwks, 200, { 'cache-control': 'no-store' }));
  app.get(SAML_PATHS.metadata, async (c) =>
    c.body(
      await saml.trusted.signMessage(
        samlMetadataXml(issuerUrl, await saml.trusted.certificates(), new Date()),
        'EntityDescriptor',
      ),
      200,
      {
        'content-type': 'application/samlmetadata+xml',
        'cache-control': 'no-store',
      },
    ),
  );
  app.get('/lti/authorize', (c) => c.text('conformance issuer: opengar conformance reads this request itself', 400));
  const validate = (c: import('hono').Context) => {
    const ticket = c.req.query('ticket') ?? '';
    const service = c.req.query('service') ?? '';
    const format = casFormat(c.req.query('format'));
    const known = tickets.get(ticket);
    let outcome: CasValidationCall['outcome'];
    if (!ticket || !service) outcome = 'INVALID_REQUEST';
    else if (!known || known.redeemed) outcome = 'INVALID_TICKET';
    else if (known.service !== service) outcome = 'INVALID_SERVICE';
    else outcome = 'success';
    if (known) known.redeemed = true;
    validations.push({ ticket, service, outcome });
    return casValidationResponse(
      outcome === 'success'
        ? { ok: true, payload: { user: known!.user, attributes: { IDO: known!.user } } }
        : { ok: false, code: outcome, description: 'refused by the conformance issuer' },
      format,
    );
  };
  app.get('/cas/serviceValidate', validate);
  app.get('/cas/p3/serviceValidate', validate);
  app.get('/cas/login', (c) => c.text('conformance issuer: no login here', 403));
  const server: Server = createServer(getRequestListener(app.fetch));
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  const host = options.host.includes(':') ? `[${options.host}]` : options.host;
  issuerUrl = `http://${host}:${port}`;
  return {
    url: issuerUrl,
    published,
    unknown,
    rsa,
    rsaUnknown,
    saml,
    validations,
    issueTicket(service, user) {
      let bin = '';
      for (const b of globalThis.crypto.getRandomValues(new Uint8Array(24))) bin += String.fromCharCode(b);
      const ticket = `ST-${btoa(bin).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '')}`;
      tickets.set(ticket, { service, user, redeemed: false });
      return ticket;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
