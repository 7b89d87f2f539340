import type { Dashboard, SchoolSubscription } from '@opengar/core';
import type { AllocationView, AuditEntryView, AuditOptions, DelegationView, GarConsoleClient } from '@opengar/sdk';

/** Everything the console shows of one school. */
export interface SchoolData {
  subs: SchoolSubscription[];
  allocations: AllocationView[];
  dashboard: Dashboard | undefined;
  audit: AuditEntryView[];
  /** The cursor of the history's next page. */
  auditNext: string | undefined;
  delegations: DelegationView[];
}

/**
 * Reads a school's subscriptions, allocations, dashboard, audit trail and delegations at once, and adds to `names` the
 * labels of its divisions and groups and the names of the people they mention (`kind:id` keys). A reader without
 * allocation rights (`readOnly`: the librarian) reads only subscriptions, allocations and labels.
 */
export async function readSchool(
  c: GarConsoleClient,
  uai: string,
  names: Map<string, string>,
  signal?: AbortSignal,
  auditFilters: AuditOptions = {},
  readOnly = false,
): Promise<SchoolData> {
  const o = { signal };
  const none = <T>(): Promise<T[]> => Promise.resolve([]);
  const [subs, allocations, dashboard, auditPage, delegations, groups] = await Promise.all([
    c.subscriptions(uai, o),
    c.allocations(uai, o),
    readOnly ? Promise.resolve(undefined) : c.dashboard(uai, o),
    readOnly
      ? Promise.resolve({ items: [] as AuditEntryView[], next: undefined })
      : c.audit(uai, { ...o, ...auditFilters, limit: 50 }),
    readOnly ? none<DelegationView>() : c.delegations(uai, o),
    // Every division and group, and the subjects someone teaches, to name the targets.
    c.directory(uai, { limit: 1 }, o),
  ]);
  const audit = auditPage.items;
  for (const g of groups.groups) names.set(`${g.kind}:${g.code}`, g.label || g.code);
  for (const x of groups.subjects) names.set(`subject:${x.code}`, x.label);
  const ids = new Set<string>();
  for (const a of allocations) if (a.target.kind === 'person') ids.add(a.target.personId);
  for (const d of delegations) ids.add(d.delegateId);
  for (const s of dashboard?.suggestions ?? []) if (s.target.kind === 'person') ids.add(s.target.personId);
  const unknown = [...ids].filter((id) => id !== 'system' && !names.has(`person:${id}`)).slice(0, 200);
  if (unknown.length > 0) {
    const found = await c.directory(uai, { personIds: unknown.join(',') }, o);
    for (const p of found.people) names.set(`person:${p.id}`, `${p.firstName} ${p.lastName}`);
  }
  return { subs, allocations, dashboard, audit, auditNext: auditPage.next, delegations };
}
