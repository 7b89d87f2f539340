import type { Person, RespAff, School } from '@opengar/core';
import type { FeedDegree } from './feed-schema.js';

/**
 * What a complete export covers (our rule): GAR's 1D and 2D feeds are separate exports, so a complete `1D` export
 * speaks for the ENT's écoles and a `2D` one for its collèges and lycées. A school of the other degree is not in the
 * feed because it is not that feed's business, not because it closed: its people, groups and managers stay.
 * A school registered without a degree is secondary (the registry's default).
 */
export function inScope(school: Pick<School, 'degree'>, degree: FeedDegree): boolean {
  return (school.degree ?? '2D') === degree;
}

/**
 * A person as the feed gives them, with what they have at schools outside the feed's scope kept (a teacher at an
 * école and a collège appears in both exports, each naming only its own schools).
 */
export function mergeOutOfScope(fed: Person, old: Person | undefined, outOfScope: ReadonlySet<string>): Person {
  if (!old) return fed;
  const profiles = old.profiles.filter((p) => outOfScope.has(p.uai));
  const mefs = (old.mefs ?? []).filter((m) => outOfScope.has(m.uai));
  if (profiles.length === 0 && mefs.length === 0) return fed;
  return {
    ...fed,
    // A 1D feed carries no e-mail for teachers: keep the one the other degree's feed gave.
    ...(fed.email === undefined && old.email !== undefined ? { email: old.email } : {}),
    profiles: [...fed.profiles, ...profiles.filter((p) => !fed.profiles.some((x) => x.uai === p.uai))],
    mefs: [...(fed.mefs ?? []), ...mefs.filter((m) => !(fed.mefs ?? []).some((x) => x.uai === m.uai))],
  };
}

/** A RespAff as the feed gives it, keeping the schools outside the feed's scope the stored one named. */
export function mergeRespAff(fed: RespAff, old: RespAff | undefined, outOfScope: ReadonlySet<string>): RespAff {
  const kept = (old?.uais ?? []).filter((u) => outOfScope.has(u) && !fed.uais.includes(u));
  return kept.length ? { ...fed, uais: [...fed.uais, ...kept] } : fed;
}

/** A stored RespAff the feed no longer names: what is left of it once this feed's schools are taken out. */
export function respAffLeft(old: RespAff, outOfScope: ReadonlySet<string>): RespAff | undefined {
  const uais = old.uais.filter((u) => outOfScope.has(u));
  if (uais.length === old.uais.length) return old;
  return uais.length ? { ...old, uais } : undefined;
}
