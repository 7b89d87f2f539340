// The demo's LTI 1.3 tool end to end, in process: the pupil's click goes through the tool's login initiation, opengar's
// authorization endpoint and the tool's launch; the teacher picks a map in the tool's Deep Linking picker and gets a
// pin of the class with that page.
import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { demoResourceId } from '@opengar/server/demo';
import { type DemoWorld, demoWorld, entAssertion, ISSUER, PROVIDER, UAI } from './demo-world.js';

const TOOL = demoResourceId('cartes-lti');

let app: DemoWorld['app'];
let provider: DemoWorld['provider'];
let store: DemoWorld['store'];

/** A browser over the two in-process apps: the tool's cookie kept, forms posted, redirects followed. */
async function browse(first: Request): Promise<{ status: number; html: string }> {
  let cookie = '';
  let req = first;
  for (let hop = 0; hop < 12; hop++) {
    const url = new URL(req.url);
    if (url.origin === PROVIDER && cookie) req.headers.set('cookie', cookie);
    const res = url.origin === PROVIDER ? await provider.fetch(req) : await app.fetch(req);
    const set = res.headers.get('set-cookie');
    if (set && url.origin === PROVIDER) cookie = set.split(';')[0]!;
    const location = res.headers.get('location');
    if (res.status >= 300 && res.status < 400 && location) {
      req = new Request(new URL(location, url));
      continue;
    }
    const html = await res.text();
    const form = /<form[^>]*id="(?:gar-post|dl)"[^>]*method="post"[^>]*action="([^"]+)"/.exec(html);
    if (res.status !== 200 || !form) return { status: res.status, html };
    const fields = new URLSearchParams();
    for (const m of html.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)">/g))
      fields.set(
        m[1]!,
        m[2]!
          .replace(/&quot;/g, '"')
          .replace(/&#39;/g, "'")
          .replace(/&amp;/g, '&'),
      );
    req = new Request(form[1]!.replace(/&amp;/g, '&'), {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: fields,
    });
  }
  throw new Error('too many hops');
}

before(async () => {
  ({ app, provider, store } = await demoWorld());
});

describe('the demo LTI tool', () => {
  it('the pupil of 6e A opens it from the médiacentre: the tool shows the released attributes', async () => {
    const body = new URLSearchParams({ assertion: await entAssertion('eleve-0001'), resource: TOOL, uai: UAI });
    const page = await browse(
      new Request(`${ISSUER}/launch`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body,
      }),
    );
    assert.equal(page.status, 200, page.html);
    assert.match(page.html, /id="lti-launch"/);
    assert.match(page.html, /Learner/);
    const shown = [...page.html.matchAll(/data-claim="([A-Z_]+)"/g)].map((m) => m[1]).sort();
    assert.deepEqual(shown, ['DIV', 'IDO', 'PRO', 'UAI']);
  });

  it('the teacher picks a map for 6e A: a pin with that page', async () => {
    const teaching = (await store.listTeachings({ uai: UAI, personId: 'ens-001' }))[0]!;
    const until = new Date(Date.now() + 10 * 86_400_000).toISOString().slice(0, 10);
    const body = new URLSearchParams({
      assertion: await entAssertion('ens-001'),
      resource: TOOL,
      uai: UAI,
      group: teaching.groupCode,
      until,
    });
    const picker = await browse(
      new Request(`${ISSUER}/lti/deep-linking/start`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body,
      }),
    );
    assert.equal(picker.status, 200, picker.html);
    assert.match(picker.html, /choisir une carte/);
    const choice =
      /<form method="post" action="([^"]+)"><input type="hidden" name="pick" value="([^"]+)"><input type="hidden" name="carte" value="europe">/.exec(
        picker.html,
      );
    assert.ok(choice);
    const done = await browse(
      new Request(choice[1]!, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ pick: choice[2]!, carte: 'europe' }),
      }),
    );
    assert.equal(done.status, 200, done.html);
    assert.match(done.html, /Page recommandée/);
    const pins = await store.listPins({ uai: UAI, teacherId: 'ens-001' });
    assert.equal(pins[0]?.grain, `${PROVIDER}/lti/cartes-lti/launch?carte=europe`);
  });
});
