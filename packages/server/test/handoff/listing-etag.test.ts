import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { mediacentreSchema } from '@opengar/core';
import { etagMatches } from '../../src/handoff/index.js';
import { copy, R_LYCEE, R_MATHS, S1, S3, subscription } from '../helpers/fixtures.js';
import { buildWorld, type HandoffWorld } from '../helpers/world.js';

async function list(
  app: HandoffWorld['app'],
  w: HandoffWorld,
  uai: string,
  headers: Record<string, string> = {},
): Promise<Response> {
  return app.request(`/api/v1/me/resources?uai=${uai}`, {
    headers: { authorization: `Bearer ${await w.assertion()}`, ...headers },
  });
}

describe('GET /api/v1/me/resources: ETag and 304', () => {
  it('sends an ETag with Cache-Control: private, no-cache, and 304 with no body when it still matches', async () => {
    const w = await buildWorld({ data: 'handoff' });
    const app = w.app;
    const first = await list(app, w, S1);
    assert.equal(first.status, 200);
    const etag = first.headers.get('etag')!;
    assert.match(etag, /^"[A-Za-z0-9_-]{43}"$/);
    assert.equal(first.headers.get('cache-control'), 'private, no-cache');
    assert.match(first.headers.get('vary') ?? '', /Authorization/);
    mediacentreSchema.parse(await first.json());
    const again = await list(app, w, S1, { 'if-none-match': etag });
    assert.equal(again.status, 304);
    assert.equal(await again.text(), '');
    assert.equal(again.headers.get('etag'), etag);
    assert.equal(again.headers.get('cache-control'), 'private, no-cache');
    assert.equal((await list(app, w, S1, { 'if-none-match': `W/${etag}, "other"` })).status, 304);
    assert.equal((await list(app, w, S1, { 'if-none-match': '"stale"' })).status, 200);
  });

  it('changes the ETag when an allocation changes, so the change shows at the next load', async () => {
    const w = await buildWorld({ data: 'handoff' });
    const app = w.app;
    const etag = (await list(app, w, S1)).headers.get('etag')!;
    await w.store.insertSubscription(subscription({ id: 'ABO-LYCEE-S1', resourceId: R_LYCEE }));
    assert.equal(
      (await list(app, w, S1, { 'if-none-match': etag })).status,
      304,
      'a subscription without a copy changes nothing',
    );
    await w.store.insertCopies([copy({ subscriptionId: 'ABO-LYCEE-S1', personId: 'eleve-a' })]);
    const after = await list(app, w, S1, { 'if-none-match': etag });
    assert.equal(after.status, 200);
    assert.notEqual(after.headers.get('etag'), etag);
    const body = mediacentreSchema.parse(await after.json());
    assert.ok(body.resources.some((r) => r.id === R_LYCEE));
    await w.store.deleteCopies('ABO-MATHS-S1', ['eleve-a']);
    const withdrawn = await list(app, w, S1, { 'if-none-match': after.headers.get('etag')! });
    assert.equal(withdrawn.status, 200);
    assert.ok(!mediacentreSchema.parse(await withdrawn.json()).resources.some((r) => r.id === R_MATHS));
  });

  it('lists every school of a person at several schools, with a different ETag per school', async () => {
    const w = await buildWorld({ data: 'handoff' });
    const app = w.app;
    const s1 = await list(app, w, S1);
    const s3 = await list(app, w, S3);
    const b1 = mediacentreSchema.parse(await s1.json());
    const b3 = mediacentreSchema.parse(await s3.json());
    assert.deepEqual(b1.schools.map((s) => s.uai).sort(), [S1, S3]);
    assert.deepEqual(b3.schools.map((s) => s.uai).sort(), [S1, S3]);
    assert.equal(b3.school.uai, S3);
    assert.notEqual(s1.headers.get('etag'), s3.headers.get('etag'));
  });

  it('keeps the CORS headers of the widget’s origin on a 304', async () => {
    const w = await buildWorld({ data: 'handoff' });
    const origin = { origin: 'https://ent-a.test' };
    const first = await list(w.app, w, S1, origin);
    assert.equal(first.headers.get('access-control-allow-origin'), 'https://ent-a.test');
    const again = await list(w.app, w, S1, { ...origin, 'if-none-match': first.headers.get('etag')! });
    assert.equal(again.status, 304);
    assert.equal(again.headers.get('access-control-allow-origin'), 'https://ent-a.test');
  });

  it('leaves errors untouched', async () => {
    const w = await buildWorld({ data: 'handoff' });
    const app = w.app;
    const res = await app.request(`/api/v1/me/resources?uai=${S1}`);
    assert.equal(res.status, 401);
    assert.equal(res.headers.get('etag'), null);
  });

  it('compares If-None-Match weakly, as RFC 9110 asks', () => {
    assert.ok(etagMatches('"a"', '"a"'));
    assert.ok(etagMatches('W/"a"', '"a"'));
    assert.ok(etagMatches('"b", "a"', '"a"'));
    assert.ok(etagMatches('*', '"a"'));
    assert.ok(!etagMatches('"b"', '"a"'));
  });
});
