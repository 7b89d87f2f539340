// Storybook and the browser tests show the demo catalogue without the demo's publisher site running: its thumbnails
// are copies in stories/public/demo-thumbnails/ (served by Storybook and the test runner), which must be what the
// demo provider serves for every resource of the catalogue. `UPDATE_STORYBOOK_THUMBNAILS=1` rewrites them.
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { demoDataSet } from '@opengar/server/demo';
import { createDemoProvider } from '../src/create-demo-provider.js';

const dir = fileURLToPath(new URL('../../../stories/public/demo-thumbnails/', import.meta.url));
const PROVIDER = 'http://127.0.0.1:4100';

it('stories/public/demo-thumbnails holds the demo provider’s thumbnail of every demo resource, and nothing else', async () => {
  const provider = createDemoProvider({ issuer: 'http://127.0.0.1:4000', baseUrl: PROVIDER });
  const { resources } = demoDataSet({ providerBaseUrl: PROVIDER });
  const expected = new Map<string, string>();
  for (const r of resources) {
    const path = new URL(r.thumbnailUrl ?? '').pathname;
    const res = await provider.request(path);
    assert.equal(res.status, 200, path);
    expected.set(path.split('/').pop() ?? '', await res.text());
  }
  assert.ok(expected.size >= 10, `${expected.size} thumbnails`);
  if (process.env.UPDATE_STORYBOOK_THUMBNAILS === '1') {
    mkdirSync(dir, { recursive: true });
    for (const [name, svg] of expected) writeFileSync(join(dir, name), svg);
  }
  assert.deepEqual(readdirSync(dir).sort(), [...expected.keys()].sort(), 'run with UPDATE_STORYBOOK_THUMBNAILS=1');
  for (const [name, svg] of expected) assert.equal(readFileSync(join(dir, name), 'utf8'), svg, name);
});
