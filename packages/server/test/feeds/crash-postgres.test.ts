import { test } from 'node:test';
import { createPostgresStore } from '../../src/node/stores.js';
import { startTestPostgres } from '../helpers/postgres.js';
import { assertPreviousState, importFirst, killMidway } from './crash-fixture.js';

const server = await startTestPostgres();

test('a feed import SIGKILLed midway into PostgreSQL leaves the previous state intact', {
  skip: 'skip' in server ? server.skip : false,
}, async () => {
  if ('skip' in server) return;
  try {
    const { url } = await server.createDatabase();
    const first = await createPostgresStore({ url });
    await importFirst(first);
    await first.close();
    await killMidway('postgres', url);
    const reopened = await createPostgresStore({ url });
    try {
      await assertPreviousState(reopened);
    } finally {
      await reopened.close();
    }
  } finally {
    await server.stop();
  }
});
