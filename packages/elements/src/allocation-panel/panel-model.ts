import type { AllocationTarget, Dashboard, SchoolSubscription } from '@opengar/core';
import { isGarSdkError } from '@opengar/sdk';
import type { AllocationPanelTranslation, RefusalFigures } from './localize/translation.js';

/** A target with what the manager reads for it. */
export interface LabelledTarget {
  target: AllocationTarget;
  label: string;
}

/** The population of a division or group target, in the order of the audiences (pupils when not given). */
function populationOf(t: { audiences?: readonly string[] | undefined }): string[] {
  const order = ['ELEVE', 'ENSEIGNANT', 'DOCUMENTALISTE', 'AUTRE PERSONNEL'];
  return order.filter((a) => (t.audiences ?? ['ELEVE']).includes(a));
}

/** A stable key for a target (selection, lookups): the service's own key (`division:5A`, `level:1011`…). */
export function keyOf(t: AllocationTarget): string {
  switch (t.kind) {
    case 'audience':
      return `audience:${t.audience}`;
    case 'person':
      return `person:${t.personId}`;
    case 'level':
      return `level:${t.mefStat4}`;
    case 'subjectTeachers':
      return `subjectTeachers:${t.subject}@${[...t.divisions].sort().join('+')}`;
    default: {
      const pop = populationOf(t);
      return `${t.kind}:${t.code}${pop.length === 1 && pop[0] === 'ELEVE' ? '' : `@${pop.join('+')}`}`;
    }
  }
}

/** A class or group target given to a population (pupils need no `audiences`: they are its default). */
export function withPopulation(t: AllocationTarget, population: readonly string[] | undefined): AllocationTarget {
  if ((t.kind !== 'division' && t.kind !== 'group') || !population || population.length === 0) return t;
  const audiences = populationOf({ audiences: population }) as NonNullable<typeof t.audiences>;
  return audiences.length === 1 && audiences[0] === 'ELEVE'
    ? { kind: t.kind, code: t.code }
    : { kind: t.kind, code: t.code, audiences };
}

/**
 * What the manager reads for a target: a class or group label with its population, a level, a subject's teachers, a
 * person's name, an audience in words.
 */
export function targetLabel(
  t: AllocationTarget,
  t9n: AllocationPanelTranslation,
  names: ReadonlyMap<string, string>,
): string {
  switch (t.kind) {
    case 'audience':
      return `${t9n.targetKinds.audience}${t9n.colon} ${t9n.audiences[t.audience] ?? t.audience}`;
    case 'person':
      return names.get(`person:${t.personId}`) ?? t.personId;
    case 'level':
      return t9n.levelTarget(t9n.levels[t.mefStat4] ?? t.mefStat4);
    case 'subjectTeachers':
      return t9n.subjectTarget(
        names.get(`subject:${t.subject}`) ?? t.subject,
        t.divisions.map((d) => names.get(`division:${d}`) ?? d).join(', '),
      );
    default: {
      const who = populationOf(t)
        .map((a) => t9n.audiences[a] ?? a)
        .join(', ');
      return `${t9n.targetKinds[t.kind]} ${names.get(`${t.kind}:${t.code}`) ?? t.code} (${who})`;
    }
  }
}

/** A refusal followed by its ways out (the problem's structured `advice`), in the manager's words. */
function withWayOut(sentence: string, advice: unknown, t9n: AllocationPanelTranslation): string {
  if (!Array.isArray(advice) || advice.length === 0) return sentence;
  const r = t9n.refusals;
  const words = (advice as Record<string, unknown>[]).flatMap((a) => {
    const n = (k: string) => (typeof a[k] === 'number' ? (a[k] as number) : 0);
    switch (a['kind']) {
      case 'only-audience':
        return [r.onlyAudience(t9n.audiences[String(a['audience'])] ?? String(a['audience']), n('takes'))];
      case 'fewer-targets':
        return [r.fewerTargets(Array.isArray(a['targetIndexes']) ? a['targetIndexes'].length : 0)];
      case 'free-copies':
        return [r.freeCopies(n('count'), a['enough'] === true)];
      default:
        // `withdraw` repeats what the over-allocation sentence already says.
        return [];
    }
  });
  if (words.length === 0) return sentence;
  const text = words.join(' ').replace(/\u00a0?;$/, '.');
  return `${sentence} ${r.wayOut} ${text}`;
}

/** What the manager reads for a suggestion: its target in words, from the suggestion's own names. */
export function suggestionLabel(
  s: Dashboard['suggestions'][number],
  t9n: AllocationPanelTranslation,
  names: ReadonlyMap<string, string>,
): string {
  const classes = (s.divisions ?? []).map((d) => d.label).join(', ');
  switch (s.reason) {
    case 'level':
      return t9n.levelTarget(t9n.levels[s.level?.mefStat4 ?? ''] ?? s.level?.name ?? '');
    case 'subject-teachers':
      return t9n.subjectTarget(s.subject?.label ?? '', classes);
    case 'division':
      return `${t9n.targetKinds.division} ${classes} (${t9n.audiences[s.audience] ?? s.audience})`;
    default:
      return targetLabel(s.target, t9n, names);
  }
}

/** A refusal in the manager's words, from a preview's `refusal` or an error of the service. */
export function describeRefusal(refusal: Readonly<Record<string, unknown>>, t9n: AllocationPanelTranslation): string {
  const num = (k: string) => (typeof refusal[k] === 'number' ? (refusal[k] as number) : 0);
  const text = (k: string) => (typeof refusal[k] === 'string' ? (refusal[k] as string) : '');
  const poolName = t9n.audiences[text('pool')] ?? text('pool');
  const f: RefusalFigures = {
    pool: poolName,
    remaining: num('remaining'),
    requested: num('requested'),
    used: num('used'),
    licences: num('licences'),
    audience: t9n.audiences[text('audience')] ?? text('audience'),
  };
  switch (refusal['code']) {
    case 'insufficient-licences':
      return withWayOut(t9n.refusals.insufficient(f), refusal['advice'], t9n);
    case 'over-allocated':
      return withWayOut(t9n.refusals.overAllocated(f), refusal['advice'], t9n);
    case 'audience-not-covered':
    case 'audience_not_covered':
      return t9n.refusals.notCovered(f.audience);
    case 'not-withdrawable':
      return t9n.refusals.notWithdrawable;
    case 'empty-target':
    case 'empty':
      return t9n.refusals.empty;
    default:
      return t9n.refusals.generic;
  }
}

/** The licence-rule refusal an error carries (a 409 rule problem, or a 400 naming an uncovered audience), if any. */
export function refusalOf(error: unknown): Record<string, unknown> | undefined {
  if (!isGarSdkError(error) || !('problem' in error)) return undefined;
  const problem = (error as { problem: Record<string, unknown> }).problem;
  if (error.code === 'insufficient-licences' || error.code === 'over-allocated' || error.code === 'not-withdrawable')
    return { ...problem, code: error.code };
  const issues = Array.isArray(problem['errors']) ? (problem['errors'] as { code?: unknown }[]) : [];
  const covered = issues.find((i) => i.code === 'audience_not_covered' || i.code === 'empty');
  if (error.code === 'validation' && covered) return { code: covered.code };
  return undefined;
}

const DAY = 86_400_000;

/** Whether a subscription ends within 30 days of `now` (and has not ended). */
export function endsSoon(s: SchoolSubscription, now: number): boolean {
  const end = Date.parse(s.subscription.validUntil);
  return Number.isFinite(end) && end >= now && end - now <= 30 * DAY;
}

/** A person's display name. */
export function personName(p: { firstName: string; lastName: string }): string {
  return `${p.firstName} ${p.lastName}`;
}

/**
 * What tells a listed person apart: a pupil's class, a staff member's audience, and for homonyms the detail the
 * service gives (never anything sensitive).
 */
export function personIdentity(
  p: { audience?: string | undefined; classes?: readonly string[] | undefined; detail?: string | undefined },
  t9n: AllocationPanelTranslation,
): string {
  const where =
    p.audience === 'ELEVE' && p.classes?.length ? p.classes.join(', ') : (t9n.audiences[p.audience ?? ''] ?? '');
  return [where, p.detail].filter((x) => x).join(' · ');
}

/** An e-mail address fit for a `mailto:` link, or `undefined`. */
export function safeEmail(value: unknown): string | undefined {
  return typeof value === 'string' && /^[^\s@<>"'()]+@[^\s@<>"'()]+\.[^\s@<>"'()]+$/.test(value) ? value : undefined;
}
