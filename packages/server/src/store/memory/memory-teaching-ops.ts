import type { Subject, Teaching } from '@opengar/core';
import { cloneJson, compareText } from '../shared/fold.js';
import type { TeachingStore } from '../types-teachings.js';
import type { MemoryContext } from './memory-context.js';
import { key, type Journal } from './table.js';

/** The key of a teaching row. */
export const teachingKey = (t: Teaching) => key(t.uai, t.groupCode, t.personId, t.subject);

/** Subjects and teachings in memory. */
export function memoryTeachingOps({ state: s, read, write }: MemoryContext): TeachingStore {
  const each =
    <T>(f: (j: Journal, v: T) => void) =>
    (list: readonly T[]) =>
      write((j) => {
        for (const v of list) f(j, v);
      });
  return {
    putSubjects: each<Subject>((j, v) => s.subjects.set(j, cloneJson(v))),
    deleteSubjects: each<Pick<Subject, 'uai' | 'code'>>((j, v) => void s.subjects.delete(j, key(v.uai, v.code))),
    listSubjects: (uai) =>
      read(() =>
        s.subjects
          .find('uai', uai)
          .map((v) => cloneJson(v))
          .sort((a, b) => compareText(a.code, b.code)),
      ),
    putTeachings: each<Teaching>((j, v) => s.teachings.set(j, cloneJson(v))),
    deleteTeachings: each<Teaching>((j, v) => void s.teachings.delete(j, teachingKey(v))),
    listTeachings: (f) =>
      read(() =>
        (f.personId !== undefined ? s.teachings.find('person', key(f.uai, f.personId)) : s.teachings.find('uai', f.uai))
          .filter(
            (t) =>
              (f.subject === undefined || t.subject === f.subject) &&
              (f.groupCode === undefined || t.groupCode === f.groupCode),
          )
          .map((v) => cloneJson(v))
          .sort(
            (a, b) =>
              compareText(a.subject, b.subject) ||
              compareText(a.groupCode, b.groupCode) ||
              compareText(a.personId, b.personId),
          ),
      ),
  };
}
