// Round trips per operation (docs/architecture.md, “Round trips per operation”): the médiacentre listing, a hand-off,
// an allocation preview and an allocation each send a fixed number of statements to the database, whatever the
// school's size. Counted by a driver wrapper on PGlite and PostgreSQL, at two school sizes; the budgets are the
// numbers the architecture document gives (BEGIN and COMMIT included). They do not depend on the machine.
import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { countedStore, type CountedStore } from '../helpers/counted-store.js';
import { startTestPostgres } from '../helpers/postgres.js';
import { STATEMENT_BUDGETS, measureStatements, type Operation } from '../helpers/statement-budgets.js';

async function assertBudgets(open: () => Promise<CountedStore>): Promise<void> {
  const figures: Record<Operation, number>[] = [];
  for (const size of [5, 50]) {
    const counted = await open();
    try {
      figures.push(await measureStatements(counted, size));
    } finally {
      await counted.store.close();
    }
  }
  const [small, large] = figures as [Record<Operation, number>, Record<Operation, number>];
  assert.deepEqual(large, small, 'the same statements at 5 and 50 pupils');
  assert.deepEqual(small, STATEMENT_BUDGETS);
}

describe('statements per operation, whatever the school’s size', () => {
  it('PGlite', async () => {
    await assertBudgets(() => countedStore());
  });

  const server = startTestPostgres();
  after(async () => {
    const s = await server;
    if (!('skip' in s)) await s.stop();
  });
  it('PostgreSQL', async (t) => {
    const s = await server;
    if ('skip' in s) return t.skip(s.skip);
    await assertBudgets(async () => countedStore((await s.createDatabase()).url));
  });
});
