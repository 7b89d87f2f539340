// Builders of hostile directory feeds for feeds.hostile.test.ts: tar.gz bundles with refused entries, gzip bombs
// (streamed: the expanded bytes are never held in memory), XML files that cross each limit.
import { createGzip } from 'node:zlib';
import { pack, type Headers } from 'tar-stream';
import { FEED_NAMESPACES } from '../../src/feeds/feed-schema.js';

/** One entry of a test bundle: `data` given, or `zeros` bytes of zeros streamed. */
export type Entry = { name: string; type?: Headers['type']; linkname?: string; data?: string | Buffer; zeros?: number };

const ZEROS = Buffer.alloc(1024 * 1024);

/** A `.tar.gz` of `entries`, gzipped as it is packed (a 1 GiB entry of zeros costs ~1 MB of memory). */
export async function tarGz(entries: readonly Entry[]): Promise<Buffer> {
  const p = pack();
  const gzip = createGzip();
  const out: Buffer[] = [];
  gzip.on('data', (c: Buffer) => out.push(c));
  const ended = new Promise<void>((resolve, reject) => {
    gzip.on('end', resolve);
    gzip.on('error', reject);
    p.on('error', reject);
  });
  p.pipe(gzip);
  for (const e of entries) {
    if (e.zeros !== undefined) {
      const size = e.zeros;
      const stream = p.entry({ name: e.name, size });
      for (let left = size; left > 0; left -= ZEROS.length) {
        if (!stream.write(left >= ZEROS.length ? ZEROS : ZEROS.subarray(0, left)))
          await new Promise((r) => stream.once('drain', r));
      }
      await new Promise<void>((resolve, reject) => stream.end((err?: Error | null) => (err ? reject(err) : resolve())));
    } else if (e.type && e.type !== 'file') {
      p.entry({
        name: e.name,
        type: e.type,
        ...(e.linkname ? { linkname: e.linkname } : {}),
        ...(e.type === 'character-device' ? { devmajor: 1, devminor: 3 } : {}),
      });
    } else {
      p.entry({ name: e.name }, e.data ?? '');
    }
  }
  p.finalize();
  await ended;
  return Buffer.concat(out);
}

export const ENT = 'ENTA';
/** A name GAR's pattern accepts, for ENT A. */
export const feedName = (kind: string, n = 0) =>
  `${ENT}_GAR-ENT_Complet_20260901_060000_2D_${kind}_${String(n).padStart(4, '0')}.xml`;

const NS = FEED_NAMESPACES['2D'];
const open = (kind: string, attrs = '') =>
  `<?xml version="1.0" encoding="UTF-8"?>\n<men:GAR-ENT-${kind} xmlns:men="${NS}" Version="1.0"${attrs}>\n`;
const close = (kind: string) => `\n</men:GAR-ENT-${kind}>\n`;

/** XML files that each cross one limit of FEED_LIMITS, by the limit's name. */
export const overLimit = {
  /** 200,000 nested elements (1.4 MB). */
  depth: () => open('Eleve') + '<men:x>'.repeat(200_000) + '</men:x>'.repeat(200_000) + close('Eleve'),
  /** One element with 1,000,000 attributes (12 MB). */
  attributes: () =>
    `<?xml version="1.0" encoding="UTF-8"?>\n<men:GAR-ENT-Eleve xmlns:men="${NS}" Version="1.0" ${Array.from({ length: 1_000_000 }, (_, i) => `a${i}="x"`).join(' ')}>${close('Eleve')}`,
  /** A 10 MB value. */
  text: () =>
    `${open('Eleve')}<men:GAREleve>\n<men:GARPersonIdentifiant>${'x'.repeat(10 * 1024 * 1024)}</men:GARPersonIdentifiant></men:GAREleve>${close('Eleve')}`,
  /** 1,000,001 elements (inside one unknown element, so that they cost one problem, not a million). */
  elements: () => `${open('Eleve')}<men:Junk>\n${'<x/>\n'.repeat(1_000_001)}</men:Junk>${close('Eleve')}`,
};
