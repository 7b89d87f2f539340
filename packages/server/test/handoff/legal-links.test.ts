// The deployment's terms of use and information notice: only https or same-origin links are accepted, and the
// hand-off page shows them when configured.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { checkLegalLinks } from '../../src/kernel/legal-links.js';
import { ServiceConfigError } from '../../src/index.js';
import { R_MATHS, S1 } from '../helpers/fixtures.js';
import { buildWorld } from '../helpers/world.js';
import { form } from './fixtures/http.js';

describe('legal links', () => {
  it('accepts https and paths of the service, refuses anything else', () => {
    assert.deepEqual(
      checkLegalLinks({ termsUrl: 'https://ac.example/cgu', noticeUrl: '/mentions' }, 'https://gar.test'),
      {
        termsUrl: 'https://ac.example/cgu',
        noticeUrl: 'https://gar.test/mentions',
      },
    );
    assert.deepEqual(checkLegalLinks(undefined, 'https://gar.test'), {});
    for (const bad of [
      'http://ac.example/cgu',
      'javascript:alert(1)',
      '//evil.example/x',
      '/\\evil.example',
      'https://u:p@ac.example/',
      'data:text/html,x',
      'cgu',
    ])
      assert.throws(
        () => checkLegalLinks({ termsUrl: bad }, 'https://gar.test'),
        (e: unknown) => e instanceof ServiceConfigError && e.code === 'bad-legal-link',
        bad,
      );
  });

  it('the hand-off page links the terms and the notice when configured, and nothing otherwise', async () => {
    const w = await buildWorld({
      data: 'handoff',
      service: { legalLinks: { termsUrl: 'https://ac.example/cgu?a=1&b="x"', noticeUrl: '/mentions' } },
    });
    const page = await (
      await w.app.request('/launch', form({ assertion: await w.assertion(), resource: R_MATHS, uai: S1 }))
    ).text();
    assert.match(page, /<a href="https:\/\/ac.example\/cgu\?a=1&amp;b=%22x%22">Conditions d’utilisation<\/a>/);
    assert.match(page, /<a href="https:\/\/gar.test\/mentions">Mentions d’information<\/a>/);
    const plain = await buildWorld({ data: 'handoff' });
    const none = await (
      await plain.app.request('/launch', form({ assertion: await plain.assertion(), resource: R_MATHS, uai: S1 }))
    ).text();
    assert.ok(!none.includes('<footer>'));
  });
});
