import assert from 'node:assert/strict';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, test } from 'node:test';
import { garLaunchMiddleware, verifyLaunch, type GarClaims, type GarLaunchRequest } from '../src/index.js';
import { assertRefused } from './fixtures/assert-refused.js';
import { keys } from './fixtures/keys.js';
import { paths } from './fixtures/paths.js';
import { makeToken } from './fixtures/tokens.js';
import { localOptions } from './fixtures/verifiers.js';

const es = keys.ES256;
const form = (fields: Record<string, string>) => new URLSearchParams(fields).toString();
const post = (body: BodyInit, type = 'application/x-www-form-urlencoded') =>
  new Request('https://resource.example/launch', {
    method: 'POST',
    body,
    headers: type ? { 'content-type': type } : {},
  });

for (const path of paths) {
  describe(`verifyLaunch (${path.name})`, () => {
    const verifier = () => path.createVerifier(localOptions());

    test('reads gar_token from a urlencoded POST', async () => {
      const claims = await verifyLaunch(post(form({ gar_token: makeToken(es), other: 'x' })), verifier());
      assert.equal(claims.PRO, 'National_elv');
    });

    test('reads gar_token from a multipart POST', async () => {
      const body = new FormData();
      body.set('gar_token', makeToken(es));
      const request = new Request('https://resource.example/launch', { method: 'POST', body });
      assert.equal((await verifyLaunch(request, verifier())).NOM, 'Durand');
    });

    test('a missing, repeated or empty field, a GET, another content type or a huge body is malformed', async () => {
      const token = makeToken(es);
      const requests = [
        post(form({ other: 'x' })),
        post(`gar_token=${token}&gar_token=${token}`),
        post('gar_token='),
        new Request(`https://resource.example/launch?gar_token=${token}`),
        post(JSON.stringify({ gar_token: token }), 'application/json'),
        post(form({ gar_token: token }), ''),
        post(form({ gar_token: token, pad: 'x'.repeat(20_000) })),
      ];
      for (const request of requests) await assertRefused(verifyLaunch(request, verifier()), 'malformed', token);
    });

    test('a refused token keeps its code', async () => {
      const token = makeToken(es, { header: { typ: 'JWT' } });
      await assertRefused(verifyLaunch(post(form({ gar_token: token })), verifier()), 'wrong_type', token);
    });
  });

  describe(`garLaunchMiddleware on node:http (${path.name})`, () => {
    async function withServer(run: (url: string, seen: GarClaims[]) => Promise<void>, preParse = false): Promise<void> {
      const seen: GarClaims[] = [];
      const middleware = garLaunchMiddleware(path.createVerifier(localOptions()));
      const server = createServer(async (req: IncomingMessage, res: ServerResponse) => {
        const launch = req as IncomingMessage & GarLaunchRequest;
        if (preParse) {
          let text = '';
          for await (const chunk of req) text += String(chunk);
          launch.body = Object.fromEntries(new URLSearchParams(text));
        }
        await middleware(launch, res, () => {
          if (launch.garClaims) seen.push(launch.garClaims);
          res.end('ok');
        });
      });
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      const { port } = server.address() as AddressInfo;
      try {
        await run(`http://127.0.0.1:${port}/launch`, seen);
      } finally {
        server.closeAllConnections();
        await new Promise<void>((resolve) => server.close(() => resolve()));
      }
    }
    const send = (url: string, body: string) =>
      fetch(url, { method: 'POST', body, headers: { 'content-type': 'application/x-www-form-urlencoded' } });

    test('sets req.garClaims and calls next; answers 401 with the code on failure (replay)', async () => {
      await withServer(async (url, seen) => {
        const token = makeToken(es);
        const ok = await send(url, form({ gar_token: token }));
        assert.equal(ok.status, 200);
        assert.equal(seen[0]?.IDO.length, 128);
        const again = await send(url, form({ gar_token: token }));
        assert.equal(again.status, 401);
        assert.equal(again.headers.get('content-type'), 'application/problem+json');
        const text = await again.text();
        assert.equal(JSON.parse(text).code, 'replayed');
        assert.ok(!text.includes(token));
        assert.equal(seen.length, 1);
      });
    });

    test('answers 401 malformed without a token, and with a bad signature', async () => {
      await withServer(async (url) => {
        const none = await send(url, 'x=1');
        assert.deepEqual([none.status, (await none.json()).code], [401, 'malformed']);
        const [h, p] = makeToken(es).split('.');
        const bad = await send(url, form({ gar_token: `${h}.${p}.${'A'.repeat(86)}` }));
        assert.deepEqual([bad.status, (await bad.json()).code], [401, 'bad_signature']);
      });
    });

    test('uses req.body when a body parser already ran (Express urlencoded)', async () => {
      await withServer(async (url, seen) => {
        const ok = await send(url, form({ gar_token: makeToken(es) }));
        assert.equal(ok.status, 200);
        assert.equal(seen.length, 1);
      }, true);
    });

    test('accepts a plain IncomingMessage and ServerResponse (type-checked)', () => {
      const handler: (req: IncomingMessage, res: ServerResponse, next: () => void) => Promise<void> =
        garLaunchMiddleware(path.createVerifier(localOptions()));
      assert.equal(typeof handler, 'function');
    });

    test('passes other failures to next(error), or answers a generic 500', async () => {
      const broken = path.createVerifier(
        localOptions({ replayStore: { consume: () => Promise.reject(new Error('db down')) } }),
      );
      const body = async function* (): AsyncGenerator<Uint8Array> {
        yield Buffer.from(form({ gar_token: makeToken(es) }));
      };
      const req = Object.assign(body(), {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
      });
      let passed: unknown;
      const res = {
        statusCode: 200,
        headers: {} as Record<string, string>,
        body: '',
        setHeader(n: string, v: string) {
          this.headers[n] = v;
        },
        end(b = '') {
          this.body = b;
        },
      };
      await garLaunchMiddleware(broken)(req, res, (e) => (passed = e));
      assert.match(String(passed), /db down/);
      const again = Object.assign(body(), { method: 'POST', headers: req.headers });
      await garLaunchMiddleware(broken)(again, res);
      assert.equal(res.statusCode, 500);
      assert.ok(!res.body.includes('db down'));
    });
  });
}
