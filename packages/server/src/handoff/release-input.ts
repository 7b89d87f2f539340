import type { Group, Person, ReleaseInput, Resource } from '@opengar/core';
import type { StoreOps } from '../store/types.js';

/** The divisions and groups a person belongs to at a school, as the hand-off releases them (two statements). */
export async function groupsOf(store: Pick<StoreOps, 'listMemberships' | 'getGroups'>, uai: string, personId: string) {
  const memberships = await store.listMemberships({ uai, personId });
  return store.getGroups(
    uai,
    memberships.map((m) => m.groupCode),
  );
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
