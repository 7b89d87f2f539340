import type { AllocationTarget, Membership, Person } from '../model/entities.js';
import { audienceAt } from './people.js';
import type { Candidate } from './licences.js';

/** The directory of one school, as target expansion needs it. */
export interface SchoolDirectory {
  uai: string;
  /** People with a profile at the school. */
  people: readonly Pick<Person, 'id' | 'profiles'>[];
  /** Memberships of the school's divisions and groups. */
  memberships: readonly Pick<Membership, 'uai' | 'groupCode' | 'personId'>[];
}

/**
 * The people an allocation target covers at a school, with their audience there.
 *
 * @example
 * ```ts
 * expandTarget({ kind: 'division', code: '3A' }, directory); // [{ personId: 'e1', audience: 'ELEVE' }, …]
 * ```
 */
export function expandTarget(target: AllocationTarget, dir: SchoolDirectory): Candidate[] {
  const byId = new Map(dir.people.map((p) => [p.id, p]));
  const candidate = (id: string): Candidate => {
    const p = byId.get(id);
    return { personId: id, audience: p ? audienceAt(p, dir.uai) : undefined };
  };
  switch (target.kind) {
    case 'person':
      return [candidate(target.personId)];
    case 'audience':
      return dir.people
        .map((p) => ({ personId: p.id, audience: audienceAt(p, dir.uai) }))
        .filter((c) => c.audience === target.audience);
    case 'division':
    case 'group': {
      const ids = new Set<string>();
      for (const m of dir.memberships) if (m.uai === dir.uai && m.groupCode === target.code) ids.add(m.personId);
      return [...ids].map(candidate);
    }
  }
}

/** A stable, readable key of a target (`division:3A`, `person:e1`…), for maps and audit entries. */
export function targetKey(target: AllocationTarget): string {
  switch (target.kind) {
    case 'audience':
      return `audience:${target.audience}`;
    case 'division':
      return `division:${target.code}`;
    case 'group':
      return `group:${target.code}`;
    case 'person':
      return `person:${target.personId}`;
  }
}

/**
 * Whether two allocation targets designate the same thing (only the members of their kind count).
 *
 * @example
 * ```ts
 * sameTarget({ kind: 'division', code: '3A' }, { kind: 'division', code: '3A' }); // true
 * sameTarget({ kind: 'division', code: '3A' }, { kind: 'group', code: '3A' }); // false
 * ```
 */
export function sameTarget(a: AllocationTarget, b: AllocationTarget): boolean {
  switch (a.kind) {
    case 'audience':
      return b.kind === 'audience' && a.audience === b.audience;
    case 'division':
    case 'group':
      return b.kind === a.kind && a.code === b.code;
    case 'person':
      return b.kind === 'person' && a.personId === b.personId;
  }
}
