import assert from 'node:assert/strict';
import { test } from 'node:test';
import { feedFiles, generateFeedModel } from '@opengar/test-support';
import { syncReportCsv } from '../../src/feeds/sync-report.js';
import { sources } from './feed-sources.js';
import { FEED_ENT as ENT, SYSTEM as system } from '../helpers/fixtures.js';
import { buildWorld } from '../helpers/world.js';

test('the sync report: counts per profile, anomalies, CSV export; managers only', async () => {
  const { service } = await buildWorld({ data: 'feed' });
  const model = generateFeedModel({ schools: 1, pupilsPerSchool: 30, pupilsPerDivision: 15 });
  const uai = model.schools[0]!.uai;
  model.pupils[0]!.division = '';
  model.divisions.push({ uai, code: '3EMEZ', label: '3e Z' });
  model.respAff[0]!.email = 'not-an-email';
  const idle = model.staff.find((p) => p.profile === 'National_ens' && p.divisions.length > 0)!;
  idle.divisions = [];
  const noMef = model.pupils[2]!.id;
  const files = [...feedFiles(model)].map((f) => ({
    ...f,
    text: f.text
      .replace(
        /<men:GARPersonGroupe><men:GARStructureUAI>[^<]*<\/men:GARStructureUAI><men:GARPersonIdentifiant>[^<]*<\/men:GARPersonIdentifiant><men:GARGroupeCode><\/men:GARGroupeCode><\/men:GARPersonGroupe>/g,
        '',
      )
      .replace(
        new RegExp(
          `<men:GARPersonMEF><men:GARStructureUAI>[^<]*</men:GARStructureUAI><men:GARPersonIdentifiant>${noMef}</men:GARPersonIdentifiant>.*?</men:GARPersonMEF>`,
        ),
        '',
      ),
  }));
  assert.equal((await service.feeds.import(system, ENT, sources(files))).run.status, 'applied');
  const head = { kind: 'ent-user' as const, entId: ENT, personId: `${uai}-dir-0000` };
  const report = await service.feeds.syncReport(head, uai);
  assert.equal(report.counts.National_elv, 30);
  assert.equal(report.counts.National_dir, 1);
  assert.equal(report.anomalies.pupilsWithoutDivision.length, 1);
  assert.match(report.anomalies.pupilsWithoutDivision[0]!, /-elv-000000\)$/);
  assert.deepEqual(report.anomalies.divisionsWithoutPupils, ['3e Z (3EMEZ)']);
  assert.deepEqual(
    report.anomalies.managersWithoutEmail,
    [],
    "RespAff's address is invalid, but the head's own e-mail is known",
  );
  // A teacher in no class or group, a pupil without a MEF (no level): both named, and only they.
  assert.deepEqual(report.anomalies.teachersWithoutClasses, [`${idle.lastName} ${idle.firstName} (${idle.id})`]);
  assert.equal(report.anomalies.pupilsWithoutMef?.length, 1);
  assert.match(report.anomalies.pupilsWithoutMef![0]!, new RegExp(`\\(${noMef}\\)$`));
  const csv = syncReportCsv(report);
  assert.match(csv, /teacher_without_class;[^;]+;1\r\n/);
  assert.match(csv, /pupil_without_mef;[^;]+;1\r\n/);
  assert.match(csv, /^section;item;value\r\n/);
  assert.match(csv, /count;National_elv;30\r\n/);
  assert.match(csv, /division_without_pupils;3e Z \(3EMEZ\);1/);
  await assert.rejects(
    service.feeds.syncReport({ kind: 'ent-user', entId: ENT, personId: `${uai}-elv-000001` }, uai),
    (e: { code?: string }) => e.code === 'forbidden',
  );
});

test('the CSV export neutralises spreadsheet formulas', () => {
  const csv = syncReportCsv({
    uai: 'X',
    entId: ENT,
    runId: 'r',
    at: '2026-09-01T00:00:00Z',
    counts: {},
    changes: {
      arrived: 0,
      changed: 0,
      left: 0,
      divisionsAdded: 0,
      divisionsRenamed: 0,
      divisionsRemoved: 0,
      groupsAdded: 0,
      groupsRenamed: 0,
      groupsRemoved: 0,
      membershipChanges: 0,
    },
    anomalies: {
      pupilsWithoutDivision: ['=HYPERLINK("x";"y") (p1)'],
      divisionsWithoutPupils: [],
      managersWithoutEmail: [],
    },
  });
  assert.match(csv, /pupil_without_division;"'=HYPERLINK\(""x"";""y""\) \(p1\)";1/);
});

test('people who left are erased after the grace period; an operator erases one on request; audit keeps a pseudonym', async () => {
  const { service, store, clock } = await buildWorld({ data: 'feed' });
  const model = generateFeedModel({ schools: 1, pupilsPerSchool: 10 });
  const uai = model.schools[0]!.uai;
  await service.feeds.import(system, ENT, sources([...feedFiles(model)]));
  const leaving = model.pupils[0]!.id;
  const next = structuredClone(model);
  next.pupils = next.pupils.slice(1);
  next.exportedAt = '20260902_060000';
  await service.feeds.import(system, ENT, sources([...feedFiles(next)]));
  assert.ok(await store.getDeparture(ENT, leaving));
  await store.appendAudit({
    id: 'trace',
    at: clock.now().toISOString(),
    uai,
    actor: 'head',
    action: 'allocation.withdraw',
    subjectType: 'copy',
    subjectId: leaving,
    before: { personId: leaving },
  });
  assert.equal(await service.feeds.eraseDeparted(system), 0, 'not before the grace period');
  clock.advance(91 * 86_400_000);
  assert.equal(await service.feeds.eraseDeparted(system), 1);
  assert.equal(await store.getDeparture(ENT, leaving), undefined);
  const trace = await store.getAudit('trace');
  assert.match(trace!.subjectId, /^erased:[0-9a-f]{24}$/);
  assert.deepEqual(trace!.before, { personId: trace!.subjectId });

  const present = model.pupils[1]!.id;
  await assert.rejects(
    service.feeds.erasePerson({ kind: 'ent-user', entId: ENT, personId: present }, ENT, present),
    (e: { code?: string }) => e.code === 'forbidden',
  );
  const { pseudonym } = await service.feeds.erasePerson({ kind: 'operator', operatorId: 'op1' }, ENT, present);
  assert.equal(await store.getPerson(ENT, present), undefined);
  assert.deepEqual(await store.listMemberships({ uai, personId: present }), []);
  const erasure = (await store.listAudit({ uai: '', limit: 50 })).find(
    (a) => a.action === 'person.erase' && a.subjectId === pseudonym,
  );
  assert.equal(erasure?.actor, 'operator:op1');
  await assert.rejects(
    service.feeds.erasePerson({ kind: 'operator', operatorId: 'op1' }, ENT, present),
    (e: { code?: string }) => e.code === 'not-found',
  );
});

test('a primary school whose head has no e-mail anywhere is reported', async () => {
  const { service } = await buildWorld({ data: 'feed' });
  const model = generateFeedModel({ degree: '1D', schools: 1, pupilsPerSchool: 10 });
  model.respAff = [];
  await service.feeds.import(system, ENT, sources([...feedFiles(model)]));
  const uai = model.schools[0]!.uai;
  const report = await service.feeds
    .syncReport({ kind: 'operator', operatorId: 'x' }, uai)
    .catch((e: { code?: string }) => e.code);
  assert.equal(report, 'forbidden', 'the operator reads reports through the feed runs, not the console');
  const head = { kind: 'ent-user' as const, entId: ENT, personId: `${uai}-dir-0000` };
  const mine = await service.feeds.syncReport(head, uai);
  assert.equal(mine.anomalies.managersWithoutEmail.length, 1);
});
