import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { LtiPlatform } from '@opengar/core';
import { rejectsWithCode } from './contract-assert.js';
import type { ContractContext } from './contract.js';

const platform = (id: string, over: Partial<LtiPlatform> = {}): LtiPlatform => ({
  id,
  name: `Moodle ${id}`,
  issuer: `https://${id}.moodle.example`,
  clientIds: ['client-1', 'client-2'],
  authEndpoint: `https://${id}.moodle.example/mod/lti/auth.php`,
  jwksUrl: `https://${id}.moodle.example/mod/lti/certs.php`,
  deploymentIds: ['1'],
  entIds: ['ENTTEST1'],
  ...over,
});

export function ltiPlatformContract({ withStore }: ContractContext): void {
  test('LTI platforms round-trip, by id and by issuer, list by id, replace and delete', () =>
    withStore(async (store) => {
      const inline = platform('beta', {
        jwksUrl: undefined,
        jwks: { keys: [{ kty: 'RSA', kid: 'k1', n: 'abc', e: 'AQAB' }] },
        schools: ['0561641E'],
      });
      delete inline.jwksUrl;
      await store.putLtiPlatform(platform('zeta'));
      await store.putLtiPlatform(inline);
      assert.deepEqual(await store.getLtiPlatform('beta'), inline);
      assert.deepEqual(await store.getLtiPlatformByIssuer('https://zeta.moodle.example'), platform('zeta'));
      assert.equal(await store.getLtiPlatform('nope'), undefined);
      assert.equal(await store.getLtiPlatformByIssuer('https://ZETA.moodle.example'), undefined);
      assert.deepEqual(
        (await store.listLtiPlatforms()).map((p) => p.id),
        ['beta', 'zeta'],
      );
      const moved = platform('zeta', { issuer: 'https://moved.moodle.example', deploymentIds: ['1', '7'] });
      await store.putLtiPlatform(moved);
      assert.deepEqual(await store.getLtiPlatformByIssuer('https://moved.moodle.example'), moved);
      assert.equal(await store.getLtiPlatformByIssuer('https://zeta.moodle.example'), undefined);
      assert.equal(await store.deleteLtiPlatform('zeta'), true);
      assert.equal(await store.deleteLtiPlatform('zeta'), false);
      assert.equal(await store.getLtiPlatform('zeta'), undefined);
    }));

  test('two platforms cannot share an issuer, and the refused write changes nothing', () =>
    withStore(async (store) => {
      await store.putLtiPlatform(platform('alpha'));
      await rejectsWithCode(
        store.putLtiPlatform(platform('other', { issuer: 'https://alpha.moodle.example' })),
        'conflict',
      );
      assert.equal(await store.getLtiPlatform('other'), undefined);
      assert.equal((await store.getLtiPlatformByIssuer('https://alpha.moodle.example'))?.id, 'alpha');
    }));
}
