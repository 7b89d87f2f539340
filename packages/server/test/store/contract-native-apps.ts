import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { AuthorizationCodeRecord } from '../../src/store/index.js';
import { rejectsWithCode } from './contract-assert.js';
import type { ContractContext } from './contract.js';

const app = (clientId: string, resourceId: string) => ({
  clientId,
  resourceId,
  name: `App ${clientId}`,
  redirectUris: ['http://127.0.0.1/cb', 'https://app.example/cb'],
});

const code = (id: string, over: Partial<AuthorizationCodeRecord> = {}): AuthorizationCodeRecord => ({
  id,
  clientId: 'reader',
  payload: { claims: { sub: 'x' }, nested: [1, null] },
  expiresAt: '2026-10-01T08:00:59.000Z',
  keepUntil: '2026-10-01T08:00:59.000Z',
  status: 'issued',
  ...over,
});

export function nativeAppContract({ withStore, openAnother }: ContractContext): void {
  test('native apps round-trip, list per resource, replace and delete', () =>
    withStore(async (store) => {
      await store.putNativeApp(app('zeta', 'ark:/1/a'));
      await store.putNativeApp(app('alpha', 'ark:/1/b'));
      await store.putNativeApp(app('beta', 'ark:/1/a'));
      assert.deepEqual(await store.getNativeApp('zeta'), app('zeta', 'ark:/1/a'));
      assert.equal(await store.getNativeApp('nope'), undefined);
      assert.deepEqual(
        (await store.listNativeApps()).map((a) => a.clientId),
        ['alpha', 'beta', 'zeta'],
      );
      assert.deepEqual(
        (await store.listNativeApps({ resourceId: 'ark:/1/a' })).map((a) => a.clientId),
        ['beta', 'zeta'],
      );
      await store.putNativeApp({ ...app('zeta', 'ark:/1/a'), redirectUris: ['https://z.example/cb'] });
      assert.deepEqual((await store.getNativeApp('zeta'))?.redirectUris, ['https://z.example/cb']);
      assert.equal(await store.deleteNativeApp('zeta'), true);
      assert.equal(await store.deleteNativeApp('zeta'), false);
      assert.equal(await store.getNativeApp('zeta'), undefined);
    }));

  test('an authorization code is redeemed once; a replay revokes it; an expired or unknown one is refused', () =>
    withStore(async (store) => {
      const before = '2026-10-01T08:00:30.000Z';
      const keep = '2026-10-01T08:10:30.000Z';
      await store.putAuthorizationCode(code('c1'));
      await rejectsWithCode(store.putAuthorizationCode(code('c1')), 'conflict');
      const first = await store.redeemAuthorizationCode('c1', before, 'jti-1', keep);
      assert.equal(first.outcome, 'redeemed');
      assert.ok(first.outcome === 'redeemed');
      assert.deepEqual(first.record, { ...code('c1'), status: 'redeemed', tokenId: 'jti-1', keepUntil: keep });
      assert.equal((await store.getAuthorizationGrant('jti-1'))?.status, 'redeemed');
      const again = await store.redeemAuthorizationCode('c1', before, 'jti-2', keep);
      assert.equal(again.outcome, 'reused');
      assert.ok(again.outcome === 'reused');
      assert.equal(again.record.tokenId, 'jti-1');
      assert.equal(again.record.status, 'revoked');
      assert.equal((await store.getAuthorizationGrant('jti-1'))?.status, 'revoked');
      assert.equal(await store.getAuthorizationGrant('jti-2'), undefined);

      await store.putAuthorizationCode(code('c2'));
      assert.deepEqual(await store.redeemAuthorizationCode('c2', '2026-10-01T08:00:59.000Z', 'jti-3', keep), {
        outcome: 'expired',
      });
      assert.deepEqual(await store.redeemAuthorizationCode('c3', before, 'jti-4', keep), { outcome: 'unknown' });
    }));

  test('of concurrent redemptions of one code, exactly one succeeds', () =>
    withStore(async (store) => {
      const other = openAnother ? await openAnother(store) : store;
      try {
        await store.putAuthorizationCode(code('race'));
        const results = await Promise.all(
          Array.from({ length: 6 }, (_, i) =>
            (i % 2 ? other : store).redeemAuthorizationCode(
              'race',
              '2026-10-01T08:00:00.000Z',
              `t${i}`,
              '2026-10-01T09:00:00.000Z',
            ),
          ),
        );
        assert.equal(results.filter((r) => r.outcome === 'redeemed').length, 1);
        assert.equal(results.filter((r) => r.outcome === 'reused').length, 5);
      } finally {
        if (other !== store) await other.close();
      }
    }));

  test('codes go with purgeExpired once kept long enough, and a rolled-back redemption leaves the code issued', () =>
    withStore(async (store) => {
      await store.putAuthorizationCode(code('p1'));
      await store.putAuthorizationCode(code('p2', { keepUntil: '2026-10-02T00:00:00.000Z' }));
      await assert.rejects(
        store.transaction(async (tx) => {
          await tx.redeemAuthorizationCode('p2', '2026-10-01T08:00:00.000Z', 'tx', '2026-10-02T00:00:00.000Z');
          throw new Error('rolled back');
        }),
      );
      assert.ok((await store.purgeExpired('2026-10-01T12:00:00.000Z')) >= 1);
      assert.deepEqual(
        await store.redeemAuthorizationCode('p1', '2026-10-01T08:00:00.000Z', 'a', '2026-10-01T09:00:00.000Z'),
        {
          outcome: 'unknown',
        },
      );
      const p2 = await store.redeemAuthorizationCode(
        'p2',
        '2026-10-01T08:00:00.000Z',
        'ok',
        '2026-10-02T00:00:00.000Z',
      );
      assert.equal(p2.outcome, 'redeemed');
    }));
}
