// 1D feeds where they differ from 2D: an export speaks only for the schools of its degree, and the école's sync report
// checks levels, the director in RespAff and profiles an école has not.
import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import type { Person, RespAff } from '@opengar/core';
import { createGarService, silentLogger } from '../../src/index.js';
import { createMemoryStore } from '../../src/store/index.js';
import { DEMO_UAI } from '../../src/seed/demo-catalogue.js';
import { demoDataSet } from '../../src/seed/demo-data-set.js';
import { demoFeedFiles, demoFeedSources, type DemoFeedFile } from '../../src/seed/demo-feed.js';
import { seedDemo } from '../../src/seed/seed-demo.js';
import { inScope, mergeOutOfScope, mergeRespAff, respAffLeft } from '../../src/feeds/degree-scope.js';

const system = { kind: 'system' } as const;
const data = demoDataSet();

async function world() {
  const store = createMemoryStore();
  await seedDemo(store, { data });
  const service = createGarService({
    store,
    clock: { now: () => new Date(Date.parse(data.referenceDate) + 86_400_000) },
    issuer: 'https://gar.test',
    pseudonymSecret: 'primary-feed-test-secret-0123456789abcdef',
    logger: silentLogger,
  });
  return { store, service };
}

/** The 1D files with `edit` applied to the records (one a line) of the file of `kind`. */
function edited(kind: string, edit: (line: string) => string): DemoFeedFile[] {
  return demoFeedFiles(data, { degree: '1D' }).map((f) =>
    f.name.includes(`_1D_${kind}_`) ? { ...f, text: f.text.split('\n').map(edit).join('\n') } : f,
  );
}

describe('1D feeds', () => {
  let w: Awaited<ReturnType<typeof world>>;
  before(async () => {
    w = await world();
  });

  it('a 2D export leaves the école alone, and a 1D export the collège and lycée', async () => {
    const count = (uai: string) => w.store.countPeople({ uai });
    const before2 = [await count(DEMO_UAI.college), await count(DEMO_UAI.lycee), await count(DEMO_UAI.ecole)];
    const r2 = await w.service.feeds.import(system, data.ent.id, demoFeedSources(demoFeedFiles(data)));
    assert.equal(r2.run.status, 'applied');
    assert.equal(r2.run.summary!.left, 0);
    const r1 = await w.service.feeds.import(
      system,
      data.ent.id,
      demoFeedSources(demoFeedFiles(data, { degree: '1D' })),
    );
    assert.equal(r1.run.status, 'applied');
    assert.equal(r1.run.summary!.left, 0);
    assert.deepEqual(
      r1.reports.map((r) => r.uai),
      [DEMO_UAI.ecole],
    );
    assert.deepEqual(
      [await count(DEMO_UAI.college), await count(DEMO_UAI.lycee), await count(DEMO_UAI.ecole)],
      before2,
    );
    const managers = (await w.store.listRespAff({ entId: data.ent.id })).map((r) => r.personId).sort();
    assert.deepEqual(managers, ['dir-001', 'dir-002', 'dir-003']);
  });

  it('reports a level that is not an école level, a director missing from RespAff and a librarian', async () => {
    const files = edited('Eleve', (l) =>
      l.includes('<men:GARPersonIdentifiant>eleve-5001<') && l.includes('MEFSTAT4Code')
        ? l.replace('>2111<', '>1001<')
        : l,
    )
      .map((f) => (f.name.includes('_RespAff_') ? { ...f, text: f.text.replace(/<men:GARRespAff>.*\n/g, '') } : f))
      .map((f) =>
        f.name.includes('_Enseignant_')
          ? {
              ...f,
              text: f.text.replace(
                /(<men:GAREnseignant><men:GARPersonIdentifiant>ens-202<.*?<men:GARPersonProfil>)National_ens/,
                '$1National_doc',
              ),
            }
          : f,
      );
    const { run, reports } = await w.service.feeds.import(system, data.ent.id, demoFeedSources(files));
    assert.equal(run.status, 'applied');
    const a = reports[0]!.anomalies;
    assert.equal(a.pupilsWithUnknownLevel?.length, 1);
    assert.match(a.pupilsWithUnknownLevel![0]!, /eleve-5001.*1001/);
    assert.equal(a.directorsNotInRespAff?.length, 1);
    assert.match(a.directorsNotInRespAff![0]!, /dir-003/);
    assert.equal(a.profilesAbsentAtEcole?.length, 1);
    assert.match(a.profilesAbsentAtEcole![0]!, /ens-202.*National_doc/);
    // The collège's and lycée's managers are not the 1D export's business.
    const managers = (await w.store.listRespAff({ entId: data.ent.id })).map((r) => r.personId).sort();
    assert.deepEqual(managers, ['dir-001', 'dir-002']);
    // A 2D report never has these checks.
    const head = { kind: 'ent-user', entId: data.ent.id, personId: 'dir-001' } as const;
    const college = await w.service.feeds.syncReport(head, DEMO_UAI.college);
    assert.equal(college.anomalies.pupilsWithUnknownLevel, undefined);
  });
});

describe('degree scope', () => {
  const person = (profiles: Person['profiles'], mefs: Person['mefs'] = []): Person => ({
    entId: 'E',
    id: 'ens-1',
    lastName: 'L',
    firstName: 'F',
    profiles,
    mefs,
  });
  it('a school without a degree is secondary', () => {
    assert.equal(inScope({}, '2D'), true);
    assert.equal(inScope({}, '1D'), false);
    assert.equal(inScope({ degree: '1D' }, '1D'), true);
  });
  it('keeps what a person has at schools of the other degree, and their e-mail', () => {
    const old = {
      ...person([{ uai: 'C', profile: 'National_ens' }], [{ uai: 'C', code: '10010012110' }]),
      email: 'a@b.fr',
    };
    const fed = person([{ uai: 'E', profile: 'National_ens' }], [{ uai: 'E', code: '2111' }]);
    const merged = mergeOutOfScope(fed, old, new Set(['C']));
    assert.deepEqual(merged.profiles, [
      { uai: 'E', profile: 'National_ens' },
      { uai: 'C', profile: 'National_ens' },
    ]);
    assert.deepEqual(merged.mefs, [
      { uai: 'E', code: '2111' },
      { uai: 'C', code: '10010012110' },
    ]);
    assert.equal(merged.email, 'a@b.fr');
    assert.equal(mergeOutOfScope(fed, old, new Set()), fed);
    assert.equal(mergeOutOfScope(fed, undefined, new Set(['C'])), fed);
  });
  it('a RespAff keeps its other-degree schools, and one no longer fed loses only this degree’s', () => {
    const r: RespAff = { entId: 'E', personId: 'dir', uais: ['C', 'E'] };
    assert.deepEqual(mergeRespAff({ ...r, uais: ['E'] }, r, new Set(['C'])).uais, ['E', 'C']);
    assert.deepEqual(respAffLeft(r, new Set(['C']))?.uais, ['C']);
    assert.equal(respAffLeft(r, new Set()), undefined);
    assert.equal(respAffLeft({ ...r, uais: ['C'] }, new Set(['C']))?.uais.length, 1);
  });
});
