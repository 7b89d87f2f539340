import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { explainEntitlement, resolveEntitlements, type EntitlementInput } from '../src/index.js';
import { DURING, OTHER_UAI, UAI, copy, person, resource, subscription } from './fixtures.js';

const dico = resource('ark:/67890/dico', { name: 'Dictionnaire' });
const maths = resource('ark:/1/maths', { name: 'Maths 5e' });
const hidden = resource('ark:/1/hidden', { name: 'Caché', displayable: false });
const edutheque = resource('ark:/1/edutheque', {
  name: 'Éduthèque',
  freeOffer: { audiences: ['ELEVE', 'ENSEIGNANT'] },
});

function input(extra: Partial<EntitlementInput> = {}): EntitlementInput {
  return {
    person: person('eleve-1', 'National_elv'),
    uai: UAI,
    at: DURING,
    subscriptions: [subscription('abo-dico', dico.id), subscription('abo-maths', maths.id)],
    copies: [copy('abo-dico', 'eleve-1')],
    resources: [dico, maths, hidden, edutheque],
    ...extra,
  };
}

describe('entitlement', () => {
  it('lists the resources whose copy the person holds, within validity', () => {
    assert.deepEqual(
      resolveEntitlements(input()).map((e) => e.resource.id),
      [dico.id],
    );
  });

  it('lists nothing before the window opens or after it closes, and explains why', () => {
    assert.deepEqual(resolveEntitlements(input({ at: '2026-08-01T00:00:00Z' })), []);
    assert.deepEqual(resolveEntitlements(input({ at: '2027-09-01T00:00:00Z' })), []);
    assert.deepEqual(explainEntitlement(input({ at: '2027-09-01T00:00:00Z' }), dico.id), {
      ok: false,
      reason: 'outside_validity',
    });
  });

  it('needs a copy: a subscription alone gives nothing', () => {
    assert.deepEqual(explainEntitlement(input(), maths.id), { ok: false, reason: 'no_copy' });
  });

  it('ignores copies of another person or another school', () => {
    const r = resolveEntitlements(
      input({ copies: [copy('abo-dico', 'eleve-2'), { ...copy('abo-dico', 'eleve-1'), uai: OTHER_UAI }] }),
    );
    assert.deepEqual(r, []);
  });

  it('refuses a person who is not at the school', () => {
    assert.deepEqual(resolveEntitlements(input({ person: person('eleve-1', 'National_elv', OTHER_UAI) })), []);
    assert.deepEqual(explainEntitlement(input({ person: person('eleve-1', 'National_elv', OTHER_UAI) }), dico.id), {
      ok: false,
      reason: 'not_at_school',
    });
  });

  it('refuses an audience the subscription does not cover, even with a copy', () => {
    const docOnly = subscription('abo-dico', dico.id, { audiences: ['DOCUMENTALISTE'] });
    const r = input({ subscriptions: [docOnly] });
    assert.deepEqual(resolveEntitlements(r), []);
    assert.deepEqual(explainEntitlement(r, dico.id), { ok: false, reason: 'audience_not_covered' });
  });

  it('gives free national offers to every person of their audiences without allocation', () => {
    const auto = subscription(`AUTO_${UAI}_edutheque`, edutheque.id, {
      automatic: true,
      type: 'ETABL',
      licences: { kind: 'global', count: 'ILLIMITE' },
      audiences: ['ELEVE', 'ENSEIGNANT'],
    });
    const r = resolveEntitlements(input({ subscriptions: [auto], copies: [] }));
    assert.deepEqual(
      r.map((e) => [e.resource.id, e.via]),
      [[edutheque.id, 'free-offer']],
    );
    const librarian = resolveEntitlements(
      input({ person: person('doc-1', 'National_doc'), subscriptions: [auto], copies: [] }),
    );
    assert.deepEqual(librarian, []);
  });

  it('hides non-displayable resources from the listing but lets them launch', () => {
    const r = input({ subscriptions: [subscription('abo-h', hidden.id)], copies: [copy('abo-h', 'eleve-1')] });
    assert.deepEqual(resolveEntitlements(r), []);
    assert.equal(explainEntitlement(r, hidden.id).ok, true);
  });

  it('merges several subscriptions of one resource and keeps the latest end', () => {
    const a = subscription('abo-a', dico.id, { validUntil: '2027-01-31T00:00:00Z' });
    const b = subscription('abo-b', dico.id, { validUntil: '2027-06-30T00:00:00Z' });
    const r = resolveEntitlements(
      input({ subscriptions: [a, b], copies: [copy('abo-a', 'eleve-1'), copy('abo-b', 'eleve-1')] }),
    );
    assert.equal(r.length, 1);
    assert.deepEqual(r[0]!.subscriptionIds, ['abo-b', 'abo-a']);
    assert.equal(r[0]!.validUntil, '2027-06-30T00:00:00Z');
  });

  it('counts a person by the profile that wins at that school', () => {
    const both = person('p', 'National_elv', UAI, {
      profiles: [
        { uai: UAI, profile: 'National_elv' },
        { uai: UAI, profile: 'National_doc' },
      ],
    });
    const docSub = subscription('abo-d', dico.id, { audiences: ['DOCUMENTALISTE'] });
    assert.equal(
      resolveEntitlements(
        input({ person: both, subscriptions: [docSub], copies: [copy('abo-d', 'p', 'DOCUMENTALISTE')] }),
      ).length,
      1,
    );
  });

  it('says unknown_resource and no_subscription apart', () => {
    assert.deepEqual(explainEntitlement(input(), 'ark:/0/none'), { ok: false, reason: 'unknown_resource' });
    assert.deepEqual(explainEntitlement(input({ subscriptions: [] }), dico.id), {
      ok: false,
      reason: 'no_subscription',
    });
  });

  it('sorts by name with French collation', () => {
    const e = resource('ark:/1/e', { name: 'éthique' });
    const f = resource('ark:/1/f', { name: 'Français' });
    const r = resolveEntitlements(
      input({
        resources: [e, f, dico],
        subscriptions: [subscription('s1', e.id), subscription('s2', f.id), subscription('s3', dico.id)],
        copies: [copy('s1', 'eleve-1'), copy('s2', 'eleve-1'), copy('s3', 'eleve-1')],
      }),
    );
    assert.deepEqual(
      r.map((x) => x.resource.name),
      ['Dictionnaire', 'éthique', 'Français'],
    );
  });
});
