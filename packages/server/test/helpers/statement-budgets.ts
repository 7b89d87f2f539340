// The operations whose round trips are budgeted (docs/architecture.md, “Round trips per operation”), measured on a
// counted store: shared by test/store/statement-budgets.test.ts and bench/statements.bench.ts.
import assert from 'node:assert/strict';
import type { AllocationTarget } from '@opengar/core';
import type { CountedStore } from './counted-store.js';
import { HEAD_A, R_MATHS, S1, copy, resource, subscription } from './fixtures.js';
import { buildWorld } from './world.js';

/** Statements per operation (BEGIN and COMMIT included); see docs/architecture.md. */
export const STATEMENT_BUDGETS = {
  listing: 8,
  handoff: 12,
  preview: 9,
  allocation: 20,
  audit: 5,
  subscriptions: 5,
  discovery: 3,
} as const;

export type Operation = keyof typeof STATEMENT_BUDGETS;

/**
 * An allocation world of `size` pupils in division 6A, with `size / 5` more resources held by the pupil `eleve-a`,
 * `size / 5` groups of hers, `size / 5` more schools of her ENT, and two unlimited subscriptions to allocate; then the statements each operation sends.
 */
export async function measureStatements(
  { store, driver }: CountedStore,
  size: number,
): Promise<Record<Operation, number>> {
  const w = await buildWorld({ data: 'allocation', pupils: size, store, handoff: true });
  for (let i = 0; i < size / 5; i++) {
    const id = `ark:/99999/r${i}`;
    await store.putResource(resource({ id }));
    await store.insertSubscription(subscription({ id: `ABO-R${i}`, resourceId: id }));
    await store.insertCopies([copy({ subscriptionId: `ABO-R${i}`, personId: 'eleve-a' })]);
    await store.putGroup({ uai: S1, code: `G${i}`, label: `Groupe ${i}`, status: 'GROUPE' });
    await store.putMembership({ uai: S1, groupCode: `G${i}`, personId: 'eleve-a' });
    await store.putSchool({
      uai: `09${String(i).padStart(5, '0')}X`,
      entId: 'ENTA',
      name: `Collège Pierre-Loti n° ${i}`,
      degree: '2D',
    });
  }
  for (const id of ['ILLIMITE-1', 'ILLIMITE-2'])
    await store.insertSubscription(subscription({ id, licences: { kind: 'global', count: 'ILLIMITE' } }));
  const user = { kind: 'ent-user', entId: 'ENTA', personId: 'eleve-a' } as const;
  const targets: AllocationTarget[] = [{ kind: 'division', code: '6A' }];
  const count = async (fn: () => Promise<unknown>) => (await driver.measure(fn)).count.statements;
  // A first allocation warms what is read once per process (the signing keys are read by the hand-off below).
  await w.service.allocation.allocate(HEAD_A, S1, { subscriptionId: 'ILLIMITE-1', targets });
  const listing = await count(async () => {
    const m = await w.service.mediacentre.resources(user, { uai: S1 });
    assert.equal(m.resources.length, size / 5 + 2);
  });
  const handoff = await count(async () => {
    const r = await w.service.handoff.handOff({ entId: 'ENTA', personId: 'eleve-a', uai: S1, resourceId: R_MATHS });
    assert.equal(r.ok, true);
  });
  const preview = await count(async () => {
    const p = await w.service.allocation.preview(HEAD_A, S1, { subscriptionId: 'ILLIMITE-2', targets });
    assert.ok(p);
  });
  const allocation = await count(async () => {
    const r = await w.service.allocation.allocate(HEAD_A, S1, { subscriptionId: 'ILLIMITE-2', targets });
    assert.equal(r.granted.length, size);
  });
  const audit = await count(async () => {
    const page = await w.service.allocation.audit(HEAD_A, S1, { subscriptionId: 'ILLIMITE-2' });
    assert.equal(page.items.length, 1);
  });
  const subscriptions = await count(async () => {
    const list = await w.service.allocation.subscriptions(HEAD_A, S1);
    assert.ok(list.length >= size / 5);
  });
  // The discovery page offers the ENTs that can be sent a person (an assertion endpoint).
  await store.putEnt({ ...(await store.getEnt('ENTA'))!, assertionEndpoint: 'https://ent-a.test/gar/assertion' });
  const discovery = await count(async () => {
    const found = await w.service.discovery.choices({ q: 'collège loti' });
    assert.equal(found.total, size / 5);
  });
  return { listing, handoff, preview, allocation, audit, subscriptions, discovery };
}
