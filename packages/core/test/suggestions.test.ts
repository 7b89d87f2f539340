// Suggested allocations: each level's pupils, the teachers of the resource's subjects in the classes at its levels,
// the librarians — only audiences the subscription covers, and together within its pools.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { suggestAllocations, type SuggestionInput } from '../src/index.js';
import { UAI, copy, person, resource, subscription } from './fixtures.js';

const pupils = Array.from({ length: 6 }, (_, i) =>
  person(`e${i}`, 'National_elv', UAI, { mefs: [{ uai: UAI, code: i < 4 ? 'MEF5' : 'MEF6' }] }),
);
const base: Omit<SuggestionInput, 'sub'> = {
  copies: [],
  resource: resource('r', {
    levels: [{ uri: 'http://data.education.fr/voc/scolomfr/concept/5e', nom: '5e' }],
    teachingDomains: [{ uri: 'http://data.education.fr/voc/scolomfr/concept/francais', nom: 'Français' }],
  }),
  directory: {
    uai: UAI,
    people: [...pupils, person('t1', 'National_ens'), person('t2', 'National_ens'), person('d1', 'National_doc')],
    memberships: [
      ...['e0', 'e1'].map((personId) => ({ uai: UAI, groupCode: '5A', personId })),
      ...['e2', 'e3'].map((personId) => ({ uai: UAI, groupCode: '5B', personId })),
      ...['e4', 'e5'].map((personId) => ({ uai: UAI, groupCode: '6A', personId })),
    ],
    mefs: [
      { code: 'MEF5', mefStat11: '10110001110' },
      { code: 'MEF6', mefStat11: '10010001110' },
    ],
    teachings: [
      { uai: UAI, personId: 't1', groupCode: '5A', subject: 'FR' },
      { uai: UAI, personId: 't1', groupCode: '6A', subject: 'FR' },
      { uai: UAI, personId: 't2', groupCode: '5B', subject: 'MATHS' },
    ],
  },
  groups: ['5A', '5B', '6A'].map((code) => ({ code, label: `${code[0]}e ${code[1]}`, status: 'DIVISION' as const })),
  subjects: [
    { code: 'FR', label: 'FRANCAIS' },
    { code: 'MATHS', label: 'MATHEMATIQUES' },
  ],
};

describe('suggestAllocations', () => {
  it('suggests all 5e pupils, the French teachers of the 5e classes and the librarians', () => {
    const sub = subscription('s', 'r', { audiences: ['ELEVE', 'ENSEIGNANT', 'DOCUMENTALISTE'] });
    const out = suggestAllocations({ ...base, sub });
    assert.deepEqual(
      out.map((s) => [s.reason, s.target, s.takes]),
      [
        ['level', { kind: 'level', mefStat4: '1011' }, 4],
        ['subject-teachers', { kind: 'subjectTeachers', subject: 'FR', divisions: ['5A'] }, 1],
        ['librarians', { kind: 'audience', audience: 'DOCUMENTALISTE' }, 1],
      ],
    );
    assert.deepEqual(out[0]!.level, { mefStat4: '1011', name: '5e' });
    assert.deepEqual(out[1]!.divisions, [{ code: '5A', label: '5e A' }]);
    assert.deepEqual(out[1]!.subject, { code: 'FR', label: 'FRANCAIS' });
  });

  it('never suggests pupils for a teachers-only resource', () => {
    const sub = subscription('s', 'r', { audiences: ['ENSEIGNANT'] });
    assert.deepEqual(
      suggestAllocations({ ...base, sub }).map((s) => s.audience),
      ['ENSEIGNANT'],
    );
  });

  it('stays within the pool: a level that does not fit is offered class by class, and nothing beyond', () => {
    const sub = subscription('s', 'r', { audiences: ['ELEVE', 'ENSEIGNANT'], licences: { kind: 'global', count: 3 } });
    const out = suggestAllocations({ ...base, sub });
    assert.deepEqual(
      out.map((s) => s.target),
      [
        { kind: 'division', code: '5A' },
        { kind: 'subjectTeachers', subject: 'FR', divisions: ['5A'] },
      ],
    );
    assert.ok(out.reduce((n, s) => n + s.takes, 0) <= 3);
    // Copies already held count against the pool and are not taken twice.
    const held = suggestAllocations({ ...base, sub, copies: [copy('s', 'e0'), copy('s', 'x1')] });
    assert.deepEqual(
      held.map((s) => [s.target, s.takes]),
      [[{ kind: 'division', code: '5A' }, 1]],
    );
  });

  it('suggests nothing for a resource without a level at the school, except librarians', () => {
    const sub = subscription('s', 'r', { audiences: ['ELEVE', 'DOCUMENTALISTE'] });
    const out = suggestAllocations({ ...base, sub, resource: resource('r', { levels: [] }) });
    assert.deepEqual(
      out.map((s) => s.reason),
      ['librarians'],
    );
  });
});
