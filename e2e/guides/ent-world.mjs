// Run by the guide tests in the folder where the packed tarballs are installed, on the lowest Node.js declared: the
// ENT of the ENT guide and a publisher of the publisher guide, on loopback.
// - The ENT portal (GUIDE_PORTAL_PORT) serves the guide's pages (ent-pages.json, the snippets with the service's URL),
//   the elements' single-file bundle at /assets/opengar-elements.min.js (the guide's URL), and POST /ent/assertion
//   with the guide's signer (for the person named by the `as` cookie, set by `?as=` on a page).
// - The publisher (GUIDE_PROVIDER_PORT) answers the demo's access URLs (/resources/<slug>) with the guide's Hono
//   handler (its `/launch`), which redirects to /app?session=… once the hand-off token verifies.
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { DEMO_CREDENTIALS, DEMO_ENT_ID } from '@opengar/server/demo';
import { createAssertionSigner } from './ent-sign-assertion.mjs';
import { app as publisher } from './publisher-hono.mjs';

const env = process.env;
const pages = JSON.parse(readFileSync(new URL('./ent-pages.json', import.meta.url), 'utf8'));
const bundle = env.GUIDE_BUNDLE ? readFileSync(env.GUIDE_BUNDLE) : null;
const sign = await createAssertionSigner({
  entId: DEMO_ENT_ID,
  audience: env.GUIDE_SERVICE_URL,
  privateJwk: DEMO_CREDENTIALS.entSigningKey.privateJwk,
});
const UAI = '0561641E';

const readBody = (req) =>
  new Promise((resolve) => {
    const chunks = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks)));
  });

const portal = createServer(async (req, res) => {
  const url = new URL(req.url, 'http://portal');
  const page = pages[url.pathname];
  if (req.method === 'GET' && page) {
    const as = url.searchParams.get('as');
    res.writeHead(200, {
      'content-type': 'text/html; charset=utf-8',
      ...(as ? { 'set-cookie': `as=${encodeURIComponent(as)}; Path=/; HttpOnly; SameSite=Strict` } : {}),
    });
    return res.end(page);
  }
  if (req.method === 'GET' && url.pathname === '/assets/opengar-elements.min.js' && bundle) {
    res.writeHead(200, { 'content-type': 'text/javascript; charset=utf-8' });
    return res.end(bundle);
  }
  if (req.method === 'POST' && url.pathname === '/ent/assertion') {
    await readBody(req);
    const person = /(?:^|;\s*)as=([^;]+)/.exec(req.headers.cookie ?? '')?.[1];
    if (req.headers['x-ent-request'] !== '1' || !person) {
      res.writeHead(403, { 'content-type': 'text/html; charset=utf-8' });
      return res.end('<!doctype html><title>Refusé</title><p>Refusé.</p>');
    }
    res.writeHead(200, { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store' });
    return res.end(await sign(decodeURIComponent(person), UAI));
  }
  res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' });
  res.end('not found');
});

const provider = createServer(async (req, res) => {
  const url = new URL(req.url, `http://127.0.0.1:${env.GUIDE_PROVIDER_PORT}`);
  if (req.method === 'POST' && url.pathname.startsWith('/resources/')) {
    const answer = await publisher.fetch(
      new Request(new URL('/launch', url), {
        method: 'POST',
        headers: { 'content-type': req.headers['content-type'] ?? '' },
        body: await readBody(req),
      }),
    );
    res.writeHead(answer.status, Object.fromEntries(answer.headers));
    return res.end(Buffer.from(await answer.arrayBuffer()));
  }
  if (req.method === 'GET' && url.pathname === '/app') {
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    return res.end(
      `<!doctype html><html lang="fr"><title>Ressource</title><h1>Session ${url.searchParams.get('session')?.replace(/\W/g, '')}</h1></html>`,
    );
  }
  res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' });
  res.end('not found');
});

portal.listen(Number(env.GUIDE_PORTAL_PORT), '127.0.0.1', () =>
  provider.listen(Number(env.GUIDE_PROVIDER_PORT), '127.0.0.1', () => console.log('ent-world ready')),
);
