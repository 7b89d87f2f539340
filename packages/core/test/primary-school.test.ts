import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  AUDIENCES,
  LEVEL_TABLE,
  PRIMARY_LEVELS,
  audiencesAtSchool,
  mefStat4ForLevels,
  mefStat4Of,
  primaryLevelOf,
} from '../src/index.js';

const level = (key: string, nom: string) => ({ uri: `http://data.education.fr/voc/scolomfr/concept/${key}`, nom });

describe('primary schools (1D)', () => {
  it('names the five levels of an école by their MEFSTAT4, and nothing else', () => {
    assert.deepEqual(
      PRIMARY_LEVELS.map((l) => [l.mefStat4, l.label, l.cycle]),
      [
        ['2111', 'CP', 2],
        ['2112', 'CE1', 2],
        ['2113', 'CE2', 2],
        ['2114', 'CM1', 3],
        ['2115', 'CM2', 3],
      ],
    );
    assert.equal(primaryLevelOf('2111')?.label, 'CP');
    for (const code of ['1001', '2001', '', '21111', 'CP']) assert.equal(primaryLevelOf(code), undefined, code);
    // A 1D MEF is its MEFSTAT4.
    assert.equal(mefStat4Of({ mefStat4: '2114' }), '2114');
  });

  it('matches the ScoLOMFR levels of cycles 2 and 3 to the école’s classes (cycle 3 spans CM1, CM2 and 6e)', () => {
    assert.deepEqual([...mefStat4ForLevels([level('cp', 'CP')])], ['2111']);
    assert.deepEqual([...mefStat4ForLevels([level('cycle-2', 'cycle 2')])].sort(), ['2111', '2112', '2113']);
    assert.deepEqual([...mefStat4ForLevels([level('cycle-3', 'cycle 3')])].sort(), ['1001', '2114', '2115']);
    assert.deepEqual(
      [...mefStat4ForLevels([level('ecole-elementaire', 'école élémentaire')])].sort(),
      PRIMARY_LEVELS.map((l) => l.mefStat4),
    );
    // By label too, accents and case aside.
    assert.deepEqual([...mefStat4ForLevels([{ uri: 'urn:x', nom: 'Ecole élémentaire' }])].length, 5);
    // Secondary levels are untouched.
    assert.deepEqual([...mefStat4ForLevels([level('college', 'collège')])].sort(), ['1001', '1011', '1021', '1031']);
    for (const entry of LEVEL_TABLE) for (const code of entry.mefStat4) assert.match(code, /^\d{4}$/);
  });

  it('an école has no librarian pool; a secondary school keeps every audience', () => {
    assert.deepEqual(audiencesAtSchool({ degree: '1D' }, AUDIENCES), ['ELEVE', 'ENSEIGNANT', 'AUTRE PERSONNEL']);
    assert.deepEqual(audiencesAtSchool({ degree: '2D' }, AUDIENCES), [...AUDIENCES]);
    assert.deepEqual(audiencesAtSchool({}, ['DOCUMENTALISTE']), ['DOCUMENTALISTE']);
    assert.deepEqual(audiencesAtSchool({ degree: '1D' }, ['DOCUMENTALISTE']), []);
  });
});
