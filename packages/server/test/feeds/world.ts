// A memory store with one ENT, a service on a fixed clock, and helpers to turn generated files into feed sources.
import { createMemoryStore, type Store } from '../../src/store/index.js';
import { createGarService } from '../../src/create-gar-service.js';
import type { FeedSource } from '../../src/feeds/read-feed.js';
import type { GeneratedFeedFile } from '@opengar/test-support';

export const ENT = 'ENTGEN';
export const system = { kind: 'system' } as const;

/** A settable clock. */
export function clockAt(iso: string) {
  let now = new Date(iso);
  return {
    now: () => new Date(now),
    set: (v: string) => (now = new Date(v)),
    advance: (ms: number) => (now = new Date(now.getTime() + ms)),
  };
}

/** Sources streaming each file in small chunks, as a file would arrive. */
export function sources(files: readonly GeneratedFeedFile[]): FeedSource[] {
  return files.map((f) => ({
    name: f.name,
    open: async function* () {
      const bytes = new TextEncoder().encode(f.text);
      for (let i = 0; i < bytes.length; i += 4096) yield bytes.subarray(i, i + 4096);
    },
  }));
}

/** A service over a fresh memory store with the ENT registered. */
export async function world(options: { store?: Store; at?: string } = {}) {
  const store = options.store ?? createMemoryStore();
  const clock = clockAt(options.at ?? '2026-09-01T06:00:00Z');
  const service = createGarService({
    store,
    clock,
    issuer: 'https://gar.test',
    logger: { info() {}, warn() {}, error() {} },
  });
  await store.putEnt({ id: ENT, name: 'ENT de test', origins: [], clientCertFingerprints: [] });
  return { store, clock, service };
}
