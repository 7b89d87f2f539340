// Run by the guide tests in the folder where the packed tarballs are installed, on the lowest Node.js declared, with
// the guides' snippets beside it as modules. Signs ENT assertions with the ENT guide's signer (the demo ENT's key),
// reads the médiacentre with one, obtains hand-off tokens from the running service (`POST /launch`), and posts them to
// the publisher guide's Express and Hono handlers. Prints one JSON object for the test to assert on.
import { serve } from '@hono/node-server';
import { DEMO_CREDENTIALS, DEMO_ENT_ID, demoDataSet } from '@opengar/server/demo';
import { createAssertionSigner } from './ent-sign-assertion.mjs';
import { sessions } from './session.mjs';

const service = process.env.GUIDE_SERVICE_URL;
const PUPIL = 'eleve-0001';
const UAI = '0561641E';
const RESOURCE = 'ark:/99202/dictionnaire';

const sign = await createAssertionSigner({
  entId: DEMO_ENT_ID,
  audience: service,
  privateJwk: DEMO_CREDENTIALS.entSigningKey.privateJwk,
});
const results = {};

const me = await fetch(`${service}/api/v1/me/resources?uai=${UAI}`, {
  headers: { authorization: `Bearer ${await sign(PUPIL, UAI)}` },
});
results.mediacentre = { status: me.status, body: await me.text() };

/** A fresh hand-off token for the pupil and the dictionary, as the service posts it to the publisher. */
async function handOff() {
  const body = new URLSearchParams({ assertion: await sign(PUPIL, UAI), resource: RESOURCE, uai: UAI });
  const res = await fetch(`${service}/launch`, { method: 'POST', body, redirect: 'manual' });
  const html = await res.text();
  const token = /name="gar_token" value="([^"]+)"/.exec(html)?.[1];
  if (!token) throw new Error(`no gar_token in the answer to POST /launch (${res.status}): ${html.slice(0, 400)}`);
  return token;
}

/** The token with one character of its signature changed. */
function tamper(token) {
  const [h, p, s] = token.split('.');
  const i = Math.floor(s.length / 2);
  return `${h}.${p}.${s.slice(0, i)}${s[i] === 'A' ? 'B' : 'A'}${s.slice(i + 1)}`;
}

const starters = {
  express: (app) =>
    new Promise((resolve) => {
      const server = app.listen(0, '127.0.0.1', () =>
        resolve({ url: `http://127.0.0.1:${server.address().port}`, close: () => server.close() }),
      );
    }),
  hono: (app) =>
    new Promise((resolve) => {
      const server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, (info) =>
        resolve({ url: `http://127.0.0.1:${info.port}`, close: () => server.close() }),
      );
    }),
};

for (const [name, start] of Object.entries(starters)) {
  const { app } = await import(`./publisher-${name}.mjs`);
  const { url, close } = await start(app);
  const post = async (token) => {
    const res = await fetch(`${url}/launch`, {
      method: 'POST',
      body: new URLSearchParams({ gar_token: token }),
      redirect: 'manual',
    });
    return {
      status: res.status,
      location: res.headers.get('location'),
      type: res.headers.get('content-type'),
      body: await res.text(),
    };
  };
  const token = await handOff();
  const before = sessions.length;
  const first = await post(token);
  const session = sessions.slice(before)[0] ?? null;
  results[name] = { first, session, again: await post(token), tampered: await post(tamper(await handOff())) };
  close();
}

// A CAS service ticket: a Terminale pupil of the lycée opens the demo's CAS resource (allocated to the TLE divisions).
const LYCEE = '0561622J';
const tle = demoDataSet().memberships.find((m) => m.uai === LYCEE && m.groupCode.startsWith('TLE'))?.personId;
const cas = await fetch(`${service}/launch`, {
  method: 'POST',
  body: new URLSearchParams({ assertion: await sign(tle, LYCEE), resource: 'ark:/99303/revisions-bac', uai: LYCEE }),
  redirect: 'manual',
});
const target =
  cas.headers.get('location') ??
  /(?:action|href|content)="[^"]*?(https?:[^"]+ticket=[^"]+)"/.exec(await cas.text())?.[1];
const ticketUrl = target ? new URL(target.replaceAll('&amp;', '&')) : null;
results.cas = {
  status: cas.status,
  service: ticketUrl ? `${ticketUrl.origin}${ticketUrl.pathname}` : null,
  ticket: ticketUrl?.searchParams.get('ticket') ?? null,
};

console.log(JSON.stringify(results));
process.exit(0);
