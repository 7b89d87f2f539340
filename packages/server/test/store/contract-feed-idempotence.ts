// The same feed imported twice changes nothing the second time, on every store: the difference is computed against
// what the store gives back, whatever order its mapper writes the keys of a record in.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { feedFiles, generateFeedModel } from '@opengar/test-support';
import type { AuditEntry, Store } from '../../src/store/index.js';
import { sources } from '../feeds/feed-sources.js';
import { FEED_ENT as ENT, SYSTEM as system } from '../helpers/fixtures.js';
import { buildWorld } from '../helpers/world.js';
import type { ContractContext } from './contract.js';

async function auditOf(store: Store, uais: readonly string[]): Promise<AuditEntry[]> {
  const all = await Promise.all(['', ...uais].map((uai) => store.listAudit({ uai, limit: 10_000 })));
  return all.flat();
}

/** Registers the feed-idempotence contract. */
export function feedIdempotenceContract(ctx: ContractContext): void {
  test('the same feed twice changes nothing: zero puts and deletes, no audit entry of a change, no notification', () =>
    ctx.withStore(async (store) => {
      const { service, clock } = await buildWorld({ data: 'feed', store });
      const model = generateFeedModel({ schools: 2, pupilsPerSchool: 30, pupilsPerDivision: 15 });
      const uais = model.schools.map((s) => s.uai);
      const first = await service.feeds.import(system, ENT, sources([...feedFiles(model)]));
      assert.equal(first.run.status, 'applied');
      assert.ok(
        Object.values(first.run.summary!).some((n) => n > 0),
        'the first import changes something',
      );
      const auditBefore = await auditOf(store, uais);
      const notificationsBefore = await store.listNotifications({ limit: 10_000 });
      const outboxBefore = await store.listOutbox({ limit: 10_000 });

      clock.advance(86_400_000);
      const second = await service.feeds.import(system, ENT, sources([...feedFiles(model)]));
      assert.equal(second.run.status, 'applied');
      const nonZero = Object.entries(second.run.summary!).filter(([, n]) => n !== 0);
      assert.deepEqual(nonZero, [], 'the second import reports no change');
      for (const r of second.reports)
        assert.ok(
          Object.values(r.changes).every((n) => n === 0),
          `no change at ${r.uai}`,
        );

      // The runs themselves are recorded (one feed.apply entry per school and one for the ENT); nothing else is.
      const seen = new Set(auditBefore.map((e) => e.id));
      const added = (await auditOf(store, uais)).filter((e) => !seen.has(e.id));
      assert.deepEqual(
        added.filter((e) => e.action !== 'feed.apply').map((e) => e.action),
        [],
        'no audit entry of a change',
      );
      for (const e of added)
        assert.ok(
          Object.values(e.after as Record<string, unknown>).every((v) => v === 0 || typeof v === 'string'),
          `${e.subjectType} ${e.uai}: nothing counted`,
        );
      assert.equal((await store.listNotifications({ limit: 10_000 })).length, notificationsBefore.length);
      assert.equal((await store.listOutbox({ limit: 10_000 })).length, outboxBefore.length);
    }));
}
