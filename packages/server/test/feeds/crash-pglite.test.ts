import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { createPgliteStore } from '../../src/node/stores.js';
import { assertPreviousState, importFirst, killMidway } from './crash-fixture.js';

const root = mkdtempSync(join(tmpdir(), 'opengar-feed-crash-'));
after(() => rmSync(root, { recursive: true, force: true }));

test('a feed import SIGKILLed midway into PGlite leaves the previous state intact', async () => {
  const dir = join(root, 'pglite');
  const first = await createPgliteStore({ dataDir: dir });
  await importFirst(first);
  await first.close();
  await killMidway('pglite', dir);
  const reopened = await createPgliteStore({ dataDir: dir });
  try {
    await assertPreviousState(reopened);
  } finally {
    await reopened.close();
  }
});
