import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { ContractContext } from './contract.js';
import { rejectsWithCode } from './contract-assert.js';
import { COLLEGE, LYCEE, RESOURCE, handoff } from './fixtures.js';

const T0 = '2026-03-02T08:00:00.000Z';
const T0_PLUS_5S = '2026-03-02T08:00:05.000Z';
const T0_PLUS_10S = '2026-03-02T08:00:10.000Z';
const T0_PLUS_1H = '2026-03-02T09:00:00.000Z';

export function sharedStateContract({ withStore }: ContractContext): void {
  test('consumeTicket: single use, of its kind only, not after expiry', () =>
    withStore(async (store) => {
      const st = {
        id: 'ST-9f2c',
        kind: 'cas',
        payload: { personId: 'eleve-000123', uai: COLLEGE, service: 'https://x.example/cas' },
        expiresAt: T0_PLUS_10S,
      };
      await store.putTicket(st);
      assert.equal(await store.consumeTicket('ST-9f2c', 'launch-state', T0), undefined);
      assert.deepEqual(await store.consumeTicket('ST-9f2c', 'cas', T0_PLUS_5S), st);
      assert.equal(await store.consumeTicket('ST-9f2c', 'cas', T0_PLUS_5S), undefined);
      assert.equal(await store.consumeTicket('ST-absent', 'cas', T0), undefined);

      await store.putTicket({ ...st, id: 'ST-expired' });
      assert.equal(await store.consumeTicket('ST-expired', 'cas', T0_PLUS_10S), undefined);
      // An expired ticket is gone, not kept for later.
      assert.equal(await store.consumeTicket('ST-expired', 'cas', T0), undefined);

      await store.putTicket({ id: 'code-1', kind: 'otp', payload: null, expiresAt: T0_PLUS_1H });
      assert.deepEqual(await store.consumeTicket('code-1', 'otp', T0), {
        id: 'code-1',
        kind: 'otp',
        payload: null,
        expiresAt: T0_PLUS_1H,
      });
    }));

  test('consumeTicket: of many concurrent consumers exactly one gets the ticket', () =>
    withStore(async (store) => {
      await store.putTicket({ id: 'ST-race', kind: 'cas', payload: { n: 1 }, expiresAt: T0_PLUS_1H });
      const results = await Promise.all(Array.from({ length: 20 }, () => store.consumeTicket('ST-race', 'cas', T0)));
      assert.equal(results.filter((r) => r !== undefined).length, 1);
    }));

  test('useOnce: true the first time, false while the key lives, true again once it expired', () =>
    withStore(async (store) => {
      assert.equal(await store.useOnce('jti', 'a1b2', T0_PLUS_1H, T0), true);
      assert.equal(await store.useOnce('jti', 'a1b2', T0_PLUS_1H, T0_PLUS_5S), false);
      assert.equal(await store.useOnce('ent-assertion', 'a1b2', T0_PLUS_1H, T0), true);
      assert.equal(await store.useOnce('jti', 'a1b2', '2026-03-02T10:00:00.000Z', T0_PLUS_1H), true);
      assert.equal(await store.useOnce('jti', 'a1b2', T0_PLUS_1H, T0_PLUS_1H), false);
      const concurrent = await Promise.all(
        Array.from({ length: 20 }, () => store.useOnce('jti', 'race', T0_PLUS_1H, T0)),
      );
      assert.equal(concurrent.filter(Boolean).length, 1);
    }));

  test('hit counts per key and window', () =>
    withStore(async (store) => {
      const w1 = '2026-03-02T08:00:00Z';
      const w2 = '2026-03-02T08:01:00Z';
      assert.equal(await store.hit('ip:192.0.2.10', w1, T0_PLUS_1H), 1);
      assert.equal(await store.hit('ip:192.0.2.10', w1, T0_PLUS_1H), 2);
      assert.equal(await store.hit('ip:192.0.2.11', w1, T0_PLUS_1H), 1);
      assert.equal(await store.hit('ip:192.0.2.10', w2, T0_PLUS_1H), 1);
      // The window keeps the expiry it was opened with.
      assert.equal(await store.hit('ip:192.0.2.13', w1, T0_PLUS_5S), 1);
      assert.equal(await store.hit('ip:192.0.2.13', w1, T0_PLUS_1H), 2);
      assert.equal(await store.purgeExpired(T0_PLUS_10S), 1);
      assert.equal(await store.hit('ip:192.0.2.13', w1, T0_PLUS_1H), 1);
      const counts = await Promise.all(Array.from({ length: 10 }, () => store.hit('ip:192.0.2.12', w1, T0_PLUS_1H)));
      assert.deepEqual(
        [...counts].sort((a, b) => a - b),
        [1, 2, 3, 4, 5, 6, 7, 8, 9, 10],
      );
    }));

  test('leases: one holder at a time, renewed by its holder, free after expiry or release', () =>
    withStore(async (store) => {
      assert.equal(await store.acquireLease('key-rotation', 'instance-a', T0_PLUS_10S, T0), true);
      assert.equal(await store.acquireLease('key-rotation', 'instance-b', T0_PLUS_10S, T0_PLUS_5S), false);
      assert.equal(await store.acquireLease('key-rotation', 'instance-a', T0_PLUS_1H, T0_PLUS_5S), true);
      assert.equal(await store.acquireLease('key-rotation', 'instance-b', T0_PLUS_1H, T0_PLUS_10S), false);
      assert.equal(await store.acquireLease('retention', 'instance-b', T0_PLUS_10S, T0), true);
      // Expired: another instance takes it.
      assert.equal(
        await store.acquireLease('key-rotation', 'instance-b', '2026-03-02T10:00:00.000Z', T0_PLUS_1H),
        true,
      );
      assert.equal(
        await store.acquireLease('key-rotation', 'instance-a', '2026-03-02T10:00:00.000Z', T0_PLUS_1H),
        false,
      );
      // Only the holder can release.
      await store.releaseLease('key-rotation', 'instance-a');
      assert.equal(
        await store.acquireLease('key-rotation', 'instance-a', '2026-03-02T10:00:00.000Z', T0_PLUS_1H),
        false,
      );
      await store.releaseLease('key-rotation', 'instance-b');
      assert.equal(
        await store.acquireLease('key-rotation', 'instance-a', '2026-03-02T10:00:00.000Z', T0_PLUS_1H),
        true,
      );
      // Two instances racing for a free lease: exactly one wins.
      const race = await Promise.all(
        ['instance-a', 'instance-b', 'instance-c', 'instance-d'].map((h) =>
          store.acquireLease('mail-outbox', h, T0_PLUS_1H, T0),
        ),
      );
      assert.equal(race.filter(Boolean).length, 1);
    }));

  test('signing keys and settings', () =>
    withStore(async (store) => {
      const key = (kid: string, createdAt: string) => ({
        kid,
        alg: 'ES256' as const,
        publicJwk: {
          kty: 'EC',
          crv: 'P-256',
          x: 'f83OJ3D2xF1Bg8vub9tLe1gHMzV76e8Tus9uPHvRVEU',
          y: 'x_FEzRu9m36HLN_tue659LNpXW6pCyStikYjKIWI5a0',
          kid,
        },
        encryptedPrivateJwk: 'eyJhbGciOiJkaXIiLCJlbmMiOiJBMjU2R0NNIn0..c2VjcmV0',
        createdAt,
        activatesAt: createdAt,
      });
      await store.putSigningKey(key('k-2026-03', '2026-03-01T00:00:00.000Z'));
      await store.putSigningKey(key('k-2026-02', '2026-02-01T00:00:00.000Z'));
      await store.putSigningKey({
        ...key('k-2026-02', '2026-02-01T00:00:00.000Z'),
        retiresAt: '2026-03-01T00:00:00.000Z',
      });
      const keys = await store.listSigningKeys();
      assert.deepEqual(
        keys.map((k) => k.kid),
        ['k-2026-02', 'k-2026-03'],
      );
      assert.equal(keys[0]?.retiresAt, '2026-03-01T00:00:00.000Z');
      assert.deepEqual(keys[1], key('k-2026-03', '2026-03-01T00:00:00.000Z'));
      await store.deleteSigningKey('k-2026-02');
      await store.deleteSigningKey('k-absent');
      assert.deepEqual(
        (await store.listSigningKeys()).map((k) => k.kid),
        ['k-2026-03'],
      );

      assert.equal(await store.getSetting('issuer'), undefined);
      await store.putSetting('issuer', 'https://gar.example.fr');
      await store.putSetting('issuer', 'https://gar.ac-rennes.fr');
      assert.equal(await store.getSetting('issuer'), 'https://gar.ac-rennes.fr');
    }));

  test('hand-off events: appended once, filtered by school, resource and period, oldest first', () =>
    withStore(async (store) => {
      await store.appendHandoffEvent(handoff({ id: 'HO-2', at: '2025-10-07T08:00:00.000Z' }));
      await store.appendHandoffEvent(handoff());
      await store.appendHandoffEvent(
        handoff({ id: 'HO-3', uai: LYCEE, outcome: 'refused', reason: 'no_copy', divisionCodes: [] }),
      );
      await store.appendHandoffEvent(
        handoff({ id: 'HO-4', resourceId: 'ark:/67890/dico', protocol: 'cas', at: '2025-11-03T08:00:00+01:00' }),
      );
      await rejectsWithCode(store.appendHandoffEvent(handoff()), 'conflict');
      const ids = async (f: Parameters<typeof store.listHandoffEvents>[0]) =>
        (await store.listHandoffEvents(f)).map((h) => h.id);
      assert.deepEqual(await ids({ uai: COLLEGE }), ['HO-0001', 'HO-2', 'HO-4']);
      assert.deepEqual(await ids({ uai: COLLEGE, resourceId: RESOURCE }), ['HO-0001', 'HO-2']);
      assert.deepEqual(await ids({ from: '2025-10-07T00:00:00Z', to: '2025-11-03T07:00:00Z' }), ['HO-2']);
      assert.deepEqual(await ids({ from: '2025-10-07T00:00:00Z', to: '2025-11-03T07:00:01Z' }), ['HO-2', 'HO-4']);
      assert.deepEqual(await ids({ limit: 2 }), ['HO-0001', 'HO-3']);
      const [refused] = await store.listHandoffEvents({ uai: LYCEE });
      assert.deepEqual(
        refused,
        handoff({ id: 'HO-3', uai: LYCEE, outcome: 'refused', reason: 'no_copy', divisionCodes: [] }),
      );
    }));

  test('purgeExpired deletes expired tickets, replay keys and rate windows only', () =>
    withStore(async (store) => {
      await store.putTicket({ id: 't-old', kind: 'cas', payload: {}, expiresAt: T0_PLUS_5S });
      await store.putTicket({ id: 't-new', kind: 'cas', payload: {}, expiresAt: T0_PLUS_1H });
      await store.useOnce('jti', 'old', T0_PLUS_5S, T0);
      await store.useOnce('jti', 'new', T0_PLUS_1H, T0);
      await store.hit('ip:192.0.2.10', T0, T0_PLUS_5S);
      await store.hit('ip:192.0.2.10', T0_PLUS_1H, '2026-03-02T09:01:00.000Z');
      await store.acquireLease('retention', 'instance-a', T0_PLUS_5S, T0);
      assert.equal(await store.purgeExpired(T0_PLUS_10S), 3);
      assert.equal(await store.purgeExpired(T0_PLUS_10S), 0);
      // Consumed at T0, t-old would still be valid: that it is gone shows the purge removed it.
      assert.equal(await store.consumeTicket('t-old', 'cas', T0), undefined);
      assert.equal((await store.consumeTicket('t-new', 'cas', T0))?.id, 't-new');
      assert.equal(await store.useOnce('jti', 'new', T0_PLUS_1H, T0_PLUS_10S), false);
      assert.equal(await store.hit('ip:192.0.2.10', T0_PLUS_1H, '2026-03-02T09:01:00.000Z'), 2);
      assert.equal(await store.hit('ip:192.0.2.10', T0, T0_PLUS_5S), 1);
    }));
}
