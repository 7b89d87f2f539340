// The one loopback rule: http is tolerated on 127.0.0.0/8 written as four decimal octets, [::1] and localhost only.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import {
  isHttpsOrLoopbackUrl,
  resourceSchema,
  isLoopbackHost,
  isLoopbackUrl,
  isSafePublisherUrl,
} from '../src/index.js';

describe('loopback', () => {
  it('accepts the loopback spellings', () => {
    for (const u of [
      'http://127.0.0.1/',
      'http://127.0.0.1:4100/x?y',
      'http://127.255.10.1/',
      'http://localhost:3000/',
      'HTTP://LOCALHOST:8080/',
      'http://[::1]:4000/',
      'http://[::1]/',
    ]) {
      assert.equal(isLoopbackUrl(u), true, u);
      assert.equal(isHttpsOrLoopbackUrl(u), true, u);
    }
  });

  it('refuses the tricky spellings', () => {
    for (const u of [
      'http://127.0.0.1.evil.example/',
      'http://127.0.0.1.nip.io/',
      'http://localhost.evil.example/',
      'http://127.1/',
      'http://0x7f.0.0.1/',
      'http://0177.0.0.1/',
      'http://127.000.0.1/',
      'http://2130706433/',
      'http://[::ffff:127.0.0.1]/',
      'http://127.0.0.1@evil.example/',
      'http://evil.example@127.0.0.1/',
      'http://127.0.0.1./',
      'http://localhost./',
      'http://127.0.0.256/',
      'http://128.0.0.1/',
      'http://127.0.0.1\t.evil.example/',
      ' http://127.0.0.1/',
      'ftp://127.0.0.1/',
      'javascript:alert(1)//127.0.0.1',
    ]) {
      assert.equal(isHttpsOrLoopbackUrl(u), false, JSON.stringify(u));
    }
    assert.equal(isSafePublisherUrl('http://127.0.0.1.evil.example/x'), false);
    assert.equal(resourceSchema.shape.accessUrl.safeParse('http://127.0.0.1.evil.example/x').success, false);
    assert.equal(resourceSchema.shape.accessUrl.safeParse('http://127.0.0.1:4100/x').success, true);
  });

  it('is true of exactly the four-decimal-octet 127/8 literals (property)', () => {
    fc.assert(
      fc.property(fc.tuple(fc.nat(300), fc.nat(300), fc.nat(300), fc.nat(300)), ([a, b, c, d]) => {
        const host = `${a}.${b}.${c}.${d}`;
        assert.equal(isLoopbackHost(host), a === 127 && b <= 255 && c <= 255 && d <= 255);
        assert.equal(isHttpsOrLoopbackUrl(`http://${host}/`), a === 127 && b <= 255 && c <= 255 && d <= 255);
      }),
    );
    fc.assert(
      fc.property(fc.domain(), (domain) => assert.equal(isHttpsOrLoopbackUrl(`http://127.0.0.1.${domain}/`), false)),
    );
    fc.assert(fc.property(fc.domain(), (domain) => assert.equal(isHttpsOrLoopbackUrl(`https://${domain}/`), true)));
  });

  it('judges hosts as written, for a listen address too', () => {
    assert.equal(isLoopbackHost('::1'), true);
    assert.equal(isLoopbackHost('0.0.0.0'), false);
    assert.equal(isLoopbackHost('127.0.0.1.evil.example'), false);
  });
});
