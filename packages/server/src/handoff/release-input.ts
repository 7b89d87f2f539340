import type { Group, Person, ReleaseInput, Resource } from '@opengar/core';
import type { StoreOps } from '../store/types.js';

/** The divisions and groups a person belongs to at a school, as the hand-off releases them. */
export async function groupsOf(store: Pick<StoreOps, 'listMemberships' | 'getGroup'>, uai: string, personId: string) {
  const memberships = await store.listMemberships({ uai, personId });
  const groups = await Promise.all(memberships.map((m) => store.getGroup(uai, m.groupCode)));
  return groups.filter((g): g is Group => g !== undefined);
}

/**
 * What `releaseAttributes` reads for one person, school and resource, loaded as the hand-off loads it (the school's
 * MEFs only when the resource declared a level). The hand-off and « données transmises » both go through here, so the
 * list a person is shown is the list a resource receives.
 */
export async function releaseInputFor(
  store: Pick<StoreOps, 'listMefs'>,
  input: { person: Person; uai: string; resource: Resource; ido: string; groups: readonly Group[] },
): Promise<ReleaseInput> {
  const { declaredAttributes } = input.resource;
  const wantsMefs = declaredAttributes.includes('P_MS4') || declaredAttributes.includes('E_MS4');
  const mefs = wantsMefs ? await store.listMefs(input.uai) : [];
  return { ...input, mefs };
}
