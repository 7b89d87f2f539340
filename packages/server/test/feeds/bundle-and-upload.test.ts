import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { gzipSync } from 'node:zlib';
import { pack } from 'tar-stream';
import { feedFiles, generateFeedModel } from '@opengar/test-support';
import { feedSourcesFromPaths, openFeedBundle } from '../../src/feeds/read-feed-bundle.js';
import { createHttpApp } from '../../src/http/create-http-app.js';
import { FEED_ENT as ENT, SYSTEM as system } from '../helpers/fixtures.js';
import { buildWorld } from '../helpers/world.js';

const files = [...feedFiles(generateFeedModel({ schools: 1, pupilsPerSchool: 30 }), { perFile: 20 })];
const dir = mkdtempSync(join(tmpdir(), 'opengar-feed-bundle-'));
after(() => rmSync(dir, { recursive: true, force: true }));

type Entry = { name: string; text?: string; type?: 'file' | 'symlink' | 'link' | 'directory'; linkname?: string };

async function tarGz(entries: readonly Entry[]): Promise<Buffer> {
  const p = pack();
  const chunks: Buffer[] = [];
  p.on('data', (c: unknown) => chunks.push(c as Buffer));
  const ended = new Promise<void>((r) => p.on('end', () => r()));
  for (const e of entries) {
    if (e.type && e.type !== 'file')
      p.entry({ name: e.name, type: e.type, ...(e.linkname ? { linkname: e.linkname } : {}) });
    else p.entry({ name: e.name }, e.text ?? '');
  }
  p.finalize();
  await ended;
  return gzipSync(Buffer.concat(chunks));
}

const md5 = (b: Buffer) => createHash('md5').update(b).digest('hex');
const good = () => tarGz(files.map((f) => ({ name: f.name, text: f.text })));

describe('feed bundles (.tar.gz)', () => {
  test('a bundle with its .md5 is checked and imported from the command line paths', async () => {
    const bundle = await good();
    const path = join(dir, 'feed.tar.gz');
    writeFileSync(path, bundle);
    writeFileSync(`${path}.md5`, `${md5(bundle)}  feed.tar.gz\n`);
    const opened = await feedSourcesFromPaths([path]);
    assert.equal(opened.sources?.length, files.length);
    const { service, store } = await buildWorld({ data: 'feed' });
    const { run } = await service.feeds.import(system, ENT, opened.sources!);
    assert.equal(run.status, 'applied');
    assert.equal((await store.listSchools({ entId: ENT })).length, 1);
  });

  const refusals: [string, () => Promise<Buffer>, string?, object?][] = [
    ['a path that climbs out', () => tarGz([{ name: '../evil.xml', text: '<x/>' }])],
    ['an absolute path', () => tarGz([{ name: '/etc/evil.xml', text: '<x/>' }])],
    ['a symbolic link', () => tarGz([{ name: 'a.xml', type: 'symlink', linkname: '/etc/passwd' }])],
    ['a hard link', () => tarGz([{ name: 'a.xml', type: 'link', linkname: 'b.xml' }])],
    ['a file that is not XML', () => tarGz([{ name: 'run.sh', text: 'echo' }])],
    [
      'too many files',
      () =>
        tarGz([
          { name: 'a.xml', text: '<a/>' },
          { name: 'b.xml', text: '<b/>' },
        ]),
      undefined,
      { maxFiles: 1 },
    ],
    [
      'too many bytes expanded',
      () => tarGz([{ name: 'a.xml', text: 'x'.repeat(5000) }]),
      undefined,
      { maxExpandedBytes: 4096 },
    ],
    ['not a gzip', async () => Buffer.from('plain text')],
  ];
  for (const [label, make, , limits] of refusals) {
    test(`refused before anything is read: ${label}`, async () => {
      const opened = await openFeedBundle({ bytes: await make() }, undefined, limits);
      assert.equal(opened.sources, undefined);
      assert.equal(opened.problems.list[0]!.code, 'bad_bundle');
    });
  }

  test('a bundle that does not match its .md5 is refused', async () => {
    const opened = await openFeedBundle({ bytes: await good() }, 'd41d8cd98f00b204e9800998ecf8427e');
    assert.equal(opened.problems.list[0]!.code, 'bad_checksum');
  });
});

describe('POST /api/v1/ent/feeds', () => {
  const FP = 'a'.repeat(64);
  async function app() {
    const w = await buildWorld({ data: 'feed' });
    await w.store.putEnt({ id: ENT, name: 'ENT de test', origins: [], clientCertFingerprints: [FP] });
    const http = createHttpApp(w.service, {
      feeds: {
        maxUploadBytes: 2 * 1024 * 1024,
        openBundle: (bytes, sum) => openFeedBundle({ bytes }, sum),
        clientCertFingerprint: (c) => c.req.header('x-test-client-cert'),
      },
    });
    return { ...w, http };
  }
  const form = (list: typeof files) => {
    const f = new FormData();
    for (const x of list) f.append('file', new Blob([x.text], { type: 'application/xml' }), x.name);
    return f;
  };

  test('an ENT back end uploads its feed as XML files and gets the run', async () => {
    const { http, store } = await app();
    const res = await http.request('/api/v1/ent/feeds', {
      method: 'POST',
      body: form(files),
      headers: { 'x-test-client-cert': FP },
    });
    assert.equal(res.status, 200);
    assert.equal(((await res.json()) as { status: string }).status, 'applied');
    assert.equal((await store.listSchools({ entId: ENT })).length, 1);
  });

  test('a .tar.gz upload with X-Feed-MD5', async () => {
    const { http } = await app();
    const bundle = await good();
    const res = await http.request('/api/v1/ent/feeds', {
      method: 'POST',
      body: new Blob([new Uint8Array(bundle)]),
      headers: { 'x-test-client-cert': FP, 'content-type': 'application/gzip', 'x-feed-md5': md5(bundle) },
    });
    assert.equal(res.status, 200);
  });

  test('a broken feed answers 422 problem+json listing every problem; nothing applied', async () => {
    const { http, store } = await app();
    const broken = files.map((f, i) =>
      i === 1 ? { ...f, text: f.text.replace('<men:GARPersonNom>', '<men:GARPersonNom>&boom;') } : f,
    );
    const res = await http.request('/api/v1/ent/feeds', {
      method: 'POST',
      body: form(broken),
      headers: { 'x-test-client-cert': FP },
    });
    assert.equal(res.status, 422);
    assert.match(res.headers.get('content-type') ?? '', /problem\+json/);
    const body = (await res.json()) as { code: string; errors: { code: string; pointer: string }[] };
    assert.equal(body.code, 'validation');
    assert.equal(body.errors[0]!.code, 'not_well_formed');
    assert.match(body.errors[0]!.pointer, /_Eleve_0000\.xml:\d+/);
    assert.deepEqual(await store.listSchools(), []);
  });

  test('no credential is 401, an oversized body 413, another type 415', async () => {
    const { http } = await app();
    assert.equal((await http.request('/api/v1/ent/feeds', { method: 'POST', body: form(files) })).status, 401);
    const big = await http.request('/api/v1/ent/feeds', {
      method: 'POST',
      body: 'x'.repeat(3 * 1024 * 1024),
      headers: { 'x-test-client-cert': FP, 'content-type': 'application/xml' },
    });
    assert.equal(big.status, 413);
    const plain = await http.request('/api/v1/ent/feeds', {
      method: 'POST',
      body: '<x/>',
      headers: { 'x-test-client-cert': FP, 'content-type': 'application/xml' },
    });
    assert.equal(plain.status, 415);
  });

  test('the routes are in the OpenAPI document', async () => {
    const { http } = await app();
    const doc = (await (await http.request('/openapi.json')).json()) as { paths: Record<string, unknown> };
    for (const p of [
      '/api/v1/ent/feeds',
      '/api/v1/schools/{uai}/sync-report',
      '/api/v1/schools/{uai}/notifications',
      '/api/v1/schools/{uai}/rollover',
      '/api/v1/admin/people/{entId}/{personId}',
    ]) {
      assert.ok(doc.paths[p], p);
    }
  });
});
