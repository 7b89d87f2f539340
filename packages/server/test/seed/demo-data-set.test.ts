import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { describe, it } from 'node:test';
import {
  AUDIENCES,
  endsWithin,
  groupSchema,
  isSubscriptionValidAt,
  licenceUsage,
  membershipSchema,
  mefSchema,
  personSchema,
  publisherSchema,
  resourceSchema,
  respAffSchema,
  schoolSchema,
  entSchema,
  subscriptionSchema,
  uaiSchema,
} from '@opengar/core';
import { DEMO_USERS } from '../../src/seed/demo-users.js';
import { demoDataSet } from '../../src/seed/demo-data-set.js';

const hash = (value: unknown): string => createHash('sha256').update(JSON.stringify(value)).digest('hex');
const data = demoDataSet();

describe('demoDataSet', () => {
  it('is deterministic: the same seed and date give the same data, another seed other data', () => {
    assert.equal(hash(demoDataSet()), hash(data));
    assert.equal(hash(demoDataSet({ seed: 'opengar-demo' })), hash(data));
    assert.notEqual(hash(demoDataSet({ seed: 'another' })), hash(data));
  });

  it('has the expected size and shape', () => {
    const pupils = data.people.filter((p) => p.profiles.some((x) => x.profile === 'National_elv'));
    assert.ok(pupils.length >= 1500 && pupils.length <= 1700, `pupils: ${pupils.length}`);
    assert.equal(data.schools.length, 3);
    assert.deepEqual(
      data.schools.map((s) => s.degree),
      ['2D', '2D', '1D'],
    );
    for (const s of data.schools) assert.match(s.uai, /^\d{7}[A-Z]$/);
    assert.equal(data.publishers.length, 5);
    for (const p of data.publishers) assert.match(p.distributorIds[0]!, /^\d{9}_\d{16}$/);
    assert.ok(data.resources.length >= 15);
    const types = new Set(data.resources.map((r) => r.presentationType.code));
    for (const t of ['MAN', 'DIC', 'ACC', 'MUL', 'PRE']) assert.ok(types.has(t), t);
    assert.ok(data.resources.some((r) => r.protocol === 'cas'));
    assert.ok(data.resources.some((r) => r.freeOffer));
    const families = new Map<string, number>();
    for (const r of data.resources)
      if (r.familyParentId) families.set(r.familyParentId, (families.get(r.familyParentId) ?? 0) + 1);
    assert.deepEqual([...families.values()], [2]);
    assert.ok(new Set(data.resources.map((r) => r.declaredAttributes.join())).size > 5, 'declared attributes vary');
    const ids = data.people.map((p) => p.id);
    assert.equal(new Set(ids).size, ids.length, 'person ids are unique');
  });

  it('validates against the core schemas', () => {
    entSchema.parse(data.ent);
    for (const s of data.schools) schoolSchema.parse(s);
    for (const p of data.publishers) publisherSchema.parse(p);
    for (const r of data.resources) assert.deepEqual(resourceSchema.parse(r), r);
    for (const p of data.people) assert.deepEqual(personSchema.parse(p), p);
    for (const g of data.groups) groupSchema.parse(g);
    for (const m of data.memberships) membershipSchema.parse(m);
    for (const m of data.mefs) {
      mefSchema.parse(m);
      // Secondary MEFs carry a MEFSTAT11; an école's (1D) are their MEFSTAT4.
      if (m.uai === '0561800C') assert.match(m.mefStat4!, /^\d{4}$/);
      else assert.match(m.mefStat11!, /^\d{11}$/);
    }
    for (const r of data.respAff) respAffSchema.parse(r);
    for (const s of data.subscriptions) {
      const { createdAt, updatedAt, deletedAt, ...sub } = s;
      assert.ok(createdAt && updatedAt && deletedAt === undefined);
      assert.deepEqual(subscriptionSchema.parse(sub), sub);
      uaiSchema.parse(s.uai);
    }
  });

  it('has subscriptions of every kind', () => {
    const subs = data.subscriptions;
    const ref = data.referenceDate;
    assert.ok(subs.some((s) => s.type === 'ETABL') && subs.some((s) => s.type === 'INDIV'));
    assert.ok(subs.some((s) => s.licences.kind === 'global') && subs.some((s) => s.licences.kind === 'perAudience'));
    assert.ok(subs.some((s) => s.licences.kind === 'global' && s.licences.count === 'ILLIMITE'));
    assert.ok(subs.some((s) => s.category === 'transferable') && subs.some((s) => s.category === 'non transferable'));
    assert.equal(subs.filter((s) => isSubscriptionValidAt(s, ref) && endsWithin(s, ref, 30)).length, 1);
    assert.equal(subs.filter((s) => Date.parse(s.validUntil) < Date.parse(ref)).length, 1);
    const auto = subs.filter((s) => s.automatic);
    assert.deepEqual(
      auto.map((s) => s.id).sort(),
      [
        ...data.schools.filter((s) => s.degree === '2D').map((s) => `AUTO_${s.uai}_atlas-interactif`),
        'AUTO_0561800C_petits-films',
      ].sort(),
    );
    for (const s of auto)
      assert.ok(s.type === 'ETABL' && s.licences.kind === 'global' && s.licences.count === 'ILLIMITE');
  });

  it('respects the licence rules: no pool past its licences, one copy per person per subscription', () => {
    for (const sub of data.subscriptions) {
      const copies = data.copies.filter((c) => c.subscriptionId === sub.id);
      for (const u of licenceUsage(sub, copies)) {
        if (u.licences !== 'ILLIMITE') assert.ok(u.used <= u.licences, `${sub.id} ${u.pool}: ${u.used}/${u.licences}`);
      }
      const holders = copies.map((c) => c.personId);
      assert.equal(new Set(holders).size, holders.length, `${sub.id}: one copy per person`);
      const people = new Map(data.people.map((p) => [p.id, p]));
      for (const c of copies) {
        assert.ok(sub.audiences.includes(c.audience), `${sub.id}: audience covered`);
        assert.ok(
          people.get(c.personId)?.profiles.some((x) => x.uai === sub.uai),
          `${c.personId} is at ${sub.uai}`,
        );
        assert.ok(data.allocations.some((a) => a.id === c.allocationId && a.subscriptionId === sub.id));
      }
    }
    assert.ok(data.copies.length > 1000);
  });

  it('names the demo users, who exist with the profiles the table gives', () => {
    const keys = DEMO_USERS.map((u) => u.key);
    for (const k of ['pupil', 'teacher', 'librarian', 'head', 'delegate', 'two-schools'])
      assert.ok(keys.includes(k as never), k);
    for (const u of DEMO_USERS) {
      const p = data.people.find((x) => x.id === u.personId);
      assert.ok(p, u.personId);
      assert.deepEqual(p.profiles, u.schools);
      assert.equal(`${p.firstName} ${p.lastName}`, u.name);
    }
    const head = DEMO_USERS.find((u) => u.key === 'head')!;
    assert.ok(data.respAff.some((r) => r.personId === head.personId));
    const delegate = DEMO_USERS.find((u) => u.key === 'delegate')!;
    assert.deepEqual(
      data.delegations.map((d) => [d.delegateId, d.grantedBy]),
      [[delegate.personId, head.personId]],
    );
    const pupil = data.people.find((p) => p.id === DEMO_USERS[0]!.personId)!;
    assert.equal(pupil.email, undefined, 'pupils have no e-mail');
    assert.ok(data.people.filter((p) => p.profiles.length > 1).length >= 3, 'some staff work at both schools');
    assert.ok(AUDIENCES.every((a) => data.copies.some((c) => c.audience === a)));
  });

  it('has an école (1D): CP to CM2, a director who teaches the CM2 and is its RespAff, no librarian', () => {
    const at = (uai: string) => data.people.filter((p) => p.profiles.some((x) => x.uai === uai));
    const ecole = data.schools.find((s) => s.degree === '1D')!;
    assert.deepEqual(
      data.groups.filter((g) => g.uai === ecole.uai).map((g) => g.code),
      ['CP', 'CE1', 'CE2', 'CM1', 'CM2'],
    );
    assert.deepEqual(
      data.mefs.filter((m) => m.uai === ecole.uai).map((m) => [m.code, m.label]),
      [
        ['2111', 'CP'],
        ['2112', 'CE1'],
        ['2113', 'CE2'],
        ['2114', 'CM1'],
        ['2115', 'CM2'],
      ],
    );
    const people = at(ecole.uai);
    assert.ok(
      people.every((p) => p.profiles.every((x) => x.profile !== 'National_doc')),
      'no librarian',
    );
    const director = people.find((p) => p.profiles.some((x) => x.profile === 'National_dir'))!;
    assert.deepEqual(
      director.profiles.map((x) => x.profile),
      ['National_dir', 'National_ens'],
    );
    assert.ok(data.memberships.some((m) => m.personId === director.id && m.groupCode === 'CM2'));
    assert.ok(data.respAff.some((r) => r.personId === director.id && r.uais.includes(ecole.uai) && r.email));
    // A 1D feed carries no teacher e-mail, and pupils are six to ten.
    assert.ok(people.every((p) => p.email === undefined));
    const cp = people.filter(
      (p) => p.mefs?.some((m) => m.code === '2111') && p.profiles[0]!.profile === 'National_elv',
    );
    assert.ok(cp.length >= 20 && cp.every((p) => p.birthDate!.startsWith('2020-')));
    // Resources for cycles 2 and 3, a free national offer among them, and one subscription left to give.
    const subs = data.subscriptions.filter((s) => s.uai === ecole.uai);
    assert.deepEqual(subs.map((s) => s.resourceId).sort(), [
      'ark:/99101/lecture-cp',
      'ark:/99202/imagier-sonore',
      'ark:/99303/calcul-malin',
      'ark:/99505/petits-films',
    ]);
    assert.ok(data.resources.find((r) => r.id === 'ark:/99505/petits-films')?.freeOffer);
    const calcul = subs.find((s) => s.resourceId === 'ark:/99303/calcul-malin')!;
    assert.equal(data.allocations.filter((a) => a.subscriptionId === calcul.id).length, 0);
    // One is delivered to every public, librarians included, as publishers do: the école's console hides that pool.
    assert.deepEqual(
      subs.filter((s) => s.audiences.includes('DOCUMENTALISTE')).map((s) => s.resourceId),
      ['ark:/99202/imagier-sonore'],
    );
  });

  it('points the example provider URLs at the configured base URL', () => {
    const other = demoDataSet({ providerBaseUrl: 'http://127.0.0.1:9999/' });
    for (const r of other.resources) {
      assert.ok(r.accessUrl.startsWith('http://127.0.0.1:9999/'));
      assert.ok(r.thumbnailUrl?.startsWith('http://127.0.0.1:9999/'));
    }
  });
});
