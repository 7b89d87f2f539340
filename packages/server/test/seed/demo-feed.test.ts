import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { readFeed } from '../../src/feeds/read-feed.js';
import { demoDataSet } from '../../src/seed/demo-data-set.js';
import { demoDataOfDegree, demoFeedFiles, demoFeedSources } from '../../src/seed/demo-feed.js';

const canonical = (x: unknown): unknown =>
  Array.isArray(x)
    ? x.map(canonical)
    : x && typeof x === 'object'
      ? Object.fromEntries(
          Object.entries(x)
            .sort(([a], [b]) => a.localeCompare(b))
            .map(([k, v]) => [k, canonical(v)]),
        )
      : x;
/** Values as comparable strings, whatever their key order. */
const sorted = <T>(xs: Iterable<T>): string[] => [...xs].map((x) => JSON.stringify(canonical(x))).sort();
const norm = (p: { mefs?: unknown[] }) => ({ ...p, mefs: p.mefs ?? [] });

describe('demoFeedFiles', () => {
  const all = demoDataSet();
  const data = demoDataOfDegree(all, '2D');

  it('writes a complete 2D feed that the importer reads without a problem, and that says the demo directory', async () => {
    const files = demoFeedFiles(all);
    assert.deepEqual(
      [
        ...new Set(
          files.map((f) =>
            f.name
              .replace(/_\d{4}\.xml$/, '')
              .split('_')
              .pop(),
          ),
        ),
      ],
      ['Etab', 'Eleve', 'Enseignant', 'Groupe', 'RespAff'],
    );
    const read = await readFeed(data.ent.id, demoFeedSources(files));
    assert.deepEqual(read.problems.list, []);
    const snap = read.snapshot!;
    assert.equal(snap.degree, '2D');
    assert.deepEqual(sorted(snap.people.values()), sorted(data.people.map(norm)));
    assert.deepEqual(sorted([...snap.groups.values()].flatMap((m) => [...m.values()])), sorted(data.groups));
    assert.deepEqual(sorted([...snap.mefs.values()].flatMap((m) => [...m.values()])), sorted(data.mefs));
    assert.deepEqual(sorted([...snap.subjects!.values()].flatMap((m) => [...m.values()])), sorted(data.subjects));
    assert.deepEqual(sorted([...snap.teachings!.values()].flat()), sorted(data.teachings));
    const memberships = [...snap.memberships].flatMap(([uai, byCode]) =>
      [...byCode].flatMap(([groupCode, ids]) => [...ids].map((personId) => ({ uai, groupCode, personId }))),
    );
    assert.deepEqual(sorted(memberships), [...new Set(sorted(data.memberships))].sort());
    assert.deepEqual(sorted(snap.respAff.values()), sorted(data.respAff));
    assert.deepEqual(sorted([...snap.schools.keys()]), sorted(data.schools.map((s) => s.uai)));
  });

  it('writes the école as a complete 1D feed (v1.4, GARPersonMEFSTAT4, no MEF or subject records, no teacher e-mail)', async () => {
    const ecole = demoDataOfDegree(all, '1D');
    const files = demoFeedFiles(all, { degree: '1D' });
    assert.ok(files.every((f) => /_1D_(Etab|Eleve|Enseignant|Groupe|RespAff)_0000\.xml$/.test(f.name)));
    assert.ok(files.every((f) => f.text.includes('xmlns:men="http://data.education.fr/ns/gar/1d"')));
    assert.ok(files.every((f) => f.text.includes('Version="1.4"')));
    const text = files.map((f) => f.text).join('');
    for (const absent of ['GARMEF>', 'GARMatiere', 'GAREleveEnseignement', 'GAREnsClasseMatiere', 'GARPersonMEF>'])
      assert.ok(!text.includes(absent), absent);
    const read = await readFeed(all.ent.id, demoFeedSources(files));
    assert.deepEqual(read.problems.list, []);
    const snap = read.snapshot!;
    assert.equal(snap.degree, '1D');
    assert.deepEqual(sorted(snap.people.values()), sorted(ecole.people.map(norm)));
    assert.deepEqual(sorted([...snap.mefs.values()].flatMap((m) => [...m.values()])), sorted(ecole.mefs));
    assert.deepEqual(sorted(snap.respAff.values()), sorted(ecole.respAff));
    assert.deepEqual([...snap.schools.keys()], ['0561800C']);
  });

  it('is deterministic and splits a kind into numbered files', () => {
    const a = demoFeedFiles(data, { perFile: 500 });
    const b = demoFeedFiles(data, { perFile: 500 });
    assert.deepEqual(a, b);
    assert.ok(a.some((f) => f.name.endsWith('_2D_Eleve_0001.xml')));
    assert.ok(
      a.every(
        (f) =>
          f.text.split('\n').filter((l) => l.startsWith('<men:GAR') && !l.startsWith('<men:GAR-ENT')).length <= 500,
      ),
    );
  });

  it('escapes what it writes', async () => {
    const odd = { ...data, groups: data.groups.map((g, i) => (i === 0 ? { ...g, label: 'A & <B> "c"' } : g)) };
    const text = demoFeedFiles(odd).find((f) => f.name.includes('_Groupe_'))!.text;
    assert.match(text, /A &amp; &lt;B&gt;/);
    const read = await readFeed(data.ent.id, demoFeedSources(demoFeedFiles(odd)));
    assert.equal(read.snapshot!.groups.get(odd.groups[0]!.uai)!.get(odd.groups[0]!.code)!.label, 'A & <B> "c"');
  });
});
