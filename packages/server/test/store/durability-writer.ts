// Child process of durability.test.ts: opens a store (a PGlite directory or a PostgreSQL URL) and writes a burst of
// transactions, each a subscription with its allocation, five licence copies and an audit entry. It prints the
// number of a transaction on stdout only once its commit returned, and runs until it is killed.
import { writeSync } from 'node:fs';
import { createPgliteStore, createPostgresStore } from '../../src/node/stores.js';
import { allocation, auditEntry, copy, collegeSubscription } from './fixtures.js';
import { subscription } from '../helpers/fixtures.js';

const [kind, target, startArg] = process.argv.slice(2);
if (!kind || !target) throw new TypeError('usage: durability-writer pglite|postgres DIR|URL [START]');

const store =
  kind === 'pglite' ? await createPgliteStore({ dataDir: target }) : await createPostgresStore({ url: target });
writeSync(1, 'ready\n');

for (let i = Number(startArg ?? 0); ; i++) {
  const sub = `ABO-DUR-${i}`;
  await store.transaction(async (tx) => {
    await tx.insertSubscription(subscription({ ...collegeSubscription, id: sub }));
    await tx.insertAllocation(allocation({ id: `AFF-DUR-${i}`, subscriptionId: sub }));
    await tx.insertCopies(
      Array.from({ length: 5 }, (_, k) =>
        copy(`eleve-${i}-${k}`, { subscriptionId: sub, allocationId: `AFF-DUR-${i}` }),
      ),
    );
    await tx.appendAudit(auditEntry({ id: `AUD-DUR-${i}`, subjectId: `AFF-DUR-${i}` }));
  });
  // Synchronous, so that the number leaves the process before the next transaction starts.
  writeSync(1, `${i}\n`);
}
