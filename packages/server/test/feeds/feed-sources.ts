// Generated feed files as feed sources, streamed in small chunks as a file would arrive.
import type { GeneratedFeedFile } from '@opengar/test-support';
import type { FeedSource } from '../../src/feeds/read-feed.js';

/** Sources streaming each file in chunks of 4 KiB. */
export function sources(files: readonly GeneratedFeedFile[]): FeedSource[] {
  return files.map((f) => ({
    name: f.name,
    open: async function* () {
      const bytes = new TextEncoder().encode(f.text);
      for (let i = 0; i < bytes.length; i += 4096) yield bytes.subarray(i, i + 4096);
    },
  }));
}
