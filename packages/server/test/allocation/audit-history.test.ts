import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { auditRecordSchema, readAuditRecord } from '@opengar/core';
import { HEAD_A, PROF_A, RESP_A, S1, pupil } from '../helpers/fixtures.js';
import { createTestPgliteStore } from '../helpers/pglite-template.js';
import { type AllocationWorld, buildWorld, failure, holders } from '../helpers/world.js';

const RESP = 'respaff-a';

/** The allocation console's entries (the world's set-up writes directory entries too). */
const console = async (w: AllocationWorld, q: Record<string, string> = {}) =>
  (await w.service.allocation.audit(HEAD_A, S1, { limit: '500', ...q })).items.filter((e) => e.kind !== undefined);

describe('a history that explains itself', () => {
  it('names each entry’s targets with their population, its copies per audience, author and time', async () => {
    const w = await buildWorld({ data: 'allocation', pupils: 3 });
    const a = await w.service.allocation.allocate(HEAD_A, S1, {
      subscriptionId: 'INDIV-10',
      targets: [{ kind: 'division', code: '6A' }],
    });
    w.clock.advance(1000);
    const wd = await w.service.allocation.withdraw(RESP_A, S1, { subscriptionId: 'INDIV-10', personIds: [pupil(1)] });
    const [withdrawal, grant] = await console(w);
    assert.equal(grant!.id, a.auditId);
    assert.equal(grant!.kind, 'allocate');
    assert.equal(grant!.author, 'Anne Chef');
    assert.equal(grant!.subscriptionId, 'INDIV-10');
    assert.deepEqual(grant!.targets, [{ key: 'division:6A', kind: 'division', name: '6e A', population: ['ELEVE'] }]);
    assert.deepEqual(grant!.gave, { ELEVE: 3 });
    assert.deepEqual(grant!.took, {});
    assert.equal(withdrawal!.id, wd.auditId);
    assert.equal(withdrawal!.author, 'Rémi Resp');
    assert.deepEqual(withdrawal!.targets, [
      { key: `person:${pupil(1)}`, kind: 'person', name: 'Test Élève1', population: ['ELEVE'] },
    ]);
    assert.deepEqual(withdrawal!.took, { ELEVE: 1 });
    // The stored records are the typed union of core, version 2.
    for (const id of [a.auditId, wd.auditId]) {
      const stored = await w.store.getAudit(id);
      assert.equal(auditRecordSchema.parse(stored!.after).v, 2);
    }
  });

  it('an undo says what it undid, and what it took back per audience', async () => {
    const w = await buildWorld({ data: 'allocation', pupils: 2 });
    const a = await w.service.allocation.allocate(HEAD_A, S1, {
      subscriptionId: 'INDIV-10',
      targets: [{ kind: 'division', code: '6A' }],
    });
    w.clock.advance(1000);
    const u = await w.service.allocation.undo(HEAD_A, S1, a.auditId);
    const [undo, undone] = await console(w);
    assert.equal(undo!.id, u.auditId);
    assert.equal(undo!.kind, 'undo');
    assert.deepEqual(undo!.undid, { auditId: a.auditId, kind: 'allocate' });
    assert.deepEqual(
      undo!.targets.map((t) => t.name),
      ['6e A'],
    );
    assert.deepEqual(undo!.took, { ELEVE: 2 });
    assert.equal(undo!.undoable, false);
    assert.equal(undone!.undoneBy, u.auditId);
    assert.equal(undone!.undoable, false);
  });

  it('previews an undo without doing it: the same copies, or the refusal the undo would meet', async () => {
    const w = await buildWorld({ data: 'allocation', pupils: 3 });
    const a = await w.service.allocation.allocate(HEAD_A, S1, {
      subscriptionId: 'INDIV-10',
      targets: [{ kind: 'division', code: '6A' }],
    });
    const preview = await w.service.allocation.undoPreview(HEAD_A, S1, a.auditId);
    assert.equal(preview.possible, true);
    assert.equal(preview.kind, 'allocate');
    assert.deepEqual(preview.took, { ELEVE: 3 });
    assert.deepEqual(preview.gave, {});
    assert.deepEqual(
      preview.targets.map((t) => t.name),
      ['6e A'],
    );
    assert.deepEqual(await holders(w.store, 'INDIV-10'), [pupil(1), pupil(2), pupil(3)], 'a preview changes nothing');
    assert.equal((await w.store.getAudit(a.auditId))?.undoneBy, undefined);
    assert.equal((await console(w)).length, 1, 'a preview writes no entry');

    const nt = await w.service.allocation.allocate(HEAD_A, S1, {
      subscriptionId: 'NT-5',
      targets: [{ kind: 'person', personId: pupil(1) }],
    });
    await w.store.markCopyOpened('NT-5', pupil(1), w.clock.now().toISOString());
    const refused = await w.service.allocation.undoPreview(HEAD_A, S1, nt.auditId);
    assert.equal(refused.possible, false);
    assert.equal(refused.reason?.code, 'not-withdrawable');
    await w.service.allocation.undo(HEAD_A, S1, a.auditId);
    assert.equal((await w.service.allocation.undoPreview(HEAD_A, S1, a.auditId)).reason?.code, 'conflict');
    assert.equal((await failure(w.service.allocation.undoPreview(HEAD_A, S1, 'no-such-entry'))).code, 'not-found');
    assert.equal((await failure(w.service.allocation.undoPreview(PROF_A, S1, a.auditId))).code, 'forbidden');
  });

  it('filters by subscription, target, author and date range, and pages with `next`', async () => {
    const w = await buildWorld({ data: 'allocation', pupils: 4 });
    w.clock.advance(1000);
    const t0 = w.clock.now().toISOString();
    const ids: string[] = [];
    for (let i = 1; i <= 4; i++) {
      w.clock.advance(60_000);
      const by = i % 2 === 0 ? RESP_A : HEAD_A;
      const sub = i <= 2 ? 'INDIV-10' : 'NT-5';
      ids.push(
        (
          await w.service.allocation.allocate(by, S1, {
            subscriptionId: sub,
            targets: [{ kind: 'person', personId: pupil(i) }],
          })
        ).auditId,
      );
    }
    w.clock.advance(60_000);
    ids.push(
      (
        await w.service.allocation.allocate(HEAD_A, S1, {
          subscriptionId: 'INDIV-10',
          targets: [{ kind: 'division', code: '6A' }],
        })
      ).auditId,
    );
    const list = async (q: Record<string, string>) =>
      (await w.service.allocation.audit(HEAD_A, S1, { from: t0, ...q })).items.map((e) => e.id);
    assert.deepEqual(await list({ subscriptionId: 'NT-5' }), [ids[3], ids[2]]);
    assert.deepEqual(await list({ target: `person:${pupil(2)}` }), [ids[1]]);
    assert.deepEqual(await list({ target: 'division:6A' }), [ids[4]]);
    assert.deepEqual(await list({ author: RESP }), [ids[3], ids[1]]);
    const from = new Date(Date.parse(t0) + 2 * 60_000).toISOString();
    const to = new Date(Date.parse(t0) + 4 * 60_000).toISOString();
    assert.deepEqual(await list({ from, to }), [ids[2], ids[1]], '`from` included, `to` excluded');
    assert.deepEqual(await list({ subscriptionId: 'INDIV-10', author: 'head-a' }), [ids[4], ids[0]]);

    const seen: string[] = [];
    let cursor: string | undefined;
    let pages = 0;
    do {
      const page = await w.service.allocation.audit(HEAD_A, S1, {
        from: t0,
        limit: '2',
        ...(cursor ? { cursor } : {}),
      });
      seen.push(...page.items.map((e) => e.id));
      cursor = page.next;
      pages++;
    } while (cursor);
    assert.deepEqual(seen, [...ids].reverse());
    assert.equal(pages, 3);
    assert.equal(
      (await failure(w.service.allocation.audit(HEAD_A, S1, { cursor: 'not-a-cursor' }))).code,
      'validation',
    );
    assert.equal((await failure(w.service.allocation.audit(HEAD_A, S1, { target: 'nowhere' }))).code, 'validation');
    assert.equal((await failure(w.service.allocation.audit(HEAD_A, S1, { from: 'yesterday' }))).code, 'validation');
  });

  it('exports CSV with French headers, Paris time, and cells safe from formula injection', async () => {
    const w = await buildWorld({ data: 'allocation', pupils: 1 });
    await w.service.directory.putGroup({ kind: 'system' }, 'ENTA', {
      uai: S1,
      code: 'EVIL',
      label: '=HYPERLINK("x";"y")',
      status: 'GROUPE',
    });
    await w.service.directory.putMembership({ kind: 'system' }, 'ENTA', {
      uai: S1,
      groupCode: 'EVIL',
      personId: pupil(1),
    });
    w.clock.advance(1000);
    await w.service.allocation.allocate(HEAD_A, S1, {
      subscriptionId: 'INDIV-10',
      targets: [{ kind: 'group', code: 'EVIL' }],
    });
    const csv = await w.service.allocation.auditCsv(HEAD_A, S1, { from: w.clock.now().toISOString() });
    const lines = csv
      .replace(/^\uFEFF/, '')
      .trimEnd()
      .split('\r\n');
    assert.equal(lines[0], 'Date;Auteur;Action;Ressource;Cibles;Exemplaires donnés;Exemplaires repris;Annule;Annulée');
    assert.equal(lines.length, 2);
    const row = lines[1]!;
    assert.match(row, /^10\/01\/2026 09:0\d;Anne Chef;Affectation;/, 'the world’s 08:00 UTC in January, in Paris time');
    assert.match(row, /;"'=HYPERLINK\(""x"";""y""\) \(élèves\)";1 élève;/, 'a formula is neutralised and quoted');
    assert.ok(csv.startsWith('\uFEFF'));
    assert.equal(await w.service.allocation.auditCsv(HEAD_A, S1, { author: 'nobody' }), `\uFEFF${lines[0]}\r\n`);
  });

  it('reads and undoes entries written in the old shape (version 1)', async () => {
    const w = await buildWorld({ data: 'allocation', pupils: 2 });
    const a = await w.service.allocation.allocate(HEAD_A, S1, {
      subscriptionId: 'INDIV-10',
      targets: [{ kind: 'division', code: '6A' }],
    });
    // Rewrite the entry as version 1 wrote it: no version, no audiences, no counts.
    const stored = (await w.store.getAudit(a.auditId))!;
    const r = readAuditRecord(stored);
    assert.equal(r?.kind, 'allocate');
    if (r?.kind !== 'allocate') return;
    const v1 = {
      ...stored,
      id: 'old-entry',
      after: {
        subscriptionId: r.subscriptionId,
        targets: r.targets,
        allocationIds: r.allocationIds,
        assignedAt: r.assignedAt,
        granted: r.granted.map(({ personId, allocationId }) => ({ personId, allocationId })),
      },
    };
    await w.store.appendAudit(v1);
    const old = (await console(w)).find((e) => e.id === 'old-entry')!;
    assert.equal(old.kind, 'allocate');
    assert.deepEqual(
      old.targets.map((t) => t.name),
      ['6e A'],
    );
    assert.equal(old.undoable, true);
    await w.service.allocation.undo(HEAD_A, S1, 'old-entry');
    assert.deepEqual(await holders(w.store, 'INDIV-10'), []);
    // An old entry that says too little is refused, never guessed.
    await w.store.appendAudit({ ...stored, id: 'broken', after: { subscriptionId: 'INDIV-10' } });
    assert.equal((await failure(w.service.allocation.undo(HEAD_A, S1, 'broken'))).code, 'conflict');
  });

  it('keeps no name in a record: a person erased since reads as their pseudonym, everywhere in the record', async () => {
    const w = await buildWorld({ data: 'allocation', pupils: 2 });
    const a = await w.service.allocation.allocate(HEAD_A, S1, {
      subscriptionId: 'INDIV-10',
      targets: [{ kind: 'person', personId: pupil(1) }],
    });
    const stored = JSON.stringify(await w.store.getAudit(a.auditId));
    assert.ok(!stored.includes('Élève1'), 'no name stored');
    await w.store.pseudonymizeAudit({ uais: [S1], personId: pupil(1), pseudonym: 'erased:0123456789abcdef01234567' });
    const after = JSON.stringify(await w.store.getAudit(a.auditId));
    assert.ok(!after.includes(`"${pupil(1)}"`), 'the id is gone from the record');
    const [entry] = await console(w);
    assert.deepEqual(
      entry!.targets.map((t) => t.name),
      ['erased:0123456789abcdef01234567'],
    );
    assert.deepEqual(entry!.gave, { ELEVE: 1 });
  });

  it('on PGlite: the preview rolls back, filters and paging read the same', { timeout: 120_000 }, async () => {
    const dir = mkdtempSync(join(tmpdir(), 'opengar-history-'));
    const store = await createTestPgliteStore(join(dir, 'data'));
    try {
      const w = await buildWorld({ data: 'allocation', store, pupils: 3 });
      w.clock.advance(1000);
      const a = await w.service.allocation.allocate(HEAD_A, S1, {
        subscriptionId: 'INDIV-10',
        targets: [{ kind: 'division', code: '6A' }],
      });
      const preview = await w.service.allocation.undoPreview(HEAD_A, S1, a.auditId);
      assert.deepEqual([preview.possible, preview.took], [true, { ELEVE: 3 }]);
      assert.deepEqual(await holders(store, 'INDIV-10'), [pupil(1), pupil(2), pupil(3)], 'rolled back');
      const [entry] = await console(w, { target: 'division:6A' });
      assert.deepEqual([entry?.id, entry?.targets[0]?.name, entry?.gave], [a.auditId, '6e A', { ELEVE: 3 }]);
      await w.service.allocation.undo(HEAD_A, S1, a.auditId);
      assert.deepEqual(await holders(store, 'INDIV-10'), []);
    } finally {
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
