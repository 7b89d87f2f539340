// Child process of pglite.test.ts: opens a PGlite directory, hands its closing to closeStoreOnSignals, writes one row,
// says `ready`, and waits to be stopped.
import { writeSync } from 'node:fs';
import { closeStoreOnSignals, createPgliteStore } from '../../src/node/stores.js';

const [dir] = process.argv.slice(2);
if (!dir) throw new TypeError('usage: signal-child DIR');
const store = await createPgliteStore({ dataDir: dir });
closeStoreOnSignals(store);
await store.putSetting('written-before-sigterm', 'yes');
writeSync(1, 'ready\n');
setInterval(() => undefined, 60_000);
