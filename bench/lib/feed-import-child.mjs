// A child of bench/feeds.bench.ts: imports the XML files of a folder into one fresh store (or, for `idle`, loads the
// service and imports nothing) with the service as built (`npx tsc -b`: packages/server/dist, plain JavaScript, as
// `opengar` runs), and prints how long it took and how much memory it took at most, as JSON.
//   node bench/lib/feed-import-child.mjs <idle|memory|pglite|postgres> <folder> [<data dir or URL>]
import { createReadStream, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { createGarService } from '../../packages/server/dist/index.js';
import { openStore } from '../../packages/server/dist/node/stores.js';

const [which, folder, where] = process.argv.slice(2);
const sources = readdirSync(folder)
  .filter((n) => n.endsWith('.xml'))
  .sort()
  .map((n) => ({ name: n, open: () => createReadStream(join(folder, n), { highWaterMark: 64 * 1024 }) }));
const store = await openStore(which === 'idle' || which === 'memory' ? 'memory' : where);
await store.putEnt({ id: 'ENTBENCH', name: 'Bench', origins: [], clientCertFingerprints: [] });
const service = createGarService({ store, issuer: 'https://gar.bench', logger: { info() {}, warn() {}, error() {} } });
let heap = 0;
const timer = setInterval(() => {
  heap = Math.max(heap, process.memoryUsage().heapUsed);
}, 20);
const t = performance.now();
const status =
  which === 'idle' ? 'idle' : (await service.feeds.import({ kind: 'system' }, 'ENTBENCH', sources)).run.status;
const ms = performance.now() - t;
clearInterval(timer);
heap = Math.max(heap, process.memoryUsage().heapUsed);
await store.close();
process.stdout.write(
  JSON.stringify({ status, ms, peakHeapMiB: heap / 1024 / 1024, maxRssMiB: process.resourceUsage().maxRSS / 1024 }),
);
process.exit(0);
