import { createHash, sign, type KeyObject } from 'node:crypto';

// A minimal DER writer: enough for one X.509 v3 certificate without extensions (RFC 5280 §4.1).
const len = (n: number): Buffer => {
  if (n < 0x80) return Buffer.from([n]);
  const bytes: number[] = [];
  for (let v = n; v > 0; v >>= 8) bytes.unshift(v & 0xff);
  return Buffer.from([0x80 | bytes.length, ...bytes]);
};
const tlv = (tag: number, ...content: Buffer[]): Buffer => {
  const body = Buffer.concat(content);
  return Buffer.concat([Buffer.from([tag]), len(body.length), body]);
};
const seq = (...c: Buffer[]) => tlv(0x30, ...c);
const SHA256_RSA = seq(Buffer.from('06092a864886f70d01010b', 'hex'), Buffer.from('0500', 'hex'));
const name = (cn: string) => seq(tlv(0x31, seq(Buffer.from('0603550403', 'hex'), tlv(0x0c, Buffer.from(cn, 'utf8')))));
/** UTCTime before 2050, GeneralizedTime from then on (RFC 5280 §4.1.2.5). */
const time = (d: Date) => {
  const iso = d.toISOString().replace(/[-:T]/g, '').slice(0, 14);
  return d.getUTCFullYear() < 2050 ? tlv(0x17, Buffer.from(`${iso.slice(2)}Z`)) : tlv(0x18, Buffer.from(`${iso}Z`));
};

/** What a certificate says: whose key, named how, signed by which key, valid when. */
export interface CertificateInput {
  /** The public key the certificate carries (RSA). */
  publicKey: KeyObject;
  /** The private key that signs it (RSA, SHA-256): the same key's for a self-signed certificate. */
  signingKey: KeyObject;
  subject: string;
  issuer: string;
  notBefore: Date;
  notAfter: Date;
}

/**
 * An X.509 v3 certificate (DER) carrying an RSA key, signed with RSA-SHA256: node:crypto reads certificates but cannot
 * make one, and the only job here is to carry a key in SAML metadata (no extensions, no chain). The serial number is
 * derived from the key, and RSA PKCS#1 v1.5 signatures are deterministic: the same inputs give the same bytes, on
 * every instance.
 *
 * @example
 * ```ts
 * const der = certificateFor({ publicKey, signingKey: privateKey, subject: 'opengar', issuer: 'opengar', notBefore, notAfter });
 * ```
 */
export function certificateFor(input: CertificateInput): Buffer {
  const spki = input.publicKey.export({ type: 'spki', format: 'der' });
  const serial = Buffer.concat([Buffer.from([0x01]), createHash('sha256').update(spki).digest().subarray(0, 15)]);
  const tbs = seq(
    tlv(0xa0, tlv(0x02, Buffer.from([2]))),
    tlv(0x02, serial),
    SHA256_RSA,
    name(input.issuer),
    seq(time(input.notBefore), time(input.notAfter)),
    name(input.subject),
    spki,
  );
  const signature = sign('sha256', tbs, input.signingKey);
  return seq(tbs, SHA256_RSA, tlv(0x03, Buffer.from([0]), signature));
}
