// Hostile feeds sent over HTTP to a service whose imports stage in the database (PostgreSQL: temporary tables of the
// import's transaction) and in the heap (memory): duplicates by the thousand, unknown references, an oversized body,
// truncated XML. Each is refused with its problems in order, the service stays healthy, and nothing is written but
// the refused run.
import assert from 'node:assert/strict';
import { after, describe, test } from 'node:test';
import { FEED_BREAKAGES, feedFiles, generateFeedModel, type GeneratedFeedFile } from '@opengar/test-support';
import { createHttpApp } from '../../src/http/create-http-app.js';
import { createPostgresStore } from '../../src/node/stores.js';
import { createMemoryStore } from '../../src/store/index.js';
import type { Store } from '../../src/store/index.js';
import { FEED_ENT as ENT } from '../helpers/fixtures.js';
import { startTestPostgres } from '../helpers/postgres.js';
import { buildWorld } from '../helpers/world.js';

const FP = 'b'.repeat(64);
const model = generateFeedModel({ schools: 2, pupilsPerSchool: 40, pupilsPerDivision: 20 });
const files = [...feedFiles(model, { perFile: 30 })];
const server = await startTestPostgres();
after(() => ('skip' in server ? undefined : server.stop()));

const inFile = (kind: string, fn: (text: string) => string) => (list: readonly GeneratedFeedFile[]) => {
  let done = false;
  return list.map((f) => {
    if (done || !f.name.includes(`_${kind}_`)) return f;
    done = true;
    return { ...f, text: fn(f.text) };
  });
};

type Hostile = { name: string; files: (list: readonly GeneratedFeedFile[]) => GeneratedFeedFile[]; codes: string[] };
const HOSTILE: Hostile[] = [
  {
    name: '2,500 copies of a pupil (one key and one person each)',
    files: inFile('Eleve', (t) => t.replace(/(<(\w+:)?GAREleve>[\s\S]*?<\/(\w+:)?GAREleve>)/, (m) => m.repeat(2501))),
    codes: ['duplicate_key', 'duplicate_person'],
  },
  {
    name: 'a duplicate key (the generator’s breakage)',
    files: FEED_BREAKAGES.find((b) => b.code === 'duplicate_key')!.apply,
    codes: ['duplicate_key', 'duplicate_person'],
  },
  {
    name: 'unknown person, group and school',
    files: (list) =>
      inFile('Eleve', (t) => t.replace(/(GARPersonProfils>\s*<(\w+:)?GARStructureUAI>)[^<]*/, '$1ZZ9999Z'))(
        inFile('Groupe', (t) => {
          // The first membership names a person the feed does not have, the second a group it does not have.
          let n = 0;
          return t.replace(/<(\w+:)?GARPersonGroupe>[\s\S]*?<\/(\w+:)?GARPersonGroupe>/g, (m) =>
            ++n === 1
              ? m.replace(/(GARPersonIdentifiant>)[^<]*/, '$1ghost')
              : n === 2
                ? m.replace(/(GARGroupeCode>)[^<]*/, '$1NOPE')
                : m,
          );
        })(list),
      ),
    codes: ['unknown_school', 'unknown_person', 'unknown_group'],
  },
  {
    name: 'a truncated file',
    files: inFile('Groupe', (t) => t.slice(0, Math.floor(t.length / 2))),
    codes: ['not_well_formed'],
  },
];

async function world(store: Store) {
  const w = await buildWorld({ data: 'feed', store });
  await w.store.putEnt({ id: ENT, name: 'ENT de test', origins: [], clientCertFingerprints: [FP] });
  const http = createHttpApp(w.service, {
    feeds: { maxUploadBytes: 4 * 1024 * 1024, clientCertFingerprint: (c) => c.req.header('x-cert') },
  });
  const post = (list: readonly GeneratedFeedFile[]) => {
    const form = new FormData();
    for (const f of list) form.append('file', new Blob([f.text], { type: 'application/xml' }), f.name);
    return http.request('/api/v1/ent/feeds', { method: 'POST', body: form, headers: { 'x-cert': FP } });
  };
  return { ...w, http, post };
}

async function state(store: Store) {
  const people = await store.listPeoplePage(ENT, undefined, 10_000);
  const schools = await store.listSchools({ entId: ENT });
  const memberships = await Promise.all(schools.map((s) => store.listMemberships({ uai: s.uai })));
  return { people, schools, memberships };
}

for (const [name, open] of [
  ['memory', async () => createMemoryStore()],
  [
    'postgres',
    async () => {
      if ('skip' in server) throw new Error(server.skip);
      return createPostgresStore({ url: (await server.createDatabase()).url });
    },
  ],
] as const) {
  describe(`hostile feeds over HTTP (${name})`, {
    skip: name === 'postgres' && 'skip' in server ? server.skip : false,
  }, () => {
    test('each is refused with its problems, /healthz stays up, nothing is written but the run', async () => {
      const store = await open();
      try {
        await store.migrate();
        const w = await world(store);
        assert.equal((await w.post(files)).status, 200);
        const before = await state(store);
        assert.equal(before.people.length, model.pupils.length + model.staff.length);
        for (const h of HOSTILE) {
          const res = await w.post(h.files(files));
          assert.equal(res.status, 422, h.name);
          const body = (await res.json()) as { errors: { code: string; pointer: string }[]; detail: string };
          const codes = [...new Set(body.errors.map((e) => e.code))];
          for (const code of h.codes) assert.ok(codes.includes(code), `${h.name}: ${code} in ${codes.join(', ')}`);
          if (h.name.startsWith('2,500')) {
            assert.equal(body.errors.length, 1000, 'the list keeps the first 1,000');
            assert.match(body.detail, /\(5000 problem\(s\)\)/, 'and counts them all');
            assert.deepEqual(
              body.errors.slice(0, 4).map((e) => e.code),
              ['duplicate_key', 'duplicate_person', 'duplicate_key', 'duplicate_person'],
              'in the order of the input: by record, the key first',
            );
          }
          assert.equal((await w.http.request('/healthz')).status, 200, `${h.name}: healthy`);
          assert.deepEqual(await state(store), before, `${h.name}: nothing written`);
        }
        const big = await w.http.request('/api/v1/ent/feeds', {
          method: 'POST',
          body: 'x'.repeat(5 * 1024 * 1024),
          headers: { 'x-cert': FP, 'content-type': 'application/xml' },
        });
        assert.equal(big.status, 413);
        assert.equal((await w.http.request('/healthz')).status, 200);
        assert.deepEqual(await state(store), before);
        const runs = await store.listFeedRuns({ entId: ENT });
        // One clock instant for all: the order of runs that started together is the store's.
        assert.deepEqual(
          runs.map((r) => r.status).sort(),
          ['applied', ...HOSTILE.map(() => 'refused')],
          'the refused runs are recorded',
        );
      } finally {
        await store.close();
      }
    });
  });
}
