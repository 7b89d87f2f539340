import {
  isPupilAt,
  resolveEntitlements,
  type Group,
  type LicenceCopy,
  type Person,
  type Resource,
} from '@opengar/core';
import type { StoreOps, StoredSubscription } from '../store/types.js';

/** The pupils of some classes of a school and what each of them can open now. */
export interface ClassRoster {
  /** Pupil ids of each class, by class code (sorted by last name, first name, id). */
  members: Map<string, Person[]>;
  /** Resource ids each pupil can open now. */
  entitled: Map<string, Set<string>>;
  /** Resource ids whose copy each pupil opened at least once (free offers have no copies). */
  opened: Map<string, Set<string>>;
  /** The resources named by the school's subscriptions. */
  resources: Map<string, Resource>;
  subscriptions: StoredSubscription[];
}

const names = new Intl.Collator('fr', { numeric: true, sensitivity: 'base' });
const byName = (a: Person, b: Person) =>
  names.compare(a.lastName, b.lastName) || names.compare(a.firstName, b.firstName) || (a.id < b.id ? -1 : 1);

/**
 * Reads the pupils of `classes` at `uai` and resolves what each can open at `at` (the médiacentre's own rule), and which
 * copies each opened. Other members (teachers in a group) are left out.
 */
export async function readClassRoster(
  tx: StoreOps,
  school: { uai: string; entId: string },
  classes: readonly Group[],
  at: Date,
): Promise<ClassRoster> {
  const { uai, entId } = school;
  const [subscriptions, copies] = await Promise.all([tx.listSubscriptions({ uai }), tx.listCopies({ uai })]);
  const ids = [...new Set(subscriptions.map((s) => s.resourceId))];
  const resources = new Map((ids.length ? await tx.listResources({ ids }) : []).map((r) => [r.id, r]));
  const copiesOf = new Map<string, LicenceCopy[]>();
  for (const c of copies) copiesOf.set(c.personId, [...(copiesOf.get(c.personId) ?? []), c]);
  const resourceOf = new Map(subscriptions.map((s) => [s.id, s.resourceId]));
  const people = new Map<string, Person | undefined>();
  const members = new Map<string, Person[]>();
  const entitled = new Map<string, Set<string>>();
  const opened = new Map<string, Set<string>>();
  for (const group of classes) {
    const list: Person[] = [];
    for (const m of await tx.listMemberships({ uai, groupCode: group.code })) {
      if (!people.has(m.personId)) people.set(m.personId, await tx.getPerson(entId, m.personId));
      const person = people.get(m.personId);
      if (!person || !isPupilAt(person, uai)) continue;
      list.push(person);
      if (entitled.has(person.id)) continue;
      const own = copiesOf.get(person.id) ?? [];
      const rights = resolveEntitlements({ person, uai, at, subscriptions, copies: own, resources });
      entitled.set(person.id, new Set(rights.map((e) => e.resource.id)));
      opened.set(
        person.id,
        new Set(own.filter((c) => c.firstOpenedAt !== undefined).map((c) => resourceOf.get(c.subscriptionId) ?? '')),
      );
    }
    members.set(group.code, list.sort(byName));
  }
  return { members, entitled, opened, resources, subscriptions };
}
