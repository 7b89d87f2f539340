// A world with a SAML resource (its SP registered), the IdP's crypto over the world's key manager, an SP key pair
// with its certificate, and the stock SP library (@node-saml/node-saml) configured as its README says.
import assert from 'node:assert/strict';
import { generateKeyPairSync } from 'node:crypto';
import { SAML, ValidateInResponseTo, type SamlConfig } from '@node-saml/node-saml';
import type { SamlServiceProvider } from '@opengar/core';
import { createMemoryStore } from '../../../src/index.js';
import { createKeyManager } from '../../../src/keys/create-key-manager.js';
import { generateKeyEncryptionKey } from '../../../src/keys/key-encryption-key.js';
import { createSamlCrypto } from '../../../src/node/create-saml-crypto.js';
import { certificateFor } from '../../../src/node/self-signed-certificate.js';
import { TestClock } from '../../helpers/clock.js';
import { ISSUER, S1, copy, resource, subscription } from '../../helpers/fixtures.js';
import { buildWorld, type HandoffWorld } from '../../helpers/world.js';
import { form } from '../fixtures/http.js';

export const R_SAML = 'ark:/77777/saml';
export const SP_ENTITY = 'https://sp.saml.test/metadata';
export const ACS = 'https://sp.saml.test/acs';
export const IDP_ENTITY = `${ISSUER}/saml/metadata`;
export const DECLARED = ['UAI', 'PRO', 'NOM', 'PRE', 'DIV', 'GRO'] as const;

/** An RSA key pair with a self-signed certificate, in PEM: an SP's, or an attacker's. */
export function rsaIdentity(cn: string): { keyPem: string; certPem: string } {
  const { publicKey, privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const der = certificateFor({
    publicKey,
    signingKey: privateKey,
    subject: cn,
    issuer: cn,
    notBefore: new Date('2020-01-01T00:00:00Z'),
    notAfter: new Date('2100-01-01T00:00:00Z'),
  });
  return {
    keyPem: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
    certPem: `-----BEGIN CERTIFICATE-----\n${der
      .toString('base64')
      .replace(/(.{64})/g, '$1\n')
      .trim()}\n-----END CERTIFICATE-----\n`,
  };
}

export interface SamlWorld {
  w: HandoffWorld;
  clock: TestClock;
  sp: { keyPem: string; certPem: string };
  /** Replaces the SAML resource's SP registration. */
  register(saml: Partial<SamlServiceProvider>): Promise<void>;
  /** The IdP's signing certificates, read from its metadata (PEM). */
  idpCerts(): Promise<string[]>;
  /** The stock SP, with options over the defaults (signed response and assertion, this SP's entity and ACS). */
  stockSp(options?: Partial<SamlConfig>): Promise<SAML>;
}

/** Builds the world; the clock starts now (the stock SP reads the system clock) unless `start` is given. */
export async function buildSamlWorld(start: Date = new Date()): Promise<SamlWorld> {
  const clock = new TestClock(start);
  const store = createMemoryStore();
  const kek = generateKeyEncryptionKey();
  const samlCrypto = createSamlCrypto({ keys: createKeyManager({ store, kek, clock, cacheMs: 0 }) });
  const w = await buildWorld({ data: 'handoff', store, kek, clock, service: { samlCrypto } });
  const sp = rsaIdentity('sp.saml.test');
  const base: SamlServiceProvider = {
    entityId: SP_ENTITY,
    acsUrls: [ACS],
    signingCertificates: [sp.certPem],
    encryptionCertificate: sp.certPem,
    encryptAssertions: false,
    requireSignedAuthnRequests: false,
  };
  const register = (saml: Partial<SamlServiceProvider>) =>
    store.putResource(
      resource({
        id: R_SAML,
        publisherId: 'S',
        protocol: 'saml',
        accessUrl: ACS,
        declaredAttributes: [...DECLARED],
        grainOrigins: ['https://sp.saml.test'],
        saml: { ...base, ...saml },
      }),
    );
  await register({});
  const validUntil = new Date(start.getTime() + 365 * 86_400_000).toISOString();
  const validFrom = new Date(start.getTime() - 365 * 86_400_000).toISOString();
  await store.insertSubscription(subscription({ id: 'ABO-SAML-S1', resourceId: R_SAML, validFrom, validUntil }));
  await store.insertCopies([copy({ subscriptionId: 'ABO-SAML-S1', personId: 'eleve-a' })]);
  const idpCerts = async () => {
    const res = await w.app.request('/saml/metadata');
    assert.equal(res.status, 200);
    const xml = await res.text();
    // The KeyDescriptors' certificates (the metadata's own signature carries the signing one again).
    return [
      ...xml.matchAll(/<md:KeyDescriptor use="signing"><ds:KeyInfo><ds:X509Data><ds:X509Certificate>([^<]+)</g),
    ].map((m) => `-----BEGIN CERTIFICATE-----\n${m[1]}\n-----END CERTIFICATE-----`);
  };
  return {
    w,
    clock,
    sp,
    register,
    idpCerts,
    stockSp: async (options = {}) =>
      new SAML({
        idpCert: await idpCerts(),
        issuer: SP_ENTITY,
        callbackUrl: ACS,
        audience: SP_ENTITY,
        idpIssuer: IDP_ENTITY,
        entryPoint: `${ISSUER}/saml/sso`,
        wantAssertionsSigned: true,
        wantAuthnResponseSigned: true,
        validateInResponseTo: ValidateInResponseTo.never,
        decryptionPvk: sp.keyPem,
        ...options,
      }),
  };
}

const unescapeHtml = (s: string) =>
  s
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');

/** The SAML POST page's form: action, SAMLResponse, RelayState, script nonce. */
export function readSamlPage(html: string): {
  action: string;
  SAMLResponse: string;
  RelayState?: string;
  nonce: string;
} {
  const action = /<form id="gar-post" method="post" action="([^"]+)"/.exec(html);
  const response = /<input type="hidden" name="SAMLResponse" value="([^"]+)">/.exec(html);
  const relay = /<input type="hidden" name="RelayState" value="([^"]*)">/.exec(html);
  const nonce = /<script nonce="([^"]+)">/.exec(html);
  assert.ok(action && response && nonce, 'a form posting SAMLResponse, submitted by a nonce script');
  return {
    action: unescapeHtml(action[1]!),
    SAMLResponse: unescapeHtml(response[1]!),
    ...(relay ? { RelayState: unescapeHtml(relay[1]!) } : {}),
    nonce: unescapeHtml(nonce[1]!),
  };
}

/** The médiacentre click on the SAML resource (IdP-initiated): `POST /launch`. */
export async function clickSaml(s: SamlWorld, extra: Record<string, string> = {}): Promise<Response> {
  return s.w.app.request('/launch', form({ assertion: await s.w.assertion(), resource: R_SAML, uai: S1, ...extra }));
}

/** The response XML of a page's SAMLResponse. */
export const responseXmlOf = (samlResponse: string) => Buffer.from(samlResponse, 'base64').toString('utf8');
/** A SAMLResponse of an XML text. */
export const samlResponseOf = (xml: string) => Buffer.from(xml, 'utf8').toString('base64');
