// A native app that does not know the person's ENT (no idp_hint) while several ENTs can sign people in: the browser
// gets the ENT chooser, whose form sends the app's request back with the chosen ENT; the flow then ends in a code.
import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { R_MATHS, S1 } from '../../helpers/fixtures.js';
import { buildWorld, type HandoffWorld } from '../../helpers/world.js';
import { form } from '../fixtures/http.js';
import { authorizeUrl, pkce, registerApp } from './oauth-fixtures.js';

/** The chooser's form fields, read from its HTML (hidden inputs, then the checked radio). */
function formOf(html: string): { action: string; fields: URLSearchParams; ents: string[] } {
  const unHtml = (v: string) =>
    v
      .replace(/&quot;/g, '"')
      .replace(/&lt;/g, '<')
      .replace(/&gt;/g, '>')
      .replace(/&#39;/g, "'")
      .replace(/&amp;/g, '&');
  const action = unHtml(/<form method="get" action="([^"]+)"/.exec(html)![1]!);
  const fields = new URLSearchParams();
  for (const m of html.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)">/g))
    fields.append(unHtml(m[1]!), unHtml(m[2]!));
  const ents = [...html.matchAll(/<input type="radio" name="idp_hint" value="([^"]+)"/g)].map((m) => m[1]!);
  return { action, fields, ents };
}

describe('native apps: the ENT chosen in the browser when the app names none', () => {
  let w: HandoffWorld;
  before(async () => {
    w = await buildWorld({ data: 'handoff' });
    const entB = (await w.store.getEnt('ENTB'))!;
    await w.store.putEnt({ ...entB, assertionEndpoint: 'https://ent-b.test/gar/assertion' });
    await registerApp(w, { clientId: 'maths-app', resourceId: R_MATHS });
  });

  it('shows the chooser, which sends the request back with idp_hint; the ENT round trip then gives a code', async () => {
    const { challenge } = pkce();
    const url = authorizeUrl(
      { clientId: 'maths-app', uai: S1, state: 'st-"<x>"', params: { idp_hint: '' } },
      challenge,
    ).replace('&idp_hint=', '');
    assert.doesNotMatch(url, /idp_hint/);
    const page = await w.app.request(url);
    assert.equal(page.status, 200);
    assert.equal(page.headers.get('cache-control'), 'no-store');
    const csp = page.headers.get('content-security-policy')!;
    assert.match(csp, /form-action 'self' [^;]*https:\/\/ent-a\.test/);
    assert.match(csp, /frame-ancestors 'none'/);
    const html = await page.text();
    assert.ok(!html.includes('<x>'), 'the state is escaped');
    const f = formOf(html);
    assert.equal(f.action, '/oauth/authorize');
    assert.deepEqual(f.ents.sort(), ['ENTA', 'ENTB']);
    assert.equal(f.fields.get('state'), 'st-"<x>"', 'carried back as it came');
    assert.equal(f.fields.get('client_id'), 'maths-app');
    assert.equal(f.fields.get('code_challenge'), challenge);
    assert.equal(f.fields.has('idp_hint'), false);
    // The person picks ENT A: the browser goes there, then back to the app with a code.
    f.fields.set('idp_hint', 'ENTA');
    const start = await w.app.request(`${f.action}?${f.fields}`);
    assert.equal(start.status, 303);
    const toEnt = new URL(start.headers.get('location')!);
    assert.equal(toEnt.origin, 'https://ent-a.test');
    const assertion = await w.assertion({ sub: 'eleve-a' });
    const back = await w.app.request('/launch/callback', form({ assertion, state: toEnt.searchParams.get('state')! }));
    assert.equal(back.status, 303, await back.clone().text());
    const landed = new URL(back.headers.get('location')!);
    assert.ok(landed.searchParams.get('code'));
    assert.equal(landed.searchParams.get('state'), 'st-"<x>"');
  });

  it('shows no chooser for a request that is wrong anyway: the error goes back to the app or is a 400', async () => {
    const { challenge } = pkce();
    const noHint = (o: Parameters<typeof authorizeUrl>[0]) => authorizeUrl(o, challenge).replace('&idp_hint=ENTA', '');
    const plain = await w.app.request(noHint({ clientId: 'maths-app', params: { code_challenge_method: 'plain' } }));
    assert.equal(plain.status, 303);
    assert.equal(new URL(plain.headers.get('location')!).searchParams.get('error'), 'invalid_request');
    const stranger = await w.app.request(noHint({ clientId: 'nobody-app' }));
    assert.equal(stranger.status, 400);
    // A hint naming an ENT that cannot sign people in is refused as before, not offered a choice.
    const unknown = await w.app.request(
      authorizeUrl({ clientId: 'maths-app', params: { idp_hint: 'ENTZ' } }, challenge),
    );
    assert.equal(new URL(unknown.headers.get('location')!).searchParams.get('error'), 'invalid_request');
  });
});
