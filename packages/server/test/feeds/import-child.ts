// Child process of crash.test.ts: opens a store (PGlite directory or PostgreSQL URL) and imports a big generated feed,
// saying `applying` when the apply transaction starts and `done` if it ever ends. The parent kills it in between.
import { writeSync } from 'node:fs';
import { feedFiles, generateFeedModel } from '@opengar/test-support';
import { createPgliteStore, createPostgresStore } from '../../src/node/stores.js';
import { sources } from './feed-sources.js';
import { FEED_ENT as ENT } from '../helpers/fixtures.js';
import { createTestService } from '../helpers/service.js';

const [kind, target, pupils] = process.argv.slice(2);
if (!kind || !target) throw new TypeError('usage: import-child pglite|postgres DIR|URL PUPILS');
const store =
  kind === 'pglite' ? await createPgliteStore({ dataDir: target }) : await createPostgresStore({ url: target });
const service = createTestService({ store });
const files = [
  ...feedFiles(
    generateFeedModel({ schools: 2, pupilsPerSchool: Number(pupils ?? 1500), exportedAt: '20260908_060000' }),
  ),
];
let said = false;
await service.feeds.import({ kind: 'system' }, ENT, sources(files), (p) => {
  if (p.phase === 'apply' && !said) {
    said = true;
    writeSync(1, 'applying\n');
  }
});
writeSync(1, 'done\n');
await store.close();
