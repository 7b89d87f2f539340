import {
  isSubscriptionValidAt,
  suggestAllocations,
  type AllocationSuggestion,
  type DashboardSuggestion,
  type SchoolDirectory,
} from '@opengar/core';
import type { StoredSubscription, StoreOps } from '../store/types.js';

const AUDIENCE_FR = {
  ELEVE: 'élèves',
  ENSEIGNANT: 'enseignants',
  DOCUMENTALISTE: 'documentalistes',
  'AUTRE PERSONNEL': 'autres personnels',
} as const;

const plural = (n: number, one: string, many: string) => `${n}\u00a0${n === 1 ? one : many}`;

const AUDIENCE_EN = {
  ELEVE: 'pupils',
  ENSEIGNANT: 'teachers',
  DOCUMENTALISTE: 'librarians',
  'AUTRE PERSONNEL': 'other staff',
} as const;

/**
 * A suggestion in words, French (the dashboard's `text`) or English, as the new-subscription e-mail says it.
 *
 * @example
 * ```ts
 * suggestionText(s); // 'Tous les élèves de 5e (112 licences)'
 * suggestionText(s, 'en'); // 'All 5e pupils (112 licences)'
 * ```
 */
export function suggestionText(s: AllocationSuggestion, lang: 'fr' | 'en' = 'fr'): string {
  const licences = plural(s.takes, 'licence', 'licences');
  const classes = (s.divisions ?? []).map((d) => d.label).join(', ');
  const level = s.level?.name ?? '';
  const subject = s.subject?.label ?? '';
  if (lang === 'en') {
    switch (s.reason) {
      case 'level':
        return `All ${level} pupils (${licences})`;
      case 'division':
        return `The pupils of class ${classes} (${licences})`;
      case 'subject-teachers':
        return `The ${subject} teachers of classes ${classes} (${licences})`;
      case 'librarians':
        return `The ${AUDIENCE_EN[s.audience]} (${licences})`;
    }
  }
  switch (s.reason) {
    case 'level':
      return `Tous les élèves de ${level} (${licences})`;
    case 'division':
      return `Les élèves de la classe ${classes} (${licences})`;
    case 'subject-teachers':
      return `Les enseignants de ${subject} des classes ${classes} (${licences})`;
    case 'librarians':
      return `Les ${AUDIENCE_FR[s.audience]} (${licences})`;
  }
}

/** The school's directory as suggestions read it, once for several subscriptions. */
export async function suggestionDirectory(
  store: Pick<
    StoreOps,
    'listPeople' | 'listMemberships' | 'listMefs' | 'listTeachings' | 'listGroups' | 'listSubjects'
  >,
  uai: string,
) {
  const directory: SchoolDirectory = {
    uai,
    people: await store.listPeople({ uai }),
    memberships: await store.listMemberships({ uai }),
    mefs: await store.listMefs(uai),
    teachings: await store.listTeachings({ uai }),
  };
  return { directory, groups: await store.listGroups(uai), subjects: await store.listSubjects(uai) };
}

/**
 * The suggested allocations of a subscription not yet allocated (valid, not automatic, no allocation): the same list
 * for the dashboard, the e-mail and "Tout accepter". Empty otherwise.
 *
 * @example
 * ```ts
 * const dir = await suggestionDirectory(store, uai);
 * await suggestionsFor(store, sub, dir, clock.now());
 * ```
 */
export async function suggestionsFor(
  store: Pick<StoreOps, 'listAllocations' | 'listCopies' | 'getResource'>,
  sub: StoredSubscription,
  dir: Awaited<ReturnType<typeof suggestionDirectory>>,
  now: Date,
): Promise<DashboardSuggestion[]> {
  if (sub.automatic || sub.deletedAt !== undefined || !isSubscriptionValidAt(sub, now)) return [];
  if ((await store.listAllocations({ subscriptionId: sub.id })).length > 0) return [];
  const copies = await store.listCopies({ subscriptionId: sub.id });
  const resource = await store.getResource(sub.resourceId);
  const ref = { subscriptionId: sub.id, resourceId: sub.resourceId, resourceLabel: sub.resourceLabel };
  return suggestAllocations({ sub, copies, resource, ...dir }).map((s) => ({ ...ref, ...s, text: suggestionText(s) }));
}
