// The worker-thread parser is the in-process one moved off the event loop: same records, same problems (file, line,
// element, code), on a valid feed, on every breakage the check knows and on files over a limit; and it stops when
// its import is aborted.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { FEED_BREAKAGES, feedFiles, generateFeedModel } from '@opengar/test-support';
import { parseFeedFileInWorker } from '../../src/feeds/parse-in-worker.js';
import { readFeed } from '../../src/feeds/read-feed.js';
import { overLimit } from '../hostile/feed-bundles.js';
import { sources } from './feed-sources.js';
import { FEED_ENT as ENT } from '../helpers/fixtures.js';

const files = [...feedFiles(generateFeedModel({ schools: 2, pupilsPerSchool: 60 }), { perFile: 50 })];
const shape = (r: Awaited<ReturnType<typeof readFeed>>) => ({
  problems: r.problems.list.map((p) => `${p.file}:${p.line}/${p.element} ${p.code}`),
  count: r.problems.count,
  files: r.files,
  people: r.snapshot ? [...r.snapshot.people.keys()].sort() : undefined,
});

describe('parseFeedFileInWorker', () => {
  test('gives what the in-process parser gives, on a valid feed and on every breakage', async () => {
    for (const variant of [{ name: 'valid', apply: (f: typeof files) => f }, ...FEED_BREAKAGES]) {
      const broken = variant.apply(files);
      const here = await readFeed(ENT, sources(broken));
      const there = await readFeed(ENT, sources(broken), { parseFile: parseFeedFileInWorker });
      assert.deepEqual(shape(there), shape(here), variant.name);
    }
  });

  test('stops at a limit with the same problem, file and line', async () => {
    for (const [limit, make] of Object.entries(overLimit)) {
      const name = `${ENT}_GAR-ENT_Complet_20260901_060000_2D_Eleve_0000.xml`;
      const one = [{ name, text: make() }];
      const here = await readFeed(ENT, sources(one));
      const there = await readFeed(ENT, sources(one), { parseFile: parseFeedFileInWorker });
      assert.deepEqual(shape(there), shape(here), limit);
      assert.ok(
        there.problems.list.some((p) => p.code === 'limit_exceeded' && p.file === name && p.line >= 1),
        limit,
      );
    }
  });

  test('an aborted import stops the parse with the signal’s reason', async () => {
    const controller = new AbortController();
    const reason = new Error('stopping');
    const reading = readFeed(ENT, sources(files), {
      parseFile: parseFeedFileInWorker,
      signal: controller.signal,
      onFile: () => controller.abort(reason),
    });
    await assert.rejects(reading, (e) => e === reason);
  });
});
