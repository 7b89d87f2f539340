import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { releaseAttributes, type Group, type Mef } from '../src/index.js';
import { UAI, OTHER_UAI, person } from './fixtures.js';

const ALL = ['UAI', 'PRO', 'NOM', 'PRE', 'CIV', 'P_MEL', 'DIV', 'GRO', 'P_MS4', 'E_MS4'] as const;
const groups: Group[] = [
  { uai: UAI, code: '3A', label: '3e A', status: 'DIVISION' },
  { uai: UAI, code: 'LV2-ESP', label: 'Espagnol LV2', status: 'GROUPE' },
  { uai: OTHER_UAI, code: '2NDE01', label: '2nde 1', status: 'DIVISION' },
];
const mefs: Mef[] = [
  { uai: UAI, code: '10310019110', label: '3EME', mefStat11: '10310019110' },
  { uai: UAI, code: 'X', label: 'no stat' },
];

describe('attribute release', () => {
  const pupil = person('e1', 'National_elv', UAI, {
    email: 'eleve@example.fr',
    civility: 'Mme',
    mefs: [{ uai: UAI, code: '10310019110' }],
  });
  const teacher = person('t1', 'National_ens', UAI, {
    email: 'prof@example.fr',
    civility: 'M.',
    mefs: [{ uai: UAI, code: '10310019110' }],
  });

  it('releases only IDO when nothing is declared', () => {
    assert.deepEqual(
      releaseAttributes({ person: pupil, uai: UAI, resource: { declaredAttributes: [] }, ido: 'abc', groups, mefs }),
      { IDO: 'abc' },
    );
  });

  it('releases exactly the declared attributes in GAR forms', () => {
    const r = releaseAttributes({
      person: teacher,
      uai: UAI,
      resource: { declaredAttributes: ['UAI', 'PRO', 'DIV', 'P_MS4'] },
      ido: 'x',
      groups,
      mefs,
    });
    assert.deepEqual(r, { IDO: 'x', UAI: [UAI], PRO: 'National_ens', DIV: ['3A##3e A'], P_MS4: ['1031'] });
  });

  it('never releases a pupil e-mail nor P_MS4, and gives pupils E_MS4', () => {
    const r = releaseAttributes({
      person: pupil,
      uai: UAI,
      resource: { declaredAttributes: [...ALL] },
      ido: 'x',
      groups,
      mefs,
    });
    assert.equal(r.P_MEL, undefined);
    assert.equal(r.P_MS4, undefined);
    assert.deepEqual(r.E_MS4, ['1031']);
    assert.deepEqual(r.GRO, ['LV2-ESP##Espagnol LV2']);
    assert.deepEqual(r.DIV, ['3A##3e A']);
    assert.equal(r.CIV, 'Mme');
  });

  it('gives staff their e-mail and no E_MS4', () => {
    const r = releaseAttributes({
      person: teacher,
      uai: UAI,
      resource: { declaredAttributes: [...ALL] },
      ido: 'x',
      groups,
      mefs,
    });
    assert.equal(r.P_MEL, 'prof@example.fr');
    assert.equal(r.E_MS4, undefined);
  });

  it('only uses groups of the school launched from', () => {
    const r = releaseAttributes({
      person: pupil,
      uai: OTHER_UAI,
      resource: { declaredAttributes: ['DIV', 'UAI'] },
      ido: 'x',
      groups,
      mefs,
    });
    assert.deepEqual(r, { IDO: 'x', UAI: [OTHER_UAI], DIV: ['2NDE01##2nde 1'] });
  });

  it('primary MEFSTAT4 codes are used directly', () => {
    const r = releaseAttributes({
      person: person('e9', 'National_elv', UAI, { mefs: [{ uai: UAI, code: 'CM2' }] }),
      uai: UAI,
      resource: { declaredAttributes: ['E_MS4'] },
      ido: 'x',
      groups: [],
      mefs: [{ uai: UAI, code: 'CM2', label: 'CM2', mefStat4: '2115' }],
    });
    assert.deepEqual(r.E_MS4, ['2115']);
  });
});
