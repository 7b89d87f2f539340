import type { AllocationTarget, Group, LicenceCopy, Resource, Subject, Subscription } from '../model/entities.js';
import { LEVEL_TABLE, mefStat4ForLevels } from '../model/levels.js';
import type { Audience } from '../model/profiles.js';
import { foldText } from './fold.js';
import { licenceUsage, poolFor, type PoolKey } from './licences.js';
import { personFacts, targetCovers, type PersonFacts, type SchoolDirectory } from './targets.js';

/** Why a target is suggested. */
export type SuggestionReason = 'level' | 'division' | 'subject-teachers' | 'librarians';

/** A suggested allocation of a subscription: a target, whom it gives to and what it takes. */
export interface AllocationSuggestion {
  target: AllocationTarget;
  reason: SuggestionReason;
  /** The audience the target gives to. */
  audience: Audience;
  /** People it covers now. */
  people: number;
  /** Copies it would take (people not already holding one). */
  takes: number;
  /** The level (MEFSTAT4 and its short name, `5e`) for level, division and subject-teacher suggestions. */
  level?: { mefStat4: string; name: string };
  /** The subject of a subject-teacher suggestion. */
  subject?: { code: string; label: string };
  /** The divisions of a division or subject-teacher suggestion, with their labels. */
  divisions?: { code: string; label: string }[];
}

/** What {@link suggestAllocations} reads. */
export interface SuggestionInput {
  sub: Pick<Subscription, 'licences' | 'audiences'>;
  copies: readonly Pick<LicenceCopy, 'personId' | 'audience'>[];
  resource: Pick<Resource, 'levels' | 'teachingDomains'> | undefined;
  directory: SchoolDirectory;
  groups: readonly Pick<Group, 'code' | 'label' | 'status'>[];
  subjects: readonly Pick<Subject, 'code' | 'label'>[];
}

const fold = (s: string) =>
  foldText(s)
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();

/** The short name of a MEFSTAT4 level (`1011` → `5e`), from the level table. */
function levelName(mefStat4: string): string {
  const grade = (e: (typeof LEVEL_TABLE)[number]) => e.mefStat4.length === 1 && !e.key.startsWith('cycle');
  return LEVEL_TABLE.find((e) => grade(e) && e.mefStat4[0] === mefStat4)?.key ?? mefStat4;
}

/** Whether a school subject (`FRANCAIS`) is one of a resource's teaching domains (`Français`). */
function subjectMatches(subject: Pick<Subject, 'code' | 'label'>, domains: readonly string[]): boolean {
  const label = fold(subject.label);
  return label.length > 0 && domains.some((d) => d.length > 0 && (label.includes(d) || d.includes(label)));
}

/**
 * Suggests how to give a subscription to its natural public, within what its pools hold: the pupils of each of the
 * resource's levels at the school (or, when a level does not fit, its divisions one by one), the teachers of the
 * resource's subjects in the classes at those levels, the librarians. An audience the subscription does not cover is
 * never suggested (no pupils for a teachers-only resource); suggestions are taken in that order while the pools hold
 * them all together, so that accepting every one fits.
 *
 * @example
 * ```ts
 * suggestAllocations({ sub, copies, resource, directory, groups, subjects });
 * // [{ target: { kind: 'level', mefStat4: '1011' }, reason: 'level', audience: 'ELEVE', people: 112, takes: 112, level: { mefStat4: '1011', name: '5e' } }, …]
 * ```
 */
export function suggestAllocations(input: SuggestionInput): AllocationSuggestion[] {
  const { sub, copies, resource, directory, groups, subjects } = input;
  const facts = [...personFacts(directory).values()];
  const holders = new Set(copies.map((c) => c.personId));
  const left = new Map<PoolKey, number>();
  for (const u of licenceUsage(sub, copies))
    left.set(u.pool, u.remaining === 'ILLIMITE' ? Number.POSITIVE_INFINITY : Math.max(0, u.remaining));
  const out: AllocationSuggestion[] = [];
  const taken = new Set<string>();
  const covers = (target: AllocationTarget): PersonFacts[] => facts.filter((f) => targetCovers(target, f));
  /** Adds a suggestion when its audience is covered and its new copies fit what is left; says whether it did. */
  const offer = (s: Omit<AllocationSuggestion, 'people' | 'takes'>): boolean => {
    const pool = poolFor(sub, s.audience);
    if (!pool) return false;
    const people = covers(s.target);
    const fresh = people.filter((p) => !holders.has(p.personId) && !taken.has(p.personId));
    if (fresh.length === 0 || fresh.length > (left.get(pool) ?? 0)) return false;
    left.set(pool, (left.get(pool) ?? 0) - fresh.length);
    for (const p of fresh) taken.add(p.personId);
    out.push({ ...s, people: people.length, takes: fresh.length });
    return true;
  };
  const divisionLabel = new Map(groups.filter((g) => g.status === 'DIVISION').map((g) => [g.code, g.label || g.code]));
  const codes = resource ? [...mefStat4ForLevels(resource.levels)].sort() : [];
  const domains = (resource?.teachingDomains ?? []).map((d) => fold(d.nom));
  for (const mefStat4 of codes) {
    const level = { mefStat4, name: levelName(mefStat4) };
    const pupils = facts.filter((f) => f.audience === 'ELEVE' && f.levels.has(mefStat4));
    if (pupils.length === 0) continue;
    // The divisions at the level: those where most pupils are at it.
    const divisions = [...divisionLabel.keys()]
      .filter((code) => {
        const members = facts.filter((f) => f.audience === 'ELEVE' && f.groups.has(code));
        return members.length > 0 && members.filter((f) => f.levels.has(mefStat4)).length * 2 >= members.length;
      })
      .sort((a, b) => divisionLabel.get(a)!.localeCompare(divisionLabel.get(b)!, 'fr', { numeric: true }));
    const named = (list: readonly string[]) => list.map((code) => ({ code, label: divisionLabel.get(code)! }));
    if (
      sub.audiences.includes('ELEVE') &&
      !offer({ target: { kind: 'level', mefStat4 }, reason: 'level', audience: 'ELEVE', level })
    ) {
      for (const code of divisions)
        offer({
          target: { kind: 'division', code },
          reason: 'division',
          audience: 'ELEVE',
          level,
          divisions: named([code]),
        });
    }
    if (sub.audiences.includes('ENSEIGNANT') && divisions.length > 0) {
      for (const subject of subjects) {
        if (!subjectMatches(subject, domains)) continue;
        const teaching = divisions.filter((code) =>
          facts.some((f) => f.teachings.some((t) => t.subject === subject.code && t.groupCode === code)),
        );
        if (teaching.length === 0) continue;
        offer({
          target: { kind: 'subjectTeachers', subject: subject.code, divisions: teaching },
          reason: 'subject-teachers',
          audience: 'ENSEIGNANT',
          level,
          subject: { code: subject.code, label: subject.label },
          divisions: named(teaching),
        });
      }
    }
  }
  if (sub.audiences.includes('DOCUMENTALISTE'))
    offer({
      target: { kind: 'audience', audience: 'DOCUMENTALISTE' },
      reason: 'librarians',
      audience: 'DOCUMENTALISTE',
    });
  return out;
}
