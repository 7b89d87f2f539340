// The holders' label a screen reader reads in « Mes classes »: the verb agrees with the count (found in Chromium: « 0 élève
// sur 28 peuvent l’ouvrir »).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { teacherClassesEn } from '../src/teacher-classes/localize/en.js';
import { teacherClassesFr } from '../src/teacher-classes/localize/fr.js';

test('the French holders’ label agrees in number; the English one reads the same for every count', () => {
  assert.equal(teacherClassesFr.holdersLabel(0, 28, '6e A'), '6e A\u202f: 0 élève sur 28 peut l’ouvrir');
  assert.equal(teacherClassesFr.holdersLabel(1, 28, '6e A'), '6e A\u202f: 1 élève sur 28 peut l’ouvrir');
  assert.equal(teacherClassesFr.holdersLabel(28, 28, '6e A'), '6e A\u202f: 28 élèves sur 28 peuvent l’ouvrir');
  assert.equal(teacherClassesEn.holdersLabel(0, 28, '6e A'), '6e A: 0 of 28 pupils can open it');
});
