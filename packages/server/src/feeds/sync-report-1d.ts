import { PROFILES_ABSENT_AT_ECOLE, primaryLevelOf } from '@opengar/core';
import type { SyncReport } from '../store/types-directory-feeds.js';
import type { FeedSnapshot } from './feed-collector.js';

const LIST_LIMIT = 500;
const label = (p: { lastName: string; firstName: string; id: string }) => `${p.lastName} ${p.firstName} (${p.id})`;

/**
 * The rentrée checks of an école that a 1D feed adds to its sync report (our rules where GAR's 1D formats differ):
 * pupils whose MEFSTAT4 is not a level of an école (CP…CM2: level targets and suggestions miss them), the école's
 * directors that no RespAff entry names for it (in the first degree the director is the allocation manager the
 * RespAff file declares: mails about new subscriptions go to the RespAff addresses), and profiles an école does not
 * have (a librarian). Nothing for a 2D feed. Browser-safe.
 */
export function primaryAnomalies(
  snap: FeedSnapshot,
  uai: string,
): Pick<SyncReport['anomalies'], 'pupilsWithUnknownLevel' | 'directorsNotInRespAff' | 'profilesAbsentAtEcole'> {
  if (snap.degree !== '1D') return {};
  const unknown: string[] = [];
  const directors: string[] = [];
  const absent: string[] = [];
  const named = new Set([...snap.respAff.values()].filter((r) => r.uais.includes(uai)).map((r) => r.personId));
  for (const p of snap.people.values()) {
    const here = p.profiles.filter((x) => x.uai === uai).map((x) => x.profile);
    if (here.length === 0) continue;
    if (here.includes('National_elv')) {
      const codes = p.mefs.filter((m) => m.uai === uai).map((m) => m.code);
      if (codes.length > 0 && !codes.some((c) => primaryLevelOf(c)) && unknown.length < LIST_LIMIT)
        unknown.push(`${label(p)} : ${codes.join(', ')}`);
    }
    if (here.includes('National_dir') && !named.has(p.id) && directors.length < LIST_LIMIT) directors.push(label(p));
    const odd = here.filter((x) => PROFILES_ABSENT_AT_ECOLE.includes(x));
    if (odd.length && absent.length < LIST_LIMIT) absent.push(`${label(p)} : ${odd.join(', ')}`);
  }
  return { pupilsWithUnknownLevel: unknown, directorsNotInRespAff: directors, profilesAbsentAtEcole: absent };
}
