import assert from 'node:assert/strict';
import { request as httpsRequest } from 'node:https';
import { after, before, describe, it } from 'node:test';
import { CLIENT_CERT_HEADER } from '../../src/node/client-certificate.js';
import { ServeError, startServer, type RunningServer } from '../../src/node/serve.js';
import { generateTlsFixture, type TlsFixture } from './tls-fixture.js';

/** An app that answers with the client-certificate header it received. */
const echo = async (request: Request): Promise<Response> =>
  Response.json({
    cert: request.headers.get(CLIENT_CERT_HEADER),
    body: request.method === 'POST' ? await request.text() : null,
  });

async function start(options: Partial<Parameters<typeof startServer>[0]> = {}): Promise<RunningServer> {
  return startServer({ fetch: echo, port: 0, handleSignals: false, notice: () => undefined, ...options });
}

function httpsGet(
  url: string,
  tls: { ca: string; cert?: string; key?: string },
): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = httpsRequest(
      url,
      { ca: tls.ca, cert: tls.cert, key: tls.key, headers: { [CLIENT_CERT_HEADER]: 'f'.repeat(64) } },
      (res) => {
        let body = '';
        res.on('data', (c: Buffer) => (body += c.toString()));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
      },
    );
    req.on('error', reject);
    req.end();
  });
}

describe('startServer', () => {
  it('listens on 127.0.0.1 by default and strips a client-certificate header sent by a client', async () => {
    const s = await start();
    try {
      assert.equal(s.host, '127.0.0.1');
      assert.match(s.url, /^http:\/\/127\.0\.0\.1:\d+$/);
      const res = await fetch(`${s.url}/x`, { headers: { [CLIENT_CERT_HEADER]: 'a'.repeat(64) } });
      assert.deepEqual(await res.json(), { cert: null, body: null });
      const post = await fetch(`${s.url}/x`, {
        method: 'POST',
        body: 'hello',
        headers: { [CLIENT_CERT_HEADER]: 'a'.repeat(64) },
      });
      assert.deepEqual(await post.json(), { cert: null, body: 'hello' });
    } finally {
      await s.close();
    }
  });

  it('trusts a proxy header only when it is named, and only as a fingerprint or certificate', async () => {
    const plain = await start();
    const proxied = await start({ clientCertHeader: 'X-Client-Cert' });
    const fp = 'AB:'.repeat(31) + 'AB';
    try {
      const ignored = await fetch(plain.url, { headers: { 'x-client-cert': fp } });
      assert.equal(((await ignored.json()) as { cert: unknown }).cert, null);
      const trusted = await fetch(proxied.url, {
        headers: { 'x-client-cert': fp, [CLIENT_CERT_HEADER]: 'c'.repeat(64) },
      });
      assert.equal(((await trusted.json()) as { cert: unknown }).cert, 'ab'.repeat(32));
      const junk = await fetch(proxied.url, {
        headers: { 'x-client-cert': 'not a certificate', [CLIENT_CERT_HEADER]: 'c'.repeat(64) },
      });
      assert.equal(((await junk.json()) as { cert: unknown }).cert, null);
    } finally {
      await plain.close();
      await proxied.close();
    }
  });

  it('says clearly when the port is in use', async () => {
    const s = await start();
    try {
      await assert.rejects(
        start({ port: s.port }),
        (e: unknown) => e instanceof ServeError && e.code === 'port_in_use',
      );
    } finally {
      await s.close();
    }
  });

  it('finishes in-flight requests on close, then runs onClose, and accepts no new connection', async () => {
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    let entered!: () => void;
    const inside = new Promise<void>((r) => (entered = r));
    const events: string[] = [];
    const s = await startServer({
      port: 0,
      handleSignals: false,
      notice: () => undefined,
      fetch: async () => {
        entered();
        await gate;
        events.push('answered');
        return new Response('done');
      },
      onClose: () => void events.push('onClose'),
    });
    const pending = fetch(s.url).then((r) => r.text());
    await inside;
    const closing = s.close();
    await assert.rejects(fetch(s.url, { signal: AbortSignal.timeout(2000) }));
    release();
    assert.equal(await pending, 'done');
    await closing;
    await s.closed;
    assert.deepEqual(events, ['answered', 'onClose']);
  });

  it('cuts connections that outlive the shutdown timeout', async () => {
    const s = await startServer({
      port: 0,
      handleSignals: false,
      shutdownTimeoutMs: 50,
      notice: () => undefined,
      fetch: () => new Promise<Response>(() => undefined),
    });
    const pending = fetch(s.url).catch(() => 'cut');
    await new Promise((r) => setTimeout(r, 50));
    await s.close();
    assert.equal(await pending, 'cut');
  });

  describe('with TLS and a client CA', () => {
    let pki: TlsFixture;
    let s: RunningServer;
    before(async () => {
      pki = generateTlsFixture();
      s = await start({ tls: { cert: pki.serverCert, key: pki.serverKey, clientCa: pki.caCert } });
    });
    after(async () => {
      await s.close();
    });

    it('passes the verified client certificate fingerprint to the app', async () => {
      assert.match(s.url, /^https:/);
      const res = await httpsGet(s.url, { ca: pki.caCert, cert: pki.clientCert, key: pki.clientKey });
      assert.equal(res.status, 200);
      assert.equal((JSON.parse(res.body) as { cert: string }).cert, pki.clientFingerprint);
    });

    it('passes nothing without a certificate, or with one from another CA', async () => {
      const none = await httpsGet(s.url, { ca: pki.caCert });
      assert.equal((JSON.parse(none.body) as { cert: unknown }).cert, null);
      const stranger = await httpsGet(s.url, { ca: pki.caCert, cert: pki.strangerCert, key: pki.strangerKey });
      assert.equal((JSON.parse(stranger.body) as { cert: unknown }).cert, null);
    });

    it('behind a proxy, reads a URL-encoded PEM certificate from the named header', async () => {
      const proxied = await start({ clientCertHeader: 'ssl-client-cert' });
      try {
        const res = await fetch(proxied.url, { headers: { 'ssl-client-cert': encodeURIComponent(pki.clientCert) } });
        assert.equal(((await res.json()) as { cert: unknown }).cert, pki.clientFingerprint);
      } finally {
        await proxied.close();
      }
    });
  });
});
