// The IdP metadata is signed by the key signing now (enveloped, exclusive c14n, RSA-SHA256, first child of the
// EntityDescriptor as the metadata schema wants), valid for a week, the same bytes all day on every instance.
import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { DOMParser } from '@xmldom/xmldom';
import { SignedXml } from 'xml-crypto';
import { buildSamlWorld, type SamlWorld } from './saml-fixtures.js';

const DSIG = 'http://www.w3.org/2000/09/xmldsig#';
const pem = (b64: string) =>
  `-----BEGIN CERTIFICATE-----\n${b64.replace(/(.{64})/g, '$1\n').trim()}\n-----END CERTIFICATE-----\n`;

/** Whether the metadata's root signature verifies with `certB64` and covers the root (its ID). */
function verifies(xml: string, certB64: string): boolean {
  const root = new DOMParser().parseFromString(xml, 'text/xml').documentElement!;
  const signature = Array.from(root.childNodes).find(
    (n) => n.nodeType === 1 && (n as unknown as Element).localName === 'Signature',
  );
  if (!signature) return false;
  const sig = new SignedXml({ publicCert: pem(certB64), getCertFromKeyInfo: () => null });
  sig.loadSignature(signature as unknown as Node);
  try {
    return sig.checkSignature(xml) && sig.getReferences()[0]?.uri === `#${root.getAttribute('ID')}`;
  } catch {
    return false;
  }
}

describe('SAML IdP metadata', () => {
  let s: SamlWorld;
  before(async () => {
    s = await buildSamlWorld(new Date('2026-12-07T08:00:00Z'));
  });

  it('is signed by the first published key, the signature first in the EntityDescriptor, valid for a week', async () => {
    const res = await s.w.app.request('/saml/metadata');
    assert.equal(res.status, 200);
    const xml = await res.text();
    const root = new DOMParser().parseFromString(xml, 'text/xml').documentElement!;
    assert.equal(root.localName, 'EntityDescriptor');
    const first = Array.from(root.childNodes).find((n) => n.nodeType === 1) as unknown as Element;
    assert.equal(first.localName, 'Signature');
    assert.equal(first.namespaceURI, DSIG);
    const certs = [
      ...xml.matchAll(/<md:KeyDescriptor use="signing"><ds:KeyInfo><ds:X509Data><ds:X509Certificate>([^<]+)</g),
    ].map((m) => m[1]!);
    assert.ok(certs.length >= 1);
    assert.equal(verifies(xml, certs[0]!), true);
    assert.equal(root.getAttribute('validUntil'), '2026-12-14T23:59:59Z');
    assert.equal(root.getAttribute('cacheDuration'), 'PT6H');
    // Changed after signing (another SSO endpoint), the signature no longer holds.
    const tampered = xml.replace('/saml/sso"', '/saml/evil"');
    assert.notEqual(tampered, xml);
    assert.equal(verifies(tampered, certs[0]!), false);
    // Another key does not verify it.
    const { rsaIdentity } = await import('./saml-fixtures.js');
    const stranger = rsaIdentity('x').certPem.replace(/-----(BEGIN|END) CERTIFICATE-----|\s/g, '');
    assert.equal(verifies(xml, stranger), false);
  });

  it('is the same bytes all day, and moves with the day', async () => {
    const a = await (await s.w.app.request('/saml/metadata')).text();
    s.w.clock.advance(6 * 3600_000);
    const b = await (await s.w.app.request('/saml/metadata')).text();
    assert.equal(b, a);
    s.w.clock.advance(12 * 3600_000);
    const c = await (await s.w.app.request('/saml/metadata')).text();
    assert.notEqual(c, a);
    assert.match(c, /validUntil="2026-12-15T23:59:59Z"/);
  });
});
