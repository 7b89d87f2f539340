// The store's side of a bounded feed import: the people in pages ordered by id (the sort-merge with the feed's), and
// the staging a transaction opens (temporary tables on PostgreSQL, none elsewhere: the import stages in memory). The
// staging's checks are asserted on whichever the store gives, the memory one otherwise: both answer the same.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Person } from '@opengar/core';
import { compareIds, type FeedStaging } from '../../src/feeds/feed-staging.js';
import { createMemoryFeedStaging } from '../../src/feeds/memory-feed-staging.js';
import type { ContractContext } from './contract.js';

const ENT = 'ENT-STAGE';
const UAI = '0350099X';
const person = (id: string, entId = ENT): Person => ({
  entId,
  id,
  lastName: `Nom ${id}`,
  firstName: 'Prénom',
  profiles: [{ uai: UAI, profile: 'National_elv' }],
  mefs: [],
});
// Byte order differs from a French collation and from UTF-16 code units (the last two).
/** The check of the `seq`-th record (its mark: 10 problems before each record). */
const check = (seq: number, element = 'GAREleve') => ({ seq, mark: seq * 10, element, file: 'e.xml', line: 100 + seq });
const IDS = ['b', 'B', 'a-1', 'a10', 'a9', 'é', 'z', 'Z', '😀', '\uFF21'];

/** Registers the feed-staging contract. */
export function feedStagingContract(ctx: ContractContext): void {
  test('listPeoplePage: an ENT’s people by id in byte order, page after page, never another ENT’s', () =>
    ctx.withStore(async (store) => {
      await store.putPeople([...IDS.map((id) => person(id)), person('a', 'ENT-OTHER'), person('zz', 'ENT-OTHER')]);
      const seen: string[] = [];
      let after: string | undefined;
      for (;;) {
        const page = await store.listPeoplePage(ENT, after, 3);
        assert.ok(page.length <= 3);
        if (page.length === 0) break;
        seen.push(...page.map((p) => p.id));
        assert.ok(page.every((p) => p.entId === ENT));
        after = page.at(-1)!.id;
      }
      assert.deepEqual(seen, [...IDS].sort(compareIds));
      assert.deepEqual(seen.slice(-2), ['\uFF21', '😀'], 'code point order, not UTF-16 units');
      assert.deepEqual(await store.listPeoplePage(ENT, '😀', 10), []);
      assert.deepEqual(await store.listPeoplePage('ENT-NONE', undefined, 10), []);
      const [first] = await store.listPeoplePage(ENT, undefined, 1);
      assert.deepEqual(first, person('B'));
    }));

  test('openFeedStaging: none outside a transaction; inside, a fresh one each time (nothing left after it)', () =>
    ctx.withStore(async (store) => {
      assert.equal(await store.openFeedStaging(ENT), undefined);
      for (const round of [1, 2]) {
        const ids = await store.transaction(async (tx) => {
          const staging = (await tx.openFeedStaging(ENT)) ?? createMemoryFeedStaging(ENT);
          await staging.addPeople([person(`p${round}`)], [check(0)]);
          assert.deepEqual(await staging.duplicates(10), { rows: [], count: 0 });
          return (await staging.peopleById(undefined, 10)).map((p) => p.id);
        });
        assert.deepEqual(ids, [`p${round}`], `round ${round} sees only its own people`);
      }
    }));

  test('a staging finds duplicates (a key before a person, by record), bad references in feed order, and reads back', () =>
    ctx.withStore(async (store) => {
      await store.transaction(async (tx) => {
        const st: FeedStaging = (await tx.openFeedStaging(ENT)) ?? createMemoryFeedStaging(ENT);
        // Record 0 and 2 are GAREleve p1 (a duplicate key and person), 3 a GAREnseignant p1 (a duplicate person only),
        // 4 a GAREleve p2 again; marks say where their problems go.
        const k = (seq: number, element: string, key: string) => ({ ...check(seq, element), key });
        await st.addKeys([k(0, 'GAREleve', '["p1"]'), k(1, 'GAREleve', '["p2"]'), k(2, 'GAREleve', '["p1"]')]);
        await st.addKeys([k(3, 'GAREnseignant', '["p1"]'), k(4, 'GAREleve', '["p2"]'), k(5, 'GAREleve', '["p0"]')]);
        const p2 = { ...person('p2'), email: 'p2@example.org', civility: 'Mme' as const };
        await st.addPeople([person('p1'), p2, person('p1')], [check(0), check(1), check(2)]);
        await st.addPeople(
          [{ ...person('p1'), lastName: 'Autre' }, person('p2'), person('p0')],
          [check(3, 'GAREnseignant'), check(4), check(5)],
        );
        const dups = await st.duplicates(3);
        assert.equal(dups.count, 5);
        assert.deepEqual(
          dups.rows.map((d) => [d.seq, d.code, d.mark, d.element, d.file, d.line]),
          [
            [2, 'duplicate_key', 20, 'GAREleve', 'e.xml', 102],
            [2, 'duplicate_person', 20, 'GAREleve', 'e.xml', 102],
            [3, 'duplicate_person', 30, 'GAREnseignant', 'e.xml', 103],
          ],
        );
        const at = { file: 'f.xml', line: 7 };
        await st.addPersonMefs([
          { personId: 'p1', uai: UAI, code: 'M2', ...at },
          { personId: 'ghost', uai: UAI, code: 'M1', ...at, line: 8 },
          { personId: 'p1', uai: UAI, code: 'M1', ...at },
          { personId: 'p1', uai: UAI, code: 'M2', ...at },
        ]);
        await st.addRefs([
          { uai: UAI, code: '6A', personId: 'p1', ...at, line: 10 },
          { uai: UAI, code: 'NOPE', personId: 'p2', ...at, line: 11 },
          { uai: UAI, code: 'NOPE', personId: 'ghost', ...at, line: 12 },
          { uai: UAI, code: '6A', personId: 'p2', ...at, line: 13 },
          { uai: UAI, code: '6A', personId: 'p1', ...at, line: 14 },
        ]);
        await st.addTeachings([
          { uai: UAI, groupCode: '6A', personId: 'p2', subject: 'MATHS' },
          { uai: UAI, groupCode: '6A', personId: 'p2', subject: 'MATHS' },
          { uai: UAI, groupCode: 'NOPE', personId: 'p2', subject: 'MATHS' },
        ]);
        await st.addSchoolRefs([
          { uai: 'UNKNOWN1', element: 'GAREleve', ...at, line: 20 },
          { uai: UAI, element: 'GAREleve', ...at, line: 21 },
          { uai: 'UNKNOWN2', element: 'GARGroupe', ...at, line: 22 },
        ]);
        const schools = await st.unknownSchools(new Set([UAI]), 1);
        assert.equal(schools.count, 2);
        assert.deepEqual(schools.rows, [{ uai: 'UNKNOWN1', element: 'GAREleve', file: 'f.xml', line: 20 }]);
        assert.deepEqual(await st.unknownMefPeople(10), {
          rows: [{ personId: 'ghost', uai: UAI, code: 'M1', file: 'f.xml', line: 8 }],
          count: 1,
        });
        assert.deepEqual(await st.levels(), [
          { uai: UAI, code: 'M2' },
          { uai: UAI, code: 'M1' },
        ]);
        await st.addGroups([{ uai: UAI, code: '6A', label: '6e A', status: 'DIVISION' }]);
        const bad = await st.badRefs(10);
        assert.equal(bad.count, 2);
        assert.deepEqual(
          bad.rows.map((r) => [r.line, r.missing]),
          [
            [11, 'group'],
            [12, 'person'],
          ],
        );
        assert.equal(await st.peopleCount(), 3);
        const byId = [...(await st.peopleById(undefined, 2)), ...(await st.peopleById('p1', 2))];
        assert.deepEqual(
          byId.map((p) => p.id),
          ['p0', 'p1', 'p2'],
        );
        assert.deepEqual(byId[1]!.mefs, [
          { uai: UAI, code: 'M2' },
          { uai: UAI, code: 'M1' },
        ]);
        assert.deepEqual(byId[2], { ...p2, mefs: [] }, 'the first p2 stays');
        assert.equal(byId[1]!.lastName, 'Nom p1', 'the first p1 stays');
        const inOrder = [...(await st.peopleInOrder(0, 2)), ...(await st.peopleInOrder(2, 2))];
        assert.deepEqual(
          inOrder.map((p) => p.id),
          ['p1', 'p2', 'p0'],
          'feed order',
        );
        assert.deepEqual([...(await st.getPeople(['p2', 'ghost'])).keys()], ['p2']);
        assert.deepEqual(
          [...(await st.memberships(UAI))].map(([code, ids]) => [code, [...ids].sort()]),
          [['6A', ['p1', 'p2']]],
        );
        assert.deepEqual(await st.teachings(UAI), [{ uai: UAI, groupCode: '6A', personId: 'p2', subject: 'MATHS' }]);
        const groups = await st.groupsOf([byId[1]!, byId[0]!]);
        assert.deepEqual(groups.get('p1'), [{ uai: UAI, code: '6A' }]);
        assert.deepEqual(groups.get('p0'), []);
      });
    }));
}
