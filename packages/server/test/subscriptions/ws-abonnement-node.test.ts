// Over real HTTP: the Node listener on 127.0.0.1 (ephemeral port), a publisher client sending GAR's filter body on a
// GET with node:http (as Java and .NET clients do), which fetch-based stacks cannot send.
import assert from 'node:assert/strict';
import { request } from 'node:http';
import { after, before, describe, it } from 'node:test';
import { startServer, type RunningServer } from '../../src/node/index.js';
import { S1 } from '../helpers/fixtures.js';
import { type AllocationWorld, buildWorld } from '../helpers/world.js';
import { XML, abonnementXml, filtresXml, ids } from './ws-fixtures.js';

function rawGet(
  url: string,
  key: string,
  body: string,
): Promise<{ status: number; type: string | undefined; text: string }> {
  return new Promise((resolve, reject) => {
    const req = request(
      url,
      {
        method: 'GET',
        headers: { authorization: `Bearer ${key}`, 'content-type': XML, 'content-length': Buffer.byteLength(body) },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            type: res.headers['content-type'],
            text: Buffer.concat(chunks).toString('utf8'),
          }),
        );
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

describe('GAR web service over the Node listener', () => {
  let w: AllocationWorld;
  let server: RunningServer;
  before(async () => {
    w = await buildWorld({ data: 'allocation', pupils: 0 });
    server = await startServer({ fetch: w.app.fetch, port: 0, handleSignals: false, notice: () => undefined });
  });
  after(() => server.close());

  it('creates with PUT and lists with an XML body on a GET', async () => {
    const put = await fetch(`${server.url}/ws/abonnement/NODE-1`, {
      method: 'PUT',
      headers: { authorization: `Bearer ${w.apiKeyX}`, 'content-type': XML },
      body: abonnementXml('NODE-1', { uaiEtab: '0000003A' }),
    });
    assert.equal(put.status, 201);
    const listed = await rawGet(
      `${server.url}/ws/abonnement/abonnements`,
      w.apiKeyX,
      filtresXml([['uaiEtab', '0000003A']]),
    );
    assert.equal(listed.status, 200);
    assert.equal(listed.type, XML);
    assert.deepEqual(ids(listed.text), ['NODE-1']);
    const other = await rawGet(
      `${server.url}/ws/abonnement/abonnements`,
      w.apiKeyX,
      filtresXml([['uaiEtab', S1]], 'DESC'),
    );
    assert.deepEqual(ids(other.text), ['NT-5', 'INDIV-10', 'ETABL-5', 'ABO-OLD-S1', 'ABO-MATHS-S1']);
  });

  it('refuses an oversized GET body with GAR’s 413 <Erreur>', async () => {
    const res = await rawGet(
      `${server.url}/ws/abonnement/abonnements`,
      w.apiKeyX,
      `<filtres>${' '.repeat(70_000)}</filtres>`,
    );
    assert.equal(res.status, 413);
    assert.match(res.text, /<Code>Payload Too Large<\/Code>/);
  });

  it('a client certificate header sent by a client is not trusted (the listener strips it)', async () => {
    const x = (await w.store.getPublisher('X'))!;
    await w.store.putPublisher({ ...x, clientCertFingerprints: ['ab'.repeat(32)] });
    const res = await fetch(`${server.url}/ws/abonnement/etablissements/etablissements.xml`, {
      headers: { 'x-opengar-client-cert-sha256': 'ab'.repeat(32) },
    });
    assert.equal(res.status, 401);
    assert.match(await res.text(), /<Code>Unauthorized<\/Code>/);
  });
});
