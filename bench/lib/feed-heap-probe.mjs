// Where a feed import's heap goes: imports a folder of XML files into one store (as feed-import-child.mjs) and prints,
// at the start of each phase of the application (the first call of a store operation that opens it), the live heap
// after a full collection and the peak heap sampled since the previous phase. With SNAPSHOT=<line start> (an operation, or
// `reading <file>` with EVERY), writes one heap snapshot (v8.writeHeapSnapshot) at the first line that starts so.
//   node --expose-gc bench/lib/feed-heap-probe.mjs <memory|pglite|postgres> <folder> [<data dir or URL>]
import { createReadStream, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { writeHeapSnapshot } from 'node:v8';
import { createGarService } from '../../packages/server/dist/index.js';
import { openStore } from '../../packages/server/dist/node/stores.js';

const [which, folder, where] = process.argv.slice(2);
const sources = readdirSync(folder)
  .filter((n) => n.endsWith('.xml'))
  .sort()
  .map((n) => ({
    name: n,
    open: () => {
      opened = n;
      return createReadStream(join(folder, n), { highWaterMark: 64 * 1024 });
    },
  }));
const store = await openStore(which === 'memory' ? 'memory' : where);
await store.putEnt({ id: 'ENTBENCH', name: 'Bench', origins: [], clientCertFingerprints: [] });
const MiB = 1024 * 1024;
let peak = 0;
const timer = setInterval(() => {
  peak = Math.max(peak, process.memoryUsage().heapUsed);
}, 20);
const t0 = performance.now();
const probe = (what) => {
  peak = Math.max(peak, process.memoryUsage().heapUsed);
  const before = peak;
  globalThis.gc?.();
  const m = process.memoryUsage();
  console.log(
    `${((performance.now() - t0) / 1000).toFixed(1).padStart(6)} s  ${what.padEnd(28)} ` +
      `live ${(m.heapUsed / MiB).toFixed(0).padStart(4)} MiB  peak since last ${(before / MiB).toFixed(0).padStart(4)} MiB  ` +
      `rss ${(m.rss / MiB).toFixed(0)} MiB  external ${((m.external + m.arrayBuffers) / MiB).toFixed(0)} MiB`,
  );
  peak = 0;
  if (process.env.SNAPSHOT && what.startsWith(process.env.SNAPSHOT)) {
    delete process.env.SNAPSHOT;
    console.log(`snapshot: ${writeHeapSnapshot()}`);
  }
};
const phases = [
  'listSchools',
  'listMefs',
  'listGroups',
  'listPeople',
  'listMemberships',
  'listTeachings',
  'putDeparture',
  'listRespAff',
  'appendAudit',
  'putSyncReport',
  'putFeedRun',
];
const transaction = store.transaction.bind(store);
store.transaction = (fn) =>
  transaction((tx) => {
    clearInterval(reading);
    probe('transaction (read done)');
    const seen = new Set();
    return fn(
      new Proxy(tx, {
        get(target, key) {
          const v = Reflect.get(target, key);
          if (typeof v !== 'function') return v;
          return (...args) => {
            if (phases.includes(key) && !seen.has(key)) {
              seen.add(key);
              probe(key);
            }
            return v.apply(target, args);
          };
        },
      }),
    );
  });
// EVERY=<ms>: also the live heap every so often while the feed is read.
const every = Number(process.env.EVERY ?? 0);
let opened = '';
const reading = every ? setInterval(() => probe(`reading ${opened}`), every) : undefined;
const service = createGarService({ store, issuer: 'https://gar.bench', logger: { info() {}, warn() {}, error() {} } });
probe('start');
const result = await service.feeds.import({ kind: 'system' }, 'ENTBENCH', sources);
probe(`done (${result.run.status})`);
clearInterval(timer);
await store.close();
console.log(`max RSS ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MiB`);
process.exit(0);
