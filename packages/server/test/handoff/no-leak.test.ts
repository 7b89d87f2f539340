// No token, assertion, ticket or state in any URL the service sends a browser to, nor in any log line.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { garLaunchUrl } from '../../src/gar/index.js';
import { CAS_SERVICE, ISSUER, R_CAS, R_MATHS, R_OLD, S1 } from '../helpers/fixtures.js';
import { buildWorld } from '../helpers/world.js';
import { form, readLaunchPage } from './fixtures/http.js';

describe('secrets stay out of URLs and logs', () => {
  it('never logs a token, an assertion, a CAS ticket or a launch state, and never puts a token in a URL', async () => {
    const w = await buildWorld({ data: 'handoff' });
    const secrets: string[] = [];
    const locations: string[] = [];

    const assertion = await w.assertion();
    secrets.push(assertion);
    const page = readLaunchPage(
      await (await w.app.request('/launch', form({ assertion, resource: R_MATHS, uai: S1 }))).text(),
    );
    secrets.push(page.token);
    assert.ok(!page.action.includes(page.token));

    const refused = await w.assertion();
    secrets.push(refused);
    assert.equal((await w.app.request('/launch', form({ assertion: refused, resource: R_OLD, uai: S1 }))).status, 403);

    const link = new URL(garLaunchUrl(ISSUER, 'ENTA', S1, R_MATHS));
    const redirect = await w.app.request(`${link.pathname}${link.search}`);
    const location = redirect.headers.get('location')!;
    locations.push(location);
    const state = new URL(location).searchParams.get('state')!;
    secrets.push(state);
    const second = await w.assertion();
    secrets.push(second);
    const viaLink = readLaunchPage(
      await (await w.app.request('/launch/callback', form({ assertion: second, state }))).text(),
    );
    secrets.push(viaLink.token);

    const cas = await w.app.request('/launch', form({ assertion: await w.assertion(), resource: R_CAS, uai: S1 }));
    const casLocation = cas.headers.get('location')!;
    locations.push(casLocation);
    const ticket = new URL(casLocation).searchParams.get('ticket')!;
    secrets.push(ticket);
    await w.app.request(`/cas/p3/serviceValidate?service=${encodeURIComponent(CAS_SERVICE)}&ticket=${ticket}`);
    await w.app.request(
      '/launch',
      form({ assertion: 'eyJhbGciOiJub25lIn0.eyJpc3MiOiJFTlRBIn0.', resource: R_MATHS, uai: S1 }),
    );

    assert.ok(w.logger.lines.length > 5, 'the flow was logged');
    const logs = w.logger.lines.join('\n');
    for (const s of secrets) assert.ok(!logs.includes(s), 'a secret reached the logs');
    assert.ok(!logs.includes('eyJ'), 'no JWT-looking text in the logs');
    for (const l of locations)
      for (const t of [page.token, viaLink.token, assertion, second]) assert.ok(!l.includes(t));
  });
});
