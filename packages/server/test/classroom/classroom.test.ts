import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { GarServiceError } from '../../src/index.js';
import { HEAD_A, HEAD_B, pupil, R_DICO, R_MATHS, S1, S2 } from '../helpers/fixtures.js';
import { buildClassroomWorld, PUPIL, TEACHER_A, TEACHER_B } from './world.js';

const code = (c: string) => (e: unknown) => e instanceof GarServiceError && e.code === c;
const pinFor = (o: Record<string, unknown> = {}) => ({
  uai: S1,
  resourceId: R_MATHS,
  groupCodes: ['6A'],
  note: 'Chapitre 3 : les fractions',
  until: '2026-02-28',
  ...o,
});

describe('pins', () => {
  it('a teacher pins for a class they teach; pupils with a copy see it first, the others nothing', async () => {
    const w = await buildClassroomWorld();
    const pin = await w.service.classroom.pin(TEACHER_A, pinFor());
    assert.equal(pin.resourceName.length > 0, true);
    assert.deepEqual(
      pin.classes.map((c) => [c.groupCode, c.pupils, c.lacking.length]),
      [['6A', 12, 6]],
    );
    assert.deepEqual(
      pin.classes[0]!.lacking.map((p) => p.id),
      [7, 8, 9, 10, 11, 12].map(pupil),
    );
    const seen = await w.service.mediacentre.recommendations(PUPIL(1), { uai: S1 });
    assert.deepEqual(seen.items, [
      { resourceId: R_MATHS, by: 'M.\u00a0Martin', note: 'Chapitre 3 : les fractions', until: '2026-02-28' },
    ]);
    const without = await w.service.mediacentre.recommendations(PUPIL(9), { uai: S1 });
    assert.deepEqual(without, { uai: S1, items: [] });
    // The day after `until` (Paris), it is gone.
    w.clock.current = new Date('2026-02-28T23:30:00Z');
    assert.deepEqual((await w.service.mediacentre.recommendations(PUPIL(1), { uai: S1 })).items, []);
  });

  it('refuses a class the teacher does not teach, another school, a past day and bad notes', async () => {
    const w = await buildClassroomWorld();
    await w.service.directory.putGroup({ kind: 'system' }, 'ENTA', {
      uai: S1,
      code: '6B',
      label: '6e B',
      status: 'DIVISION',
    });
    await assert.rejects(w.service.classroom.pin(TEACHER_A, pinFor({ groupCodes: ['6B'] })), code('forbidden'));
    await assert.rejects(w.service.classroom.pin(TEACHER_A, pinFor({ uai: S2 })), code('not-found'));
    await assert.rejects(w.service.classroom.pin(TEACHER_B, pinFor()), code('not-found'));
    await assert.rejects(w.service.classroom.pin(HEAD_A, pinFor()), code('forbidden'));
    await assert.rejects(w.service.classroom.pin(PUPIL(1), pinFor()), code('forbidden'));
    await assert.rejects(w.service.classroom.pin(TEACHER_A, pinFor({ until: '2026-01-09' })), code('validation'));
    await assert.rejects(w.service.classroom.pin(TEACHER_A, pinFor({ until: '2027-06-01' })), code('validation'));
    await assert.rejects(w.service.classroom.pin(TEACHER_A, pinFor({ note: 'a\nb' })), code('validation'));
    await assert.rejects(w.service.classroom.pin(TEACHER_A, pinFor({ note: 'x'.repeat(281) })), code('validation'));
    await assert.rejects(w.service.classroom.pin(TEACHER_A, pinFor({ groupCodes: [] })), code('validation'));
    await assert.rejects(
      w.service.classroom.pin(TEACHER_A, pinFor({ resourceId: 'ark:/99999/none' })),
      code('validation'),
    );
    assert.deepEqual(await w.service.classroom.pins(TEACHER_A, { uai: S1 }), []);
  });

  it('a note is kept as plain text, and a pin is removed only by its teacher', async () => {
    const w = await buildClassroomWorld();
    const pin = await w.service.classroom.pin(TEACHER_A, pinFor({ note: '<img src=x onerror=alert(1)>' }));
    assert.equal(
      (await w.service.mediacentre.recommendations(PUPIL(2), { uai: S1 })).items[0]?.note,
      '<img src=x onerror=alert(1)>',
    );
    await assert.rejects(w.service.classroom.unpin(HEAD_A, S1, pin.id), code('forbidden'));
    await assert.rejects(w.service.classroom.unpin(TEACHER_A, S1, 'nope'), code('not-found'));
    await w.service.classroom.unpin(TEACHER_A, S1, pin.id);
    assert.deepEqual(await w.service.classroom.pins(TEACHER_A, { uai: S1 }), []);
  });

  it('a pin stops showing when its teacher no longer teaches the class', async () => {
    const w = await buildClassroomWorld();
    await w.service.classroom.pin(TEACHER_A, pinFor());
    await w.store.deleteTeachings([{ uai: S1, personId: 'prof-a', groupCode: '6A', subject: '020700' }]);
    assert.deepEqual((await w.service.mediacentre.recommendations(PUPIL(1), { uai: S1 })).items, []);
  });
});

describe('my classes', () => {
  it('lists the classes taught and how many pupils of each hold each resource', async () => {
    const w = await buildClassroomWorld();
    const mine = await w.service.classroom.classes(TEACHER_A, { uai: S1 });
    assert.deepEqual(
      mine.classes.map((c) => [c.code, c.pupils]),
      [
        ['6A', 12],
        ['LATIN', 3],
      ],
    );
    const maths = mine.resources.find((r) => r.resourceId === R_MATHS);
    assert.deepEqual(maths?.holders, [6, 3]);
    assert.deepEqual(mine.resources.find((r) => r.resourceId === R_DICO)?.holders, [12, 3]);
    await assert.rejects(w.service.classroom.classes(HEAD_B, { uai: S1 }), code('not-found'));
    await assert.rejects(w.service.classroom.classes(TEACHER_A, { uai: S2 }), code('not-found'));
    await assert.rejects(w.service.classroom.classes(TEACHER_A, {}), code('validation'));
  });

  it('usage shows no figure under 5 and hides what subtraction would reveal', async () => {
    const w = await buildClassroomWorld();
    const subs = await w.store.listCopies({ subscriptionId: 'INDIV-10' });
    for (const c of subs) await w.store.markCopyOpened('INDIV-10', c.personId, '2026-01-09T08:00:00Z');
    const u = await w.service.classroom.usage(TEACHER_A, { uai: S1 });
    assert.deepEqual(u.table.columns, ['6A', 'LATIN']);
    assert.deepEqual(
      u.table.rows.map((r) => r.key),
      [R_MATHS],
    );
    // 6A: 6 opened (published); LATIN: 3 (band); a row total (9) would give LATIN = 9 − 6: totals are never shown.
    assert.deepEqual(u.table.cells[0]![0], { status: 'published', accesses: 6, people: 6 });
    assert.deepEqual(u.table.cells[0]![1], { status: 'suppressed', reason: 'primary', band: '<5' });
    assert.equal(u.table.rowTotals[0]!.status, 'suppressed');
    assert.equal(u.table.total.status, 'suppressed');
  });

  it('usage hides a published cell that would give a hidden one by subtraction (a group equal to 6A minus pupils)', async () => {
    const w = await buildClassroomWorld();
    // LATIN2 = 6A's holders but p01–p03: LATIN2 = 6A − LATIN, so publishing 6A and LATIN2 would give LATIN.
    await w.service.directory.putGroup({ kind: 'system' }, 'ENTA', {
      uai: S1,
      code: 'LATIN2',
      label: 'Latin 2',
      status: 'GROUPE',
    });
    for (const i of [4, 5, 6, 7, 8, 9, 10, 11, 12])
      await w.service.directory.putMembership({ kind: 'system' }, 'ENTA', {
        uai: S1,
        groupCode: 'LATIN2',
        personId: pupil(i),
      });
    await w.store.putTeachings([{ uai: S1, personId: 'prof-a', groupCode: 'LATIN2', subject: '020400' }]);
    await w.service.allocation.allocate(HEAD_A, S1, {
      subscriptionId: 'INDIV-10',
      targets: [7, 8, 9, 10].map((i) => ({ kind: 'person' as const, personId: pupil(i) })),
    });
    for (const c of await w.store.listCopies({ subscriptionId: 'INDIV-10' }))
      await w.store.markCopyOpened('INDIV-10', c.personId, '2026-01-09T08:00:00Z');
    const u = await w.service.classroom.usage(TEACHER_A, { uai: S1 });
    assert.deepEqual(u.table.columns, ['6A', 'LATIN', 'LATIN2']);
    const row = u.table.cells[0]!;
    assert.equal(row[1]!.status, 'suppressed');
    assert.ok(row.filter((x) => x.status === 'published').length <= 1, JSON.stringify(row));
  });
});

describe('class requests', () => {
  it('reach the responsables, who grant or decline; the teacher sees the fate', async () => {
    const w = await buildClassroomWorld();
    const r = await w.service.classroom.request(TEACHER_A, {
      uai: S1,
      resourceId: R_MATHS,
      groupCode: '6A',
      message: 'Pour les 6 élèves sans licence',
    });
    assert.equal(r.status, 'pending');
    assert.equal(r.teacherName, 'M.\u00a0Martin');
    await assert.rejects(
      w.service.classroom.request(TEACHER_A, { uai: S1, resourceId: R_MATHS, groupCode: '6A' }),
      code('conflict'),
    );
    const inbox = await w.service.notifications.list(HEAD_A, S1, { lang: 'fr' });
    const told = inbox.find((n) => n.kind === 'class.request');
    assert.ok(told, 'the head is notified');
    assert.match(told.text, /M\.\u00a0Martin demande/);
    const outbox = await w.store.listOutbox({ limit: 100 });
    assert.ok(outbox.some((m) => m.subject.includes('demande')));
    assert.deepEqual(
      (await w.service.allocation.classRequests(HEAD_A, S1)).map((x) => x.id),
      [r.id],
    );
    await assert.rejects(w.service.allocation.classRequests(HEAD_B, S1), code('not-found'));
    await assert.rejects(w.service.allocation.classRequests(TEACHER_A, S1), code('forbidden'));
    await assert.rejects(
      w.service.allocation.decideClassRequest(TEACHER_A, S1, r.id, { status: 'granted' }),
      code('forbidden'),
    );
    const d = await w.service.allocation.decideClassRequest(HEAD_A, S1, r.id, {
      status: 'declined',
      answer: 'Plus de licences cette année',
    });
    assert.equal(d.status, 'declined');
    await assert.rejects(
      w.service.allocation.decideClassRequest(HEAD_A, S1, r.id, { status: 'granted' }),
      code('conflict'),
    );
    const mine = await w.service.classroom.requests(TEACHER_A, { uai: S1 });
    assert.deepEqual(
      mine.map((x) => [x.status, x.answer]),
      [['declined', 'Plus de licences cette année']],
    );
    await assert.rejects(
      w.service.classroom.request(TEACHER_A, { uai: S1, resourceId: R_MATHS, groupCode: '5B' }),
      code('forbidden'),
    );
  });
});

describe('erasure', () => {
  it('erasing a teacher removes their pins and names the pseudonym in their requests, without the message', async () => {
    const w = await buildClassroomWorld();
    await w.service.classroom.pin(TEACHER_A, pinFor());
    await w.service.classroom.request(TEACHER_A, { uai: S1, resourceId: R_MATHS, groupCode: '6A', message: 'Merci' });
    const { pseudonym } = await w.service.feeds.erasePerson({ kind: 'system' }, 'ENTA', 'prof-a');
    assert.deepEqual(await w.store.listPins({ uai: S1 }), []);
    const [r] = await w.store.listClassRequests({ uai: S1 });
    assert.equal(r?.teacherId, pseudonym);
    assert.equal(r?.message, undefined);
    assert.equal(r?.status, 'pending');
  });
});
