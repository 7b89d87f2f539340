import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createLocalJWKSet, jwtVerify, type JSONWebKeySet } from 'jose';
import { ISSUER, R_MATHS, S1 } from '../helpers/fixtures.js';
import { buildWorld } from '../helpers/world.js';
import { form, readLaunchPage } from './fixtures/http.js';

describe('/.well-known', () => {
  it('publishes the public signing keys of every algorithm, cacheable for a short time, without private members', async () => {
    const w = await buildWorld({ data: 'handoff' });
    const res = await w.app.request('/.well-known/jwks.json');
    assert.equal(res.status, 200);
    assert.match(res.headers.get('cache-control') ?? '', /^public, max-age=\d+$/);
    const jwks = (await res.json()) as JSONWebKeySet;
    assert.deepEqual([...new Set(jwks.keys.map((k) => k.alg))].sort(), ['ES256', 'EdDSA', 'RS256']);
    for (const k of jwks.keys) {
      assert.ok(k.kid);
      for (const m of ['d', 'p', 'q', 'dp', 'dq', 'qi', 'k']) assert.equal(m in k, false);
    }
  });

  it('keeps the previous key published after a rotation, so tokens signed before it still verify', async () => {
    const w = await buildWorld({ data: 'handoff' });
    const res = await w.app.request('/launch', form({ assertion: await w.assertion(), resource: R_MATHS, uai: S1 }));
    const { token } = readLaunchPage(await res.text());
    await w.keys.rotate({ alg: 'ES256', immediate: true });
    const jwks = (await (await w.app.request('/.well-known/jwks.json')).json()) as JSONWebKeySet;
    assert.equal(jwks.keys.filter((k) => k.alg === 'ES256').length, 2);
    await jwtVerify(token, createLocalJWKSet(jwks), { issuer: ISSUER, audience: R_MATHS, currentDate: w.clock.now() });
    const next = readLaunchPage(
      await (
        await w.app.request('/launch', form({ assertion: await w.assertion(), resource: R_MATHS, uai: S1 }))
      ).text(),
    );
    const { protectedHeader } = await jwtVerify(next.token, createLocalJWKSet(jwks), {
      issuer: ISSUER,
      audience: R_MATHS,
      currentDate: w.clock.now(),
    });
    assert.notEqual(
      protectedHeader.kid,
      JSON.parse(Buffer.from(token.split('.')[0]!, 'base64url').toString()).kid,
      'the new key signs',
    );
  });

  it('describes the service in /.well-known/gar-configuration', async () => {
    const w = await buildWorld({ data: 'handoff' });
    const res = await w.app.request('/.well-known/gar-configuration');
    assert.equal(res.status, 200);
    assert.match(res.headers.get('cache-control') ?? '', /^public, max-age=\d+$/);
    const config = (await res.json()) as Record<string, unknown>;
    assert.equal(config.issuer, ISSUER);
    assert.equal(config.jwks_uri, `${ISSUER}/.well-known/jwks.json`);
    assert.equal(config.launch_endpoint, `${ISSUER}/launch`);
    assert.equal(config.cas_base, `${ISSUER}/cas`);
    assert.equal(config.saml_metadata_endpoint, `${ISSUER}/saml/metadata`);
    assert.equal(config.saml_sso_endpoint, `${ISSUER}/saml/sso`);
    assert.equal(config.saml_slo_endpoint, `${ISSUER}/saml/slo`);
    assert.equal(config.lti_configuration_endpoint, `${ISSUER}/lti/configuration`);
    // Each advertised endpoint answers (the SAML metadata needs samlCrypto: 200, or a 5xx problem without it).
    assert.equal((await w.app.request('/lti/configuration')).status, 200);
    assert.notEqual((await w.app.request('/saml/metadata')).status, 404);
    assert.deepEqual(config.signing_alg_values_supported, ['ES256', 'RS256', 'EdDSA']);
    for (const claim of [
      'iss',
      'aud',
      'sub',
      'iat',
      'nbf',
      'exp',
      'jti',
      'IDO',
      'UAI',
      'PRO',
      'DIV',
      'GRO',
      'P_MEL',
      'P_MS4',
      'E_MS4',
    ]) {
      assert.ok((config.claims_supported as string[]).includes(claim), claim);
    }
  });
});

describe('methods of the hand-off routes', () => {
  it('answers 405 problems with Allow for other methods', async () => {
    const w = await buildWorld({ data: 'handoff' });
    for (const [path, method, allow] of [
      ['/launch', 'PUT', 'GET, HEAD, POST'],
      ['/launch/callback', 'GET', 'POST'],
      ['/cas/p3/serviceValidate', 'POST', 'GET, HEAD'],
      ['/.well-known/jwks.json', 'DELETE', 'GET, HEAD'],
    ] as const) {
      const res = await w.app.request(path, { method });
      assert.equal(res.status, 405, `${method} ${path}`);
      assert.equal(res.headers.get('allow'), allow);
      assert.match(res.headers.get('content-type') ?? '', /^application\/problem\+json/);
      assert.equal(((await res.json()) as { code: string }).code, 'method-not-allowed');
    }
  });
});

describe('OpenAPI', () => {
  it('documents the hand-off, CAS, GAR-compatible and well-known routes in the app’s document', async () => {
    const w = await buildWorld({ data: 'handoff' });
    const doc = (await (await w.app.request('/openapi.json')).json()) as {
      paths: Record<string, Record<string, unknown>>;
    };
    for (const [path, methods] of [
      ['/launch', ['get', 'post']],
      ['/launch/callback', ['post']],
      ['/ressources/{idENT}/{UAI}/{GARPersonIdentifiant}', ['get']],
      ['/cas/login', ['get', 'post']],
      ['/cas/p3/serviceValidate', ['get']],
      ['/.well-known/jwks.json', ['get']],
      ['/.well-known/gar-configuration', ['get']],
    ] as const) {
      for (const m of methods) assert.ok(doc.paths[path]?.[m], `${m} ${path}`);
    }
  });
});
