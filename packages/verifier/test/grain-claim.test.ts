import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { landingUrl } from '../src/index.js';
import { assertRefused } from './fixtures/assert-refused.js';
import { keys } from './fixtures/keys.js';
import { paths } from './fixtures/paths.js';
import { makeToken } from './fixtures/tokens.js';
import { localOptions } from './fixtures/verifiers.js';

const es = keys.ES256;
const PAGE = 'https://lecture.editeur.example/chapitre/3?page=42';

for (const path of paths) {
  describe(`the GRAIN claim (${path.name})`, () => {
    const verifier = () => path.createVerifier(localOptions());

    test('is exposed when present, absent otherwise', async () => {
      assert.equal((await verifier().verify(makeToken(es, { claims: { GRAIN: PAGE } }))).GRAIN, PAGE);
      assert.equal((await verifier().verify(makeToken(es))).GRAIN, undefined);
    });

    test('anything but a canonical http(s) URL without user, fragment or control is malformed', async () => {
      for (const GRAIN of [
        42,
        ['https://a.example/'],
        'javascript:alert(1)',
        '/chapitre/3',
        'https://user@lecture.editeur.example/',
        'https://lecture.editeur.example/a#b',
        'https://lecture.editeur.example/a\nb',
        'https://lecture.editeur.example/a\\b',
        'https://LECTURE.editeur.example/a',
        `https://lecture.editeur.example/${'a'.repeat(4100)}`,
      ]) {
        const token = makeToken(es, { claims: { GRAIN } });
        await assertRefused(verifier().verify(token), 'malformed', token);
      }
    });
  });
}

describe('landingUrl', () => {
  const origins = ['https://lecture.editeur.example'];
  test('lands on the grain inside the origins, else on the fallback', () => {
    assert.equal(landingUrl({ GRAIN: PAGE }, { origins, fallback: '/' }), PAGE);
    assert.equal(landingUrl({}, { origins, fallback: '/' }), '/');
    assert.equal(landingUrl({ GRAIN: 'https://evil.example/x' }, { origins, fallback: '/' }), '/');
    assert.equal(landingUrl({ GRAIN: PAGE }, { origins: [], fallback: '/home' }), '/home');
    assert.equal(landingUrl({ GRAIN: 'not a url' }, { origins, fallback: '/' }), '/');
    assert.equal(landingUrl({ GRAIN: 'https://lecture.editeur.example/a/../b' }, { origins, fallback: '/' }), '/');
  });
});
