import type { AllocationTarget, Mef, Membership, Person, Teaching } from '../model/entities.js';
import { AUDIENCES, type Audience } from '../model/profiles.js';
import { mefStat4Of } from '../model/levels.js';
import { audienceAt } from './people.js';
import type { Candidate } from './licences.js';

/** The directory of one school, as target expansion needs it. */
export interface SchoolDirectory {
  uai: string;
  /** People with a profile at the school (with their MEFs, for level targets). */
  people: readonly (Pick<Person, 'id' | 'profiles'> & Partial<Pick<Person, 'mefs'>>)[];
  /** Memberships of the school's divisions and groups. */
  memberships: readonly Pick<Membership, 'uai' | 'groupCode' | 'personId'>[];
  /** The school's MEFs, to read a person's MEF code as a MEFSTAT4 (a code not listed reads as its first 4 digits). */
  mefs?: readonly Pick<Mef, 'code' | 'mefStat4' | 'mefStat11'>[];
  /** Who teaches which subject to which division or group (for subject-teacher targets). */
  teachings?: readonly Pick<Teaching, 'uai' | 'personId' | 'groupCode' | 'subject'>[];
}

/** What decides whether a target covers one person at a school. */
export interface PersonFacts {
  personId: string;
  /** The person's audience at the school; `undefined` when not at the school. */
  audience: Audience | undefined;
  /** The divisions and groups they belong to. */
  groups: ReadonlySet<string>;
  /** The MEFSTAT4 codes of their MEFs at the school. */
  levels: ReadonlySet<string>;
  /** What they teach, to which division or group. */
  teachings: readonly Pick<Teaching, 'groupCode' | 'subject'>[];
}

/**
 * The audiences a target gives to: a division or group its `audiences` (the pupils when absent), a level its pupils,
 * subject teachers the teachers, an audience itself; `undefined` for a person (whoever they are).
 *
 * @example
 * ```ts
 * targetAudiences({ kind: 'division', code: '5A' }); // ['ELEVE']
 * targetAudiences({ kind: 'division', code: '5A', audiences: ['ELEVE', 'ENSEIGNANT'] }); // ['ELEVE', 'ENSEIGNANT']
 * ```
 */
export function targetAudiences(target: AllocationTarget): Audience[] | undefined {
  switch (target.kind) {
    case 'person':
      return undefined;
    case 'audience':
      return [target.audience];
    case 'division':
    case 'group':
      return AUDIENCES.filter((a) => (target.audiences ?? ['ELEVE']).includes(a));
    case 'level':
      return ['ELEVE'];
    case 'subjectTeachers':
      return ['ENSEIGNANT'];
  }
}

/**
 * Whether a target covers a person now (the rule an ETABL allocation follows the directory by).
 *
 * @example
 * ```ts
 * targetCovers({ kind: 'level', mefStat4: '1011' }, { personId: 'e1', audience: 'ELEVE', groups: new Set(), levels: new Set(['1011']), teachings: [] }); // true
 * ```
 */
export function targetCovers(target: AllocationTarget, p: PersonFacts): boolean {
  if (target.kind === 'person') return target.personId === p.personId;
  if (p.audience === undefined || !targetAudiences(target)!.includes(p.audience)) return false;
  switch (target.kind) {
    case 'audience':
      return true;
    case 'division':
    case 'group':
      return p.groups.has(target.code);
    case 'level':
      return p.levels.has(target.mefStat4);
    case 'subjectTeachers':
      return p.teachings.some((t) => t.subject === target.subject && target.divisions.includes(t.groupCode));
  }
}

/**
 * What decides the targets of every person of a school directory, by person id.
 *
 * @example
 * ```ts
 * personFacts(directory).get('e1')?.levels; // Set {'1011'}
 * ```
 */
export function personFacts(dir: SchoolDirectory): Map<string, PersonFacts> {
  const mefs = new Map((dir.mefs ?? []).map((m) => [m.code, mefStat4Of(m)]));
  const out = new Map<string, PersonFacts>();
  const facts = (id: string): PersonFacts => {
    let f = out.get(id);
    if (!f) {
      f = { personId: id, audience: undefined, groups: new Set(), levels: new Set(), teachings: [] };
      out.set(id, f);
    }
    return f;
  };
  for (const p of dir.people) {
    const f = facts(p.id);
    f.audience = audienceAt(p, dir.uai);
    for (const m of p.mefs ?? []) {
      if (m.uai !== dir.uai) continue;
      const code = mefs.get(m.code) ?? (/^\d{4}/.test(m.code) ? m.code.slice(0, 4) : undefined);
      if (code) (f.levels as Set<string>).add(code);
    }
  }
  for (const m of dir.memberships) if (m.uai === dir.uai) (facts(m.personId).groups as Set<string>).add(m.groupCode);
  for (const t of dir.teachings ?? [])
    if (t.uai === dir.uai)
      (facts(t.personId).teachings as Pick<Teaching, 'groupCode' | 'subject'>[]).push({
        groupCode: t.groupCode,
        subject: t.subject,
      });
  return out;
}

/**
 * The people an allocation target covers at a school, with their audience there: a division's or group's members of
 * its population, a level's pupils, a subject's teachers in the chosen divisions, an audience's people, or the person
 * named (even when not at the school, with no audience, for the caller to refuse).
 *
 * @example
 * ```ts
 * expandTarget({ kind: 'division', code: '3A' }, directory); // the pupils of 3A: [{ personId: 'e1', audience: 'ELEVE' }, …]
 * ```
 */
export function expandTarget(target: AllocationTarget, dir: SchoolDirectory): Candidate[] {
  const facts = personFacts(dir);
  if (target.kind === 'person') return [{ personId: target.personId, audience: facts.get(target.personId)?.audience }];
  const out: Candidate[] = [];
  for (const f of facts.values()) if (targetCovers(target, f)) out.push({ personId: f.personId, audience: f.audience });
  return out;
}

const population = (target: AllocationTarget) => {
  const a = targetAudiences(target);
  return a && (target.kind === 'division' || target.kind === 'group') && !(a.length === 1 && a[0] === 'ELEVE')
    ? `@${a.join('+')}`
    : '';
};

/**
 * A stable, readable key of a target (`division:3A`, `division:3A@ELEVE+ENSEIGNANT`, `level:1011`,
 * `subjectTeachers:030201@5A+5B`, `person:e1`…), for maps and audit entries. A division's pupils keep the key
 * `division:3A` they had before populations.
 *
 * @example
 * ```ts
 * targetKey({ kind: 'division', code: '3A' }); // 'division:3A'
 * ```
 */
export function targetKey(target: AllocationTarget): string {
  switch (target.kind) {
    case 'audience':
      return `audience:${target.audience}`;
    case 'division':
    case 'group':
      return `${target.kind}:${target.code}${population(target)}`;
    case 'level':
      return `level:${target.mefStat4}`;
    case 'subjectTeachers':
      return `subjectTeachers:${target.subject}@${[...target.divisions].sort().join('+')}`;
    case 'person':
      return `person:${target.personId}`;
  }
}

/**
 * Whether two allocation targets designate the same people (the same kind, code and population).
 *
 * @example
 * ```ts
 * sameTarget({ kind: 'division', code: '3A' }, { kind: 'division', code: '3A', audiences: ['ELEVE'] }); // true
 * sameTarget({ kind: 'division', code: '3A' }, { kind: 'group', code: '3A' }); // false
 * ```
 */
export function sameTarget(a: AllocationTarget, b: AllocationTarget): boolean {
  return targetKey(a) === targetKey(b);
}

/**
 * A target in its one canonical form, with only the members of its kind: a division's or group's pupils without
 * `audiences` (as before populations), other populations in {@link AUDIENCES} order, subject divisions sorted. Stored
 * and compared in this form, equal targets have equal JSON.
 *
 * @example
 * ```ts
 * normalizeTarget({ kind: 'division', code: '5A', audiences: ['ELEVE'] }); // { kind: 'division', code: '5A' }
 * ```
 */
export function normalizeTarget(target: AllocationTarget): AllocationTarget {
  switch (target.kind) {
    case 'audience':
      return { kind: target.kind, audience: target.audience };
    case 'division':
    case 'group': {
      const audiences = targetAudiences(target)!;
      return audiences.length === 1 && audiences[0] === 'ELEVE'
        ? { kind: target.kind, code: target.code }
        : { kind: target.kind, code: target.code, audiences };
    }
    case 'level':
      return { kind: target.kind, mefStat4: target.mefStat4 };
    case 'subjectTeachers':
      return { kind: target.kind, subject: target.subject, divisions: [...target.divisions].sort() };
    case 'person':
      return { kind: target.kind, personId: target.personId };
  }
}
