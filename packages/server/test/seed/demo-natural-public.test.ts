// The rentrée in the demo: every valid subscription of the collège can be given to its natural public — its levels'
// pupils (a level, or a class of it when the level does not fit) and the teachers of its subjects in those classes —
// without a refusal; "Exo Maths collège" goes to the pupils of 5e A.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isSubscriptionValidAt, mefStat4ForLevels, mefStat4Of, type AllocationTarget } from '@opengar/core';
import { createGarService, silentLogger } from '../../src/index.js';
import { DEMO_REFERENCE_DATE } from '../../src/seed/demo-data-set.js';
import { DEMO_PERSON_IDS, DEMO_SUBJECTS } from '../../src/seed/demo-directory.js';
import { DEMO_UAI } from '../../src/seed/demo-catalogue.js';
import { seedDemo } from '../../src/seed/seed-demo.js';
import { createMemoryStore } from '../../src/store/index.js';

const fold = (s: string) =>
  s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();

describe('the demo collège at the rentrée', async () => {
  const store = createMemoryStore();
  await seedDemo(store);
  const now = new Date(DEMO_REFERENCE_DATE);
  const service = createGarService({
    store,
    clock: { now: () => new Date(now) },
    issuer: 'https://gar.test',
    pseudonymSecret: 'demo-natural-public-secret-0123456789abcdef',
    logger: silentLogger,
  });
  const uai = DEMO_UAI.college;
  const head = {
    kind: 'ent-user',
    entId: (await store.getSchool(uai))!.entId,
    personId: DEMO_PERSON_IDS.collegeHead,
  } as const;

  it('gives “Exo Maths collège” to the pupils of 5e A, and “Mathématiques 6e” to 6e D', async () => {
    const subs = await store.listSubscriptions({ uai });
    const exos = subs.find((s) => s.id.startsWith('exos-maths-college'))!;
    const maths = subs.find((s) => s.id.startsWith('maths-6e'))!;
    for (const [sub, code] of [
      [exos, '5A'],
      [maths, '6D'],
    ] as const) {
      const p = await service.allocation.preview(head, uai, {
        subscriptionId: sub.id,
        targets: [{ kind: 'division', code }],
      });
      assert.equal(p.refusal, undefined, `${sub.id} → ${code}: ${JSON.stringify(p.refusal)}`);
      assert.deepEqual(
        p.audiences.map((a) => a.audience),
        ['ELEVE'],
      );
    }
  });

  it('lets every valid subscription go to its levels’ pupils and its subjects’ teachers', async () => {
    const mefs = await store.listMefs(uai);
    const groups = await store.listGroups(uai);
    let checked = 0;
    for (const sub of await store.listSubscriptions({ uai })) {
      if (sub.automatic || !isSubscriptionValidAt(sub, now)) continue;
      const resource = (await store.getResource(sub.resourceId))!;
      const levels = [...mefStat4ForLevels(resource.levels)].filter((l) => mefs.some((m) => mefStat4Of(m) === l));
      const targets: AllocationTarget[][] = [];
      for (const level of levels) {
        const grade = { '1001': '6', '1011': '5', '1021': '4', '1031': '3' }[level] ?? '?';
        const divisions = groups.filter((g) => g.status === 'DIVISION' && g.code.startsWith(grade)).map((g) => g.code);
        if (sub.audiences.includes('ELEVE'))
          targets.push([{ kind: 'level', mefStat4: level }], [{ kind: 'division', code: divisions[0]! }]);
        const subject = DEMO_SUBJECTS.find((x) =>
          resource.teachingDomains.some((d) => fold(x.label).includes(fold(d.nom))),
        );
        if (sub.audiences.includes('ENSEIGNANT') && subject && divisions.length > 0)
          targets.push([{ kind: 'subjectTeachers', subject: subject.code, divisions }]);
      }
      for (const t of targets) {
        const p = await service.allocation.preview(head, uai, { subscriptionId: sub.id, targets: t });
        // A level may not fit once some of its classes hold copies; then one class of it must. A small teachers' pool
        // may not hold a subject's teachers of every class at the level; then those of one class must fit.
        if (t[0]!.kind === 'level' && p.refusal) continue;
        const first = t[0]!;
        if (
          first.kind === 'subjectTeachers' &&
          p.refusal?.code === 'insufficient-licences' &&
          first.divisions.length > 1
        ) {
          const one = await service.allocation.preview(head, uai, {
            subscriptionId: sub.id,
            targets: [{ ...first, divisions: [first.divisions[0]!] }],
          });
          assert.equal(one.refusal, undefined, `${sub.id} → teachers of ${first.divisions[0]}`);
          checked++;
          continue;
        }
        assert.equal(p.refusal, undefined, `${sub.id} → ${JSON.stringify(t)}: ${JSON.stringify(p.refusal)}`);
        checked++;
      }
    }
    assert.ok(checked >= 4, `checked ${checked}`);
  });
});
