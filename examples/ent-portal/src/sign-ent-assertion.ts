/** A private ES256 key (EC P-256 JWK with `d`) and its key id, as the ENT registered the public half. */
export interface EntSigningKey {
  privateJwk: JsonWebKey & { kid: string };
}

/** Who an assertion is about. */
export interface AssertionSubject {
  /** `GARPersonIdentifiant`. */
  personId: string;
  /** The current school (UAI). */
  uai?: string;
}

const b64url = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64url');
const utf8 = (s: string) => new TextEncoder().encode(s);

/**
 * Makes a signer of ENT user assertions: compact JWS, ES256, header `typ` `gar-ent+jwt` and `kid`; claims `iss`
 * (idENT), `aud` (the service's issuer URL), `sub`, `uai`, `iat`, `exp` (≤ 5 minutes later) and a fresh `jti`.
 *
 * @example
 * ```ts
 * const sign = await createAssertionSigner({ entId: 'ENT-DEMO', audience: 'http://127.0.0.1:4000', key });
 * const jwt = await sign({ personId: 'eleve-0001', uai: '0561641E' });
 * ```
 */
export async function createAssertionSigner(options: {
  entId: string;
  audience: string;
  key: EntSigningKey;
  lifetimeSeconds?: number;
  now?: () => Date;
}) {
  const lifetime = options.lifetimeSeconds ?? 120;
  if (!(lifetime > 0 && lifetime <= 300)) throw new TypeError('lifetimeSeconds must be in (0, 300]');
  const { kty, crv, x, y, d, kid } = options.key.privateJwk;
  if (kty !== 'EC' || crv !== 'P-256' || !d)
    throw new TypeError('the ENT signing key must be a private EC P-256 JWK (ES256)');
  const key = await crypto.subtle.importKey(
    'jwk',
    { kty, crv, x, y, d },
    { name: 'ECDSA', namedCurve: 'P-256' },
    false,
    ['sign'],
  );
  const now = options.now ?? (() => new Date());
  const header = b64url(utf8(JSON.stringify({ alg: 'ES256', typ: 'gar-ent+jwt', kid })));
  return async (subject: AssertionSubject): Promise<string> => {
    const iat = Math.floor(now().getTime() / 1000);
    const claims = {
      iss: options.entId,
      aud: options.audience,
      sub: subject.personId,
      ...(subject.uai ? { uai: subject.uai } : {}),
      iat,
      exp: iat + lifetime,
      jti: crypto.randomUUID(),
    };
    const input = `${header}.${b64url(utf8(JSON.stringify(claims)))}`;
    const signature = new Uint8Array(await crypto.subtle.sign({ name: 'ECDSA', hash: 'SHA-256' }, key, utf8(input)));
    return `${input}.${b64url(signature)}`;
  };
}
