import { KeyObject, X509Certificate, createPublicKey, sign, verify } from 'node:crypto';
import { DOMParser } from '@xmldom/xmldom';
import { SignedXml } from 'xml-crypto';
import { encrypt } from 'xml-encryption';
import type { SamlCrypto, SamlRequestSignature, SamlSealInput } from '../handoff/saml/saml-crypto.js';
import { SAML } from '../handoff/saml/saml-names.js';
import type { SigningKeySource } from '../handoff/signing-key-source.js';
import { certificateFor } from './self-signed-certificate.js';

const EXC_C14N = 'http://www.w3.org/2001/10/xml-exc-c14n#';
const ENVELOPED = 'http://www.w3.org/2000/09/xmldsig#enveloped-signature';
const SHA256 = 'http://www.w3.org/2001/04/xmlenc#sha256';
const DSIG = 'http://www.w3.org/2000/09/xmldsig#';
/** Certificates carry keys only (SAML metadata interoperability profile): fixed, wide validity, so every instance derives the same bytes. */
const NOT_BEFORE = new Date('2020-01-01T00:00:00Z');
const NOT_AFTER = new Date('2100-01-01T00:00:00Z');

/** Options of {@link createSamlCrypto}. */
export interface SamlCryptoOptions {
  /** The key manager (or any source of its RS256 key and public keys): SAML signs with the RS256 key. */
  keys: SigningKeySource;
  /** The certificates' common name (default `opengar`). */
  subject?: string;
}

const pemBody = (pem: string) => pem.replace(/-----(BEGIN|END) CERTIFICATE-----|\s/g, '');
const toPem = (b64: string) =>
  `-----BEGIN CERTIFICATE-----\n${b64.replace(/(.{64})/g, '$1\n').trim()}\n-----END CERTIFICATE-----\n`;

export function encryptAsync(content: string, certPem: string): Promise<string> {
  const rsaPub = new X509Certificate(certPem).publicKey.export({ type: 'spki', format: 'pem' });
  return new Promise((resolve, reject) =>
    encrypt(
      content,
      {
        rsa_pub: rsaPub,
        pem: certPem,
        encryptionAlgorithm: 'http://www.w3.org/2009/xmlenc11#aes256-gcm',
        keyEncryptionAlgorithm: 'http://www.w3.org/2001/04/xmlenc#rsa-oaep-mgf1p',
        disallowEncryptionWithInsecureAlgorithm: true,
        warnInsecureAlgorithm: false,
      },
      (err, result) => (err || !result ? reject(err ?? new Error('encryption failed')) : resolve(result)),
    ),
  );
}

/**
 * Signs the root element of `xml` (enveloped, exclusive c14n, RSA-SHA256), the signature right after its `Issuer`, or
 * first in a metadata `EntityDescriptor` (which has no `Issuer`), where the metadata schema wants it.
 */
function signRoot(xml: string, key: KeyObject, certPem: string, rootName: string): string {
  const sig = new SignedXml({
    privateKey: key,
    publicCert: certPem,
    canonicalizationAlgorithm: EXC_C14N,
    signatureAlgorithm: SAML.rsaSha256,
  });
  sig.addReference({
    xpath: `/*[local-name()='${rootName}']`,
    digestAlgorithm: SHA256,
    transforms: [ENVELOPED, EXC_C14N],
  });
  sig.computeSignature(xml, {
    prefix: 'ds',
    location:
      rootName === 'EntityDescriptor'
        ? { reference: `/*[local-name()='${rootName}']`, action: 'prepend' }
        : { reference: `/*[local-name()='${rootName}']/*[local-name()='Issuer']`, action: 'after' },
  });
  return sig.getSignedXml();
}

/**
 * The SAML identity provider's cryptography on Node, with maintained libraries: `xml-crypto` signs (RSA-SHA256,
 * exclusive c14n, enveloped, the signature placed after `Issuer` as SAML's schema wants) and verifies POST-bound
 * AuthnRequests; `xml-encryption` encrypts assertions (AES-256-GCM, key wrapped with RSA-OAEP); the X.509
 * certificates that carry the keys in the metadata are written by `certificateFor` (node:crypto signs them).
 *
 * Keys: SAML signs with the key manager's RS256 key, so it rotates with the JWT keys (`opengar keys rotate`, or the
 * schedule): the next key is published (JWKS and SAML metadata) before it signs, the retired one stays published a
 * while after. Each certificate is derived deterministically from the public key (issuer = the key signing now), so
 * every instance publishes the same bytes; SPs trust the key in the metadata, not a certificate chain.
 *
 * @example
 * ```ts
 * const samlCrypto = createSamlCrypto({ keys: createKeyManager({ store, kek }) });
 * const service = createGarService({ store, issuer, pseudonymSecret, statisticsSecret, signingKeys, samlCrypto });
 * ```
 */
export function createSamlCrypto(options: SamlCryptoOptions): SamlCrypto {
  const subject = options.subject ?? 'opengar';
  const certCache = new Map<string, string>();

  async function active() {
    const k = await options.keys.signingKey('RS256');
    return { kid: k.kid, key: KeyObject.from(k.key) };
  }

  /** The certificate (base64 DER) of a published RSA key, issued by the key signing now. */
  function certificateOf(jwk: Record<string, unknown>, signer: { kid: string; key: KeyObject }): string {
    const kid = String(jwk.kid);
    const cacheKey = `${kid}|${signer.kid}`;
    let cert = certCache.get(cacheKey);
    if (cert === undefined) {
      const { kid: _k, alg: _a, use: _u, key_ops: _o, ...pub } = jwk;
      const der = certificateFor({
        publicKey: createPublicKey({ key: pub as Record<string, string>, format: 'jwk' }),
        signingKey: signer.key,
        subject: `${subject} SAML ${kid.slice(0, 16)}`,
        issuer: `${subject} SAML ${signer.kid.slice(0, 16)}`,
        notBefore: NOT_BEFORE,
        notAfter: NOT_AFTER,
      });
      cert = der.toString('base64');
      certCache.set(cacheKey, cert);
    }
    return cert;
  }

  async function certificates(): Promise<{ kid: string; cert: string }[]> {
    const signer = await active();
    const { keys } = await options.keys.jwks();
    const rsa = keys.filter((k) => k.kty === 'RSA' && (k.alg === undefined || k.alg === 'RS256'));
    rsa.sort((a, b) => (a.kid === signer.kid ? -1 : b.kid === signer.kid ? 1 : 0));
    return rsa.map((k) => ({ kid: String(k.kid), cert: certificateOf(k, signer) }));
  }

  async function signing() {
    const signer = await active();
    const jwk = (await options.keys.jwks()).keys.find((k) => k.kid === signer.kid);
    if (!jwk) throw new Error('the RS256 signing key is not published');
    return { signer, certPem: toPem(certificateOf(jwk, signer)) };
  }

  return {
    async signMessage(xml: string, root: 'Response' | 'LogoutResponse' | 'EntityDescriptor'): Promise<string> {
      const { signer, certPem } = await signing();
      return signRoot(xml, signer.key, certPem, root);
    },
    async seal(input: SamlSealInput): Promise<string> {
      const { signer, certPem } = await signing();
      let assertion = signRoot(input.assertion, signer.key, certPem, 'Assertion');
      if (input.encryptTo !== undefined) {
        const data = await encryptAsync(assertion, input.encryptTo);
        assertion = `<saml:EncryptedAssertion xmlns:saml="${SAML.assertion}">${data}</saml:EncryptedAssertion>`;
      }
      return signRoot(input.wrap(assertion), signer.key, certPem, 'Response');
    },
    async signRedirect(octets: string): Promise<string> {
      const { signer } = await signing();
      return sign('sha256', Buffer.from(octets, 'utf8'), signer.key).toString('base64');
    },
    certificates: async () => (await certificates()).map((c) => c.cert),
    async verifyRequest(signature: SamlRequestSignature, certs: readonly string[]): Promise<boolean> {
      if (signature.binding === 'redirect') {
        if (signature.sigAlg !== SAML.rsaSha256) return false;
        const bytes = Buffer.from(signature.signature, 'base64');
        return certs.some((pem) => {
          try {
            const key = new X509Certificate(pem).publicKey;
            return verify('sha256', Buffer.from(signature.signedOctets, 'utf8'), key, bytes);
          } catch {
            return false;
          }
        });
      }
      return certs.some((pem) => verifyEnveloped(signature.xml, pem));
    },
  };
}

/**
 * Whether the root element of `xml` carries a valid enveloped signature of `pem`'s key that covers the root itself
 * (a signature over another element, the wrapping trick, does not count).
 */
function verifyEnveloped(xml: string, pem: string): boolean {
  try {
    const doc = new DOMParser().parseFromString(xml, 'text/xml');
    const root = doc.documentElement;
    if (!root) return false;
    const signatures = Array.from(root.childNodes).filter(
      (n) =>
        n.nodeType === 1 &&
        (n as unknown as Element).localName === 'Signature' &&
        (n as unknown as Element).namespaceURI === DSIG,
    );
    if (signatures.length !== 1) return false;
    const sig = new SignedXml({ publicCert: toPem(pemBody(pem)), getCertFromKeyInfo: () => null });
    sig.loadSignature(signatures[0] as unknown as Node);
    if (!sig.checkSignature(xml)) return false;
    const refs = sig.getReferences();
    const id = root.getAttribute('ID');
    return refs.length === 1 && id !== null && refs[0]?.uri === `#${id}`;
  } catch {
    return false;
  }
}
