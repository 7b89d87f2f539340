// Two stock npm CAS clients that no one here wrote, over loopback: connect-cas2 (CAS 2.0 /cas/serviceValidate, single
// logout) and cas-authentication (CAS 3.0 /cas/p3/serviceValidate), each in an express app with express-session,
// against the service listening on 127.0.0.1. A fetch-based browser follows the redirects with a cookie jar per
// origin, and plays the ENT when it is sent to the ENT's assertion endpoint.
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { getRequestListener } from '@hono/node-server';
import { SignJWT } from 'jose';
import express from 'express';
import session from 'express-session';
import ConnectCas from 'connect-cas2';
import CASAuthentication from 'cas-authentication';
import { pairwisePseudonym } from '@opengar/core';
import { TestClock } from '../../helpers/clock.js';
import {
  ASSERTION_ENDPOINT,
  copy,
  type EntKeys,
  recordingLogger,
  resource,
  S1,
  SECRET,
  subscription,
} from '../../helpers/fixtures.js';
import { CookieBrowser } from '../fixtures/cookie-browser.js';
import { buildWorld } from '../../helpers/world.js';

const R_STOCK = 'ark:/66666/stock-clients';

function listen(server: Server): Promise<string> {
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () => resolve(`http://127.0.0.1:${(server.address() as AddressInfo).port}`)),
  );
}

describe('stock CAS clients over loopback', () => {
  const servers: Server[] = [];
  let issuer = '';
  let keysA: EntKeys;
  let client1 = '';
  let client2 = '';
  let browser: CookieBrowser;
  const logger = recordingLogger();
  const clock = new TestClock();
  const sloBodies: string[] = [];

  before(async () => {
    // The service, listening first so its issuer is its loopback URL.
    let handler: ((req: Request) => Response | Promise<Response>) | undefined;
    const gar = createServer(getRequestListener((req) => handler!(req)));
    servers.push(gar);
    issuer = await listen(gar);
    // The two publishers' apps, listening first so their service URLs can be registered.
    const app1 = express();
    const app2 = express();
    const s1 = createServer(app1);
    const s2 = createServer(app2);
    servers.push(s1, s2);
    client1 = await listen(s1);
    client2 = await listen(s2);

    const w = await buildWorld({ data: 'handoff', clock, service: { issuer, logger } });
    const { store } = w;
    keysA = w.keysA;
    await store.putResource(
      resource({
        id: R_STOCK,
        publisherId: 'S',
        protocol: 'cas',
        registeredUrls: [`${client1}/cas/validate`, `${client2}/app`],
        declaredAttributes: ['UAI', 'PRO'],
      }),
    );
    await store.insertSubscription(subscription({ id: 'ABO-STOCK-S1', resourceId: R_STOCK }));
    await store.insertCopies([copy({ subscriptionId: 'ABO-STOCK-S1', personId: 'eleve-a' })]);
    handler = (req) => w.app.fetch(req);

    // connect-cas2, CAS 2.0 paths (its defaults), single logout on; no body parser before it (it reads the SLO body).
    const cas2 = new ConnectCas({
      servicePrefix: client1,
      serverPath: issuer,
      paths: {
        validate: '/cas/validate',
        serviceValidate: '/cas/serviceValidate',
        login: '/cas/login',
        logout: '/cas/logout',
        proxyCallback: '',
      },
      logger: () => () => {},
    });
    app1.use(session({ secret: 'client-1-session-secret', resave: false, saveUninitialized: true }));
    app1.use((req, _res, next) => {
      if (req.method === 'POST') {
        const chunks: Buffer[] = [];
        req.on('data', (c: Buffer) => chunks.push(c));
        req.on('end', () => sloBodies.push(Buffer.concat(chunks).toString('utf8')));
      }
      next();
    });
    app1.get('/logout', cas2.logout());
    app1.use(cas2.core());
    app1.get('/', (req, res) => {
      const cas = (req.session as unknown as { cas: { user: string } }).cas;
      res.type('text/plain').send(`client1 user=${cas.user}`);
    });

    // cas-authentication, CAS 3.0 (p3/serviceValidate).
    const cas3 = new CASAuthentication({
      cas_url: `${issuer}/cas`,
      service_url: client2,
      cas_version: '3.0',
      session_info: 'cas_attributes',
    });
    // This client ignores the port of cas_url (it takes 80 for http, 443 for https): tell it the loopback port.
    (cas3 as unknown as { cas_port: number }).cas_port = Number(new URL(issuer).port);
    app2.use(session({ secret: 'client-2-session-secret', resave: false, saveUninitialized: true }));
    app2.get('/app', cas3.bounce, (req, res) => {
      const s = req.session as unknown as { cas_user: string; cas_attributes: Record<string, unknown> };
      res.type('text/plain').send(`client2 user=${s.cas_user} uai=${JSON.stringify(s.cas_attributes.uai)}`);
    });
    app2.get('/logout', cas3.logout);

    // The ENT's part: its assertion endpoint is played here, signing for the pupil.
    const ent = async (target: URL) => {
      const t = Math.floor(clock.now().getTime() / 1000);
      const assertion = await new SignJWT({ uai: S1 })
        .setProtectedHeader({ alg: keysA.alg, typ: 'gar-ent+jwt', kid: keysA.publicJwk.kid! })
        .setIssuer('ENTA')
        .setSubject('eleve-a')
        .setAudience(issuer)
        .setIssuedAt(t)
        .setExpirationTime(t + 60)
        .setJti(crypto.randomUUID())
        .sign(keysA.privateKey);
      return {
        url: target.searchParams.get('return_to')!,
        init: {
          method: 'POST',
          headers: { 'content-type': 'application/x-www-form-urlencoded' },
          body: new URLSearchParams({ assertion, state: target.searchParams.get('state')! }).toString(),
        },
      };
    };
    browser = new CookieBrowser((target) =>
      target.href.startsWith(new URL(ASSERTION_ENDPOINT).origin) ? ent(target) : undefined,
    );
  });

  after(async () => {
    for (const s of servers) {
      s.closeAllConnections();
      await new Promise((r) => s.close(r));
    }
  });

  const ido = () => pairwisePseudonym({ secret: SECRET, entId: 'ENTA', personId: 'eleve-a', scope: R_STOCK });

  it('connect-cas2: login with only `service` → ENT chooser → ENT → ticket → CAS 2.0 validation', async () => {
    const first = await browser.go(`${client1}/`);
    assert.equal(first.res.status, 200);
    assert.equal(`${first.url.origin}${first.url.pathname}`, `${issuer}/cas/login`);
    assert.ok(first.url.searchParams.get('service'));
    assert.ok(
      !first.url.searchParams.has('idENT') && !first.url.searchParams.has('idEtab'),
      'a stock client names no ENT',
    );
    assert.match(first.text, /Par quel ENT te connectes-tu/);
    const chosen = new URL(`${issuer}/cas/login`);
    chosen.searchParams.set('service', first.url.searchParams.get('service')!);
    chosen.searchParams.set('idENT', 'ENTA');
    const page = await browser.go(chosen.href);
    assert.equal(page.res.status, 200);
    assert.equal(page.text, `client1 user=${ido()}`);
    assert.ok(page.trail.some((u) => u.startsWith(`${client1}/cas/validate?ticket=ST-`)));
  });

  it('cas-authentication: the CAS session remembers the ENT, CAS 3.0 validation releases the attributes', async () => {
    const page = await browser.go(`${client2}/app`);
    assert.equal(page.res.status, 200, page.text);
    assert.equal(page.text, `client2 user=${ido()} uai="${S1}"`);
    assert.ok(!page.trail.some((u) => u.includes('idENT=')), 'no chooser this time: the session’s ENT');
  });

  it('logging out at one client ends the session at the other through single logout', async () => {
    assert.equal((await browser.go(`${client1}/`)).text, `client1 user=${ido()}`, 'still signed in at client 1');
    const out = await browser.go(`${client2}/logout`);
    assert.equal(`${out.url.origin}${out.url.pathname}`, `${issuer}/cas/logout`);
    assert.match(out.text, /Tu es déconnecté·e/);
    // connect-cas2 takes the LogoutRequest; cas-authentication has no single logout (its POST is a 404): said so.
    assert.match(out.text, /\(1\u00a0service prévenu\)/);
    assert.match(out.text, /1\u00a0service n’a pas pu être prévenu\u00a0:/);
    assert.ok(sloBodies.some((b) => b.startsWith('logoutRequest=') && b.includes('<samlp:SessionIndex>ST-')));
    // Client 1 forgot the session: the next visit goes back to CAS, which now shows the chooser again.
    const again = await browser.go(`${client1}/`);
    assert.equal(`${again.url.origin}${again.url.pathname}`, `${issuer}/cas/login`);
    assert.match(again.text, /Par quel ENT te connectes-tu/);
    const logout = logger.lines.find((l) => l.includes('"cas.logout"'))!;
    assert.match(logout, new RegExp(`"origin":"${client1}","outcome":"notified"`));
    assert.match(logout, new RegExp(`"origin":"${client2}","outcome":"refused","status":404`));
    for (const line of logger.lines) assert.doesNotMatch(line, /ST-[A-Za-z0-9_-]{20}/, 'no ticket in the logs');
  });
});
