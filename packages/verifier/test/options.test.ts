import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { VerifierOptions } from '../src/index.js';
import { paths } from './fixtures/paths.js';
import { localOptions } from './fixtures/verifiers.js';

const without = (name: keyof VerifierOptions): VerifierOptions => {
  const o: Record<string, unknown> = { ...localOptions() };
  delete o[name];
  return o as unknown as VerifierOptions;
};

for (const path of paths) {
  describe(`misuse throws TypeError at once (${path.name})`, () => {
    const misuse = (o: unknown) => assert.throws(() => path.createVerifier(o as VerifierOptions), TypeError);

    test('issuer, audience and algorithms are required', () => {
      misuse(undefined);
      misuse(without('issuer'));
      misuse(without('audience'));
      misuse(without('algorithms'));
      misuse({ ...localOptions(), issuer: '' });
      misuse({ ...localOptions(), audience: [] });
      misuse({ ...localOptions(), audience: [''] });
      misuse({ ...localOptions(), algorithms: [] });
    });

    test('only ES256, RS256 and EdDSA can be accepted', () => {
      for (const alg of ['none', 'HS256', 'ES512', 'PS256', 'es256']) misuse({ ...localOptions(), algorithms: [alg] });
    });

    test('exactly one of jwksUri and keys', () => {
      misuse(without('keys'));
      misuse({ ...localOptions(), jwksUri: 'https://gar.example/.well-known/jwks.json' });
      misuse({ ...localOptions(), keys: { keys: [] } });
      misuse({ ...localOptions(), keys: [{ kty: 'oct', k: 'c2VjcmV0', kid: 'hmac' }] });
    });

    test('jwksUri must be https, or http on loopback', () => {
      const base = without('keys');
      misuse({ ...base, jwksUri: 'http://gar.example/.well-known/jwks.json' });
      misuse({ ...base, jwksUri: 'file:///etc/passwd' });
      misuse({ ...base, jwksUri: 'not a url' });
      for (const jwksUri of [
        'https://gar.example/jwks',
        'http://127.0.0.1:4000/jwks',
        'http://localhost/jwks',
        'http://[::1]:1/j',
      ]) {
        assert.equal(typeof path.createVerifier({ ...base, jwksUri }).verify, 'function');
      }
    });

    test('numeric options are checked', () => {
      misuse({ ...localOptions(), clockTolerance: -1 });
      misuse({ ...localOptions(), clockTolerance: 3600 });
      misuse({ ...localOptions(), maxTokenLength: 0 });
      misuse({ ...without('keys'), jwksUri: 'https://gar.example/j', timeoutMs: -5 });
      misuse({ ...without('keys'), jwksUri: 'https://gar.example/j', cooldownMs: 1.5 });
      misuse({ ...localOptions(), replayStore: {} });
    });
  });
}
