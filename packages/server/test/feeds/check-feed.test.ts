import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { FEED_BREAKAGES, feedFiles, generateFeedModel } from '@opengar/test-support';
import { parseFeedFileName } from '../../src/feeds/feed-file-name.js';
import { sources } from './feed-sources.js';
import { FEED_ENT as ENT, SYSTEM as system } from '../helpers/fixtures.js';
import { buildWorld } from '../helpers/world.js';

const valid2D = [...feedFiles(generateFeedModel({ schools: 2, pupilsPerSchool: 40 }), { perFile: 30 })];
const valid1D = [...feedFiles(generateFeedModel({ degree: '1D', schools: 1, pupilsPerSchool: 30 }), { perFile: 30 })];

describe('feed checks', () => {
  test('a kind spans several numbered files, named as GAR names them', () => {
    const eleve = valid2D.filter((f) => f.name.includes('_Eleve_')).map((f) => parseFeedFileName(f.name)!);
    assert.ok(eleve.length >= 3);
    assert.deepEqual(
      eleve.map((n) => n.part),
      eleve.map((_, i) => i),
    );
    assert.equal(eleve[0]!.entId, ENT);
  });

  for (const [label, files] of [
    ['secondary', valid2D],
    ['primary', valid1D],
  ] as const) {
    test(`a valid ${label} feed is accepted and applied`, async () => {
      const { service, store } = await buildWorld({ data: 'feed' });
      const { run, reports } = await service.feeds.import(system, ENT, sources(files));
      assert.equal(run.status, 'applied');
      assert.equal(run.problemCount, 0);
      const schools = await store.listSchools({ entId: ENT });
      assert.equal(schools.length, label === 'secondary' ? 2 : 1);
      assert.equal(schools[0]!.degree, label === 'secondary' ? '2D' : '1D');
      assert.equal(reports.length, schools.length);
      assert.equal(
        await store.countPeople({ uai: schools[0]!.uai, audience: 'ELEVE' }),
        label === 'secondary' ? 40 : 30,
      );
      assert.ok((await store.listGroups(schools[0]!.uai)).some((g) => g.status === 'DIVISION'));
      assert.ok((await store.listMefs(schools[0]!.uai)).length > 0);
      assert.equal((await store.listRespAff({ entId: ENT })).length, schools.length);
    });
  }

  for (const b of FEED_BREAKAGES) {
    test(`refused as a whole: ${b.name} (${b.code})`, async () => {
      const { service, store } = await buildWorld({ data: 'feed' });
      const { run } = await service.feeds.import(system, ENT, sources(b.apply(valid2D)));
      assert.equal(run.status, 'refused');
      const problem = run.problems.find((p) => p.code === b.code);
      assert.ok(problem, `expected ${b.code}, got ${run.problems.map((p) => p.code).join(', ')}`);
      if (!['missing_kind', 'bad_file_name'].includes(b.code)) {
        assert.match(problem.file, /_GAR-ENT_Complet_/);
        assert.ok(problem.line > 0, 'the line is given');
      }
      assert.deepEqual(await store.listSchools(), [], 'nothing was applied');
      assert.equal((await store.listFeedRuns({ entId: ENT }))[0]!.status, 'refused');
    });
  }

  test('every problem of a feed is reported, not just the first', async () => {
    const { service } = await buildWorld({ data: 'feed' });
    const broken = FEED_BREAKAGES.find((b) => b.code === 'unknown_profile')!.apply(
      FEED_BREAKAGES.find((b) => b.code === 'unknown_status')!.apply(valid2D),
    );
    const { run } = await service.feeds.import(system, ENT, sources(broken));
    const codes = new Set(run.problems.map((p) => p.code));
    assert.ok(codes.has('unknown_profile') && codes.has('unknown_status'));
    // The division refused for its status leaves its memberships pointing nowhere: reported too.
    assert.ok(codes.has('unknown_group'));
    assert.equal(run.problemCount, run.problems.length);
  });

  test("a feed may not take another ENT's school", async () => {
    const { service, store } = await buildWorld({ data: 'feed' });
    const uai = generateFeedModel({ schools: 1 }).schools[0]!.uai;
    await store.putEnt({ id: 'OTHER', name: 'Autre', origins: [], clientCertFingerprints: [] });
    await store.putSchool({ uai, entId: 'OTHER', name: 'Autre école', degree: '2D' });
    const { run } = await service.feeds.import(system, ENT, sources(valid2D));
    assert.ok(run.problems.some((p) => p.code === 'school_of_other_ent'));
    assert.equal((await store.getSchool(uai))!.entId, 'OTHER');
  });

  test('an ENT back end may import only its own feed', async () => {
    const { service } = await buildWorld({ data: 'feed' });
    await assert.rejects(
      service.feeds.import({ kind: 'ent-client', entId: 'OTHER' }, ENT, sources(valid2D)),
      (e: { code?: string }) => e.code === 'forbidden',
    );
  });
});
