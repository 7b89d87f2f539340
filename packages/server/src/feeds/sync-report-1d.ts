import { PROFILES_ABSENT_AT_ECOLE, primaryLevelOf, type Person, type PersonProfile } from '@opengar/core';
import type { SyncReport } from '../store/types-directory-feeds.js';
import type { FeedSnapshot } from './feed-collector.js';

const LIST_LIMIT = 500;
const label = (p: { lastName: string; firstName: string; id: string }) => `${p.lastName} ${p.firstName} (${p.id})`;

/**
 * The rentrée checks of an école that a 1D feed adds to its sync report (our rules where GAR's 1D formats differ):
 * pupils whose MEFSTAT4 is not a level of an école (CP…CM2: level targets and suggestions miss them), the école's
 * directors that no RespAff entry names for it (in the first degree the director is the allocation manager the
 * RespAff file declares: mails about new subscriptions go to the RespAff addresses), and profiles an école does not
 * have (a librarian). Nothing for a 2D feed. Browser-safe. The caller shows it each person once (`visit`), then
 * reads each école's lists (`at`).
 */
export function primaryAnomalies(snap: Pick<FeedSnapshot, 'degree' | 'respAff'>): {
  visit(person: Person): void;
  at(
    uai: string,
  ): Pick<SyncReport['anomalies'], 'pupilsWithUnknownLevel' | 'directorsNotInRespAff' | 'profilesAbsentAtEcole'>;
} {
  if (snap.degree !== '1D') return { visit: () => {}, at: () => ({}) };
  type Lists = { unknown: string[]; directors: string[]; absent: string[] };
  const bySchool = new Map<string, Lists>();
  const named = new Map<string, Set<string>>();
  for (const r of snap.respAff.values())
    for (const uai of r.uais) named.set(uai, (named.get(uai) ?? new Set()).add(r.personId));
  // One pass over the people for every école (the caller's: one person at a time).
  const visit = (p: Person) => {
    const atSchools = new Map<string, PersonProfile['profile'][]>();
    for (const x of p.profiles) atSchools.set(x.uai, [...(atSchools.get(x.uai) ?? []), x.profile]);
    for (const [uai, here] of atSchools) {
      let lists = bySchool.get(uai);
      if (!lists) {
        lists = { unknown: [], directors: [], absent: [] };
        bySchool.set(uai, lists);
      }
      const { unknown, directors, absent } = lists;
      if (here.includes('National_elv')) {
        const codes = p.mefs.filter((m) => m.uai === uai).map((m) => m.code);
        if (codes.length > 0 && !codes.some((c) => primaryLevelOf(c)) && unknown.length < LIST_LIMIT)
          unknown.push(`${label(p)} : ${codes.join(', ')}`);
      }
      if (here.includes('National_dir') && !named.get(uai)?.has(p.id) && directors.length < LIST_LIMIT)
        directors.push(label(p));
      const odd = here.filter((x) => PROFILES_ABSENT_AT_ECOLE.includes(x));
      if (odd.length && absent.length < LIST_LIMIT) absent.push(`${label(p)} : ${odd.join(', ')}`);
    }
  };
  const at = (uai: string) => {
    const lists = bySchool.get(uai);
    return {
      pupilsWithUnknownLevel: lists?.unknown ?? [],
      directorsNotInRespAff: lists?.directors ?? [],
      profilesAbsentAtEcole: lists?.absent ?? [],
    };
  };
  return { visit, at };
}
