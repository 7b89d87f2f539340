// The native-app endpoints a stranger can call without a credential are counted like a launch start.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { R_MATHS } from '../../helpers/fixtures.js';
import { buildWorld } from '../../helpers/world.js';
import { form } from '../fixtures/http.js';
import { authorizeUrl, pkce, registerApp } from './oauth-fixtures.js';

describe('native apps under a flood', () => {
  it('answers 429 past the per-address budget, at the token endpoint in OAuth form', async () => {
    const w = await buildWorld({ data: 'handoff', service: { rateLimits: { launchesPerAddress: 2 } } });
    await registerApp(w, { clientId: 'maths-app', resourceId: R_MATHS });
    const socket = { incoming: { socket: { remoteAddress: '203.0.113.9' } } };
    const guess = form({
      grant_type: 'authorization_code',
      client_id: 'maths-app',
      code: 'c'.repeat(43),
      code_verifier: pkce().verifier,
      redirect_uri: 'http://127.0.0.1:1/callback',
    });
    for (let i = 0; i < 2; i++) assert.equal((await w.app.request('/oauth/token', guess, socket)).status, 400);
    const limited = await w.app.request('/oauth/token', guess, socket);
    assert.equal(limited.status, 429);
    assert.equal(((await limited.json()) as { error: string }).error, 'temporarily_unavailable');
    const other = { incoming: { socket: { remoteAddress: '203.0.113.10' } } };
    assert.equal(
      (await w.app.request(authorizeUrl({ clientId: 'maths-app' }, pkce().challenge), {}, other)).status,
      303,
    );
    assert.equal(
      (await w.app.request(authorizeUrl({ clientId: 'maths-app' }, pkce().challenge), {}, socket)).status,
      429,
    );
  });
});
