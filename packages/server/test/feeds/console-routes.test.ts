import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { test } from 'node:test';
import { SignJWT, exportJWK, generateKeyPair } from 'jose';
import { feedFiles, generateFeedModel } from '@opengar/test-support';
import { createHttpApp } from '../../src/http/create-http-app.js';
import { sources } from './feed-sources.js';
import { FEED_ENT as ENT, SYSTEM as system } from '../helpers/fixtures.js';
import { buildWorld } from '../helpers/world.js';

test('the console routes: sync report (JSON, CSV), notifications (list, read), rollover preview, erasure by the operator', async () => {
  const w = await buildWorld({ data: 'feed' });
  const { privateKey, publicKey } = await generateKeyPair('ES256');
  await w.store.putEnt({
    id: ENT,
    name: 'ENT',
    origins: [],
    clientCertFingerprints: [],
    jwks: { keys: [{ ...(await exportJWK(publicKey)), kid: 'k1', alg: 'ES256' }] },
  });
  const model = generateFeedModel({ schools: 1, pupilsPerSchool: 12 });
  const uai = model.schools[0]!.uai;
  await w.service.feeds.import(system, ENT, sources([...feedFiles(model)]));
  await w.store.putNotification({
    id: 'n1',
    uai,
    recipientId: `${uai}-dir-0000`,
    kind: 'subscription.ending',
    data: { subscriptionId: 'ABO-1', resourceLabel: 'Dico', days: 30, validUntil: '2026-10-01T00:00:00Z' },
    createdAt: '2026-09-01T05:00:00Z',
  });
  const secret = 'ogo_operator-secret-for-tests';
  await w.store.putOperator({
    id: 'op1',
    label: 'ops',
    secretHash: createHash('sha256').update(secret).digest('hex'),
    createdAt: '2026-09-01T00:00:00Z',
  });
  const app = createHttpApp(w.service);
  const now = Math.floor(w.clock.now().getTime() / 1000);
  const as = async (personId: string) =>
    `Bearer ${await new SignJWT({})
      .setProtectedHeader({ alg: 'ES256', typ: 'gar-ent+jwt', kid: 'k1' })
      .setIssuer(ENT)
      .setAudience('https://gar.test')
      .setSubject(personId)
      .setIssuedAt(now)
      .setExpirationTime(now + 120)
      .setJti(crypto.randomUUID())
      .sign(privateKey)}`;
  const head = `${uai}-dir-0000`;

  const report = await app.request(`/api/v1/schools/${uai}/sync-report`, {
    headers: { authorization: await as(head) },
  });
  assert.equal(report.status, 200);
  assert.equal(((await report.json()) as { counts: Record<string, number> }).counts.National_elv, 12);
  const csv = await app.request(`/api/v1/schools/${uai}/sync-report?format=csv`, {
    headers: { authorization: await as(head) },
  });
  assert.match(csv.headers.get('content-type') ?? '', /^text\/csv/);
  assert.match(await csv.text(), /^section;item;value\r\n/);
  const pupil = await app.request(`/api/v1/schools/${uai}/sync-report`, {
    headers: { authorization: await as(`${uai}-elv-000000`) },
  });
  assert.equal(pupil.status, 403);
  assert.equal(((await pupil.json()) as { code: string }).code, 'forbidden');

  const list = await app.request(`/api/v1/schools/${uai}/notifications?lang=en`, {
    headers: { authorization: await as(head) },
  });
  const items = ((await list.json()) as { items: { id: string; text: string; readAt?: string }[] }).items;
  assert.deepEqual(
    items.map((n) => n.id),
    ['n1'],
  );
  assert.match(items[0]!.text, /ends in 30 days/);
  const read = await app.request(`/api/v1/schools/${uai}/notifications/n1/read`, {
    method: 'POST',
    headers: { authorization: await as(head) },
  });
  assert.equal(read.status, 204);
  const unread = await app.request(`/api/v1/schools/${uai}/notifications?unread=true`, {
    headers: { authorization: await as(head) },
  });
  assert.deepEqual(((await unread.json()) as { items: unknown[] }).items, []);

  const preview = await app.request(`/api/v1/schools/${uai}/rollover?year=2026-2027`, {
    method: 'POST',
    headers: { authorization: await as(head) },
  });
  assert.equal(preview.status, 200);
  assert.equal(((await preview.json()) as { preview: boolean }).preview, true);
  assert.equal(await w.store.getRollover(uai, '2026-2027'), undefined);
  const badYear = await app.request(`/api/v1/schools/${uai}/rollover?year=2026`, {
    method: 'POST',
    headers: { authorization: await as(head) },
  });
  assert.equal(badYear.status, 400);

  const person = `${uai}-elv-000003`;
  const noAuth = await app.request(`/api/v1/admin/people/${ENT}/${person}`, { method: 'DELETE' });
  assert.equal(noAuth.status, 401);
  const erased = await app.request(`/api/v1/admin/people/${ENT}/${person}`, {
    method: 'DELETE',
    headers: { authorization: `Bearer ${secret}` },
  });
  assert.equal(erased.status, 204);
  assert.equal(await w.store.getPerson(ENT, person), undefined);
  const again = await app.request(`/api/v1/admin/people/${ENT}/${person}`, {
    method: 'DELETE',
    headers: { authorization: `Bearer ${secret}` },
  });
  assert.equal(again.status, 404);
});
