// The national bench's data: GAR feeds generated ENT by ENT (`generateFeedModel`, each ENT's schools numbered apart)
// and written through the normal feed import (`service.feeds.import`), one ENT at a time, as an ENT would send them.
import { createReadStream, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { feedFiles, generateFeedModel } from '@opengar/test-support';
import { createGarService, silentLogger } from '../../packages/server/src/index.js';
import type { FeedSource } from '../../packages/server/src/feeds/read-feed.js';
import type { Store } from '../../packages/server/src/store/types.js';

const MB = 1024 * 1024;

/** What an import left: how many people, how long, and the process's peak RSS while importing. */
export interface ImportFigures {
  people: number;
  importMs: number;
  peakRssMiB: number;
}

/** The feed import of `feeds` ENTs (`feed` numbers `from`…) into `store`, each of `schools` schools of `perSchool`. */
export async function importFeeds(
  store: Store,
  label: string,
  shape: { feeds: number; from?: number; schoolsPerFeed: number; perSchool: number },
): Promise<ImportFigures> {
  const service = createGarService({ store, issuer: 'https://gar.bench', logger: silentLogger });
  const out: ImportFigures = { people: 0, importMs: 0, peakRssMiB: 0 };
  let peakRss = 0;
  for (let f = shape.from ?? 0; f < (shape.from ?? 0) + shape.feeds; f++) {
    const entId = `ENT-NAT-${f + 1}`;
    const model = generateFeedModel({
      entId,
      seed: `national-${f}`,
      schools: shape.schoolsPerFeed,
      firstSchool: f * shape.schoolsPerFeed,
      pupilsPerSchool: shape.perSchool - 5,
    });
    const count = model.pupils.length + model.staff.length;
    const dir = mkdtempSync(join(tmpdir(), 'opengar-national-bench-'));
    try {
      const paths: string[] = [];
      for (const file of feedFiles(model, { perFile: 2000 })) {
        const p = join(dir, file.name);
        writeFileSync(p, file.text);
        paths.push(p);
      }
      model.pupils.length = 0;
      model.staff.length = 0;
      const sources: FeedSource[] = paths.map((p) => ({
        name: p,
        open: () => createReadStream(p, { highWaterMark: 64 * 1024 }),
      }));
      await store.putEnt({ id: entId, name: `ENT ${f + 1}`, origins: [], clientCertFingerprints: [] });
      const timer = setInterval(() => {
        peakRss = Math.max(peakRss, process.memoryUsage().rss);
      }, 50);
      const t = performance.now();
      const r = await service.feeds.import({ kind: 'system' }, entId, sources).finally(() => clearInterval(timer));
      const ms = performance.now() - t;
      if (r.run.status !== 'applied') throw new Error(`${entId}: the import was refused`);
      out.importMs += ms;
      out.people += count;
      out.peakRssMiB = Math.round(peakRss / MB);
      console.log(
        `${new Date().toISOString()} ${label}, ${entId}: ${count} people in ${(ms / 1000).toFixed(1)} s ` +
          `(${Math.round(count / (ms / 1000))}/s); ${out.people} in all, peak RSS ${out.peakRssMiB} MiB`,
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }
  return out;
}
