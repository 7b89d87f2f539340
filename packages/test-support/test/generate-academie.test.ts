import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { describe, it } from 'node:test';
import { licenceUsage, personSchema, schoolSchema, subscriptionSchema } from '@opengar/core';
import { academieCatalogue, generateAcademie } from '../src/generate-academie.js';
import { uaiWithCheckLetter } from '@opengar/server/demo';

const hash = (v: unknown) => createHash('sha256').update(JSON.stringify(v)).digest('hex');

describe('generateAcademie', () => {
  it('streams one school at a time with the requested number of people', () => {
    const gen = generateAcademie({ schools: 12, people: 6_000, seed: 's' });
    const first = gen.next();
    assert.equal(first.done, false);
    const all = [first.value!, ...gen];
    assert.equal(all.length, 12);
    assert.equal(
      all.reduce((n, s) => n + s.people.length, 0),
      6_000,
    );
    assert.equal(new Set(all.map((s) => s.school.uai)).size, 12);
    const ids = all.flatMap((s) => s.people.map((p) => `${p.entId}|${p.id}`));
    assert.equal(new Set(ids).size, ids.length);
    assert.ok(all.some((s) => s.school.typeUai === 'LYC') && all.some((s) => s.school.typeUai === 'CLG'));
  });

  it('is deterministic', () => {
    const a = [...generateAcademie({ schools: 3, people: 900, seed: 'x' })];
    const b = [...generateAcademie({ schools: 3, people: 900, seed: 'x' })];
    const c = [...generateAcademie({ schools: 3, people: 900, seed: 'y' })];
    assert.equal(hash(a), hash(b));
    assert.notEqual(hash(a), hash(c));
  });

  it('yields valid schools, people and subscriptions that respect the licence rules', () => {
    const { ents, resources } = academieCatalogue();
    const entIds = new Set(ents.map((e) => e.id));
    for (const s of generateAcademie({ schools: 4, people: 2_000, seed: 'v' })) {
      schoolSchema.parse(s.school);
      assert.match(s.school.uai, /^\d{7}[A-Z]$/);
      assert.ok(entIds.has(s.school.entId));
      for (const p of s.people) personSchema.parse(p);
      assert.equal(s.subscriptions.length, 3);
      for (const sub of s.subscriptions) {
        const { createdAt: _c, updatedAt: _u, ...plain } = sub;
        subscriptionSchema.parse(plain);
        assert.ok(resources.some((r) => r.id === sub.resourceId));
        const copies = s.copies.filter((c) => c.subscriptionId === sub.id);
        for (const u of licenceUsage(sub, copies)) if (u.licences !== 'ILLIMITE') assert.ok(u.used <= u.licences);
        assert.equal(new Set(copies.map((c) => c.personId)).size, copies.length);
      }
      assert.ok(s.copies.length > 0);
    }
  });

  it('can leave subscriptions out, and checks its options', () => {
    const [s] = generateAcademie({ schools: 1, people: 100, subscriptions: false });
    assert.deepEqual([s!.subscriptions, s!.allocations, s!.copies], [[], [], []]);
    assert.throws(() => generateAcademie({ schools: 0 }).next(), TypeError);
    assert.throws(() => generateAcademie({ schools: 10, people: 5 }).next(), TypeError);
  });
});

describe('uaiWithCheckLetter', () => {
  it('computes the check letter of real UAIs', () => {
    assert.equal(uaiWithCheckLetter('0561641'), '0561641E');
    assert.equal(uaiWithCheckLetter('0561622'), '0561622J');
    assert.equal(uaiWithCheckLetter('0941295'), '0941295X');
    assert.throws(() => uaiWithCheckLetter('12345'), TypeError);
  });
});
