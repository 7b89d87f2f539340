// The service embedded in a page: memory store, service and HTTP app run in Chromium with WebCrypto, no Node.
import { expect } from 'chai';
import { createHttpApp, createMemoryStore } from '../../src/index.js';
import { createTestService } from '../helpers/service.js';
import { TestClock } from '../helpers/clock.js';

const ISSUER = 'https://gar.page.test';

function b64url(bytes: Uint8Array): string {
  let bin = '';
  for (const b of bytes) bin += String.fromCharCode(b);
  return btoa(bin).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

async function sign(key: CryptoKey, claims: object): Promise<string> {
  const enc = (o: object) => b64url(new TextEncoder().encode(JSON.stringify(o)));
  const input = `${enc({ alg: 'ES256', typ: 'gar-ent+jwt', kid: 'k' })}.${enc(claims)}`;
  const sig = await crypto.subtle.sign({ name: 'ECDSA', hash: 'SHA-256' }, key, new TextEncoder().encode(input));
  return `${input}.${b64url(new Uint8Array(sig))}`;
}

describe('embedded in a page', () => {
  it('registers, verifies an assertion and lists a médiacentre in the browser', async () => {
    const now = new Date('2026-01-10T08:00:00Z');
    const store = createMemoryStore();
    const service = createTestService({
      store,
      issuer: ISSUER,
      clock: new TestClock(now),
    });
    const app = createHttpApp(service);
    const system = { kind: 'system' } as const;
    const pair = (await crypto.subtle.generateKey({ name: 'ECDSA', namedCurve: 'P-256' }, true, [
      'sign',
      'verify',
    ])) as CryptoKeyPair;
    const { kty, crv, x, y } = await crypto.subtle.exportKey('jwk', pair.publicKey);
    await service.admin.ents.create(system, {
      id: 'ENT',
      name: 'ENT',
      jwks: { keys: [{ kty: kty!, crv, x, y, kid: 'k' }] },
      origins: ['https://ent.test'],
    });
    await service.admin.schools.create(system, { uai: '0561641E', entId: 'ENT', name: 'Collège' });
    await service.directory.putPerson(system, {
      entId: 'ENT',
      id: 'p1',
      lastName: 'L',
      firstName: 'F',
      profiles: [{ uai: '0561641E', profile: 'National_elv' }],
    });
    const { secret } = await service.admin.operators.create(system, { label: 'page' });

    expect((await app.request('/healthz')).status).to.equal(200);
    const ents = await app.request('/api/v1/admin/ents', { headers: { authorization: `Bearer ${secret}` } });
    expect(ents.status).to.equal(200);

    const iat = Math.floor(now.getTime() / 1000);
    const token = await sign(pair.privateKey, {
      iss: 'ENT',
      sub: 'p1',
      aud: ISSUER,
      uai: '0561641E',
      iat,
      exp: iat + 60,
      jti: 'j1',
    });
    const res = await app.request('/api/v1/me/resources', { headers: { authorization: `Bearer ${token}` } });
    expect(res.status).to.equal(200);
    const body = (await res.json()) as { school: { uai: string }; resources: unknown[] };
    expect(body.school.uai).to.equal('0561641E');
    expect(body.resources).to.deep.equal([]);

    const bad = await app.request('/api/v1/me/resources', {
      headers: { authorization: `Bearer ${token.slice(0, -4)}AAAA` },
    });
    expect(bad.status).to.equal(401);
    expect(bad.headers.get('content-type')).to.match(/^application\/problem\+json/);
  });
});
