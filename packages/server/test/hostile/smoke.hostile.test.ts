// The hostile world itself: each store serves the app over real HTTP and answers /healthz.
import assert from 'node:assert/strict';
import { it } from 'node:test';
import { forEachStore } from './world.js';

forEachStore('hostile world', (world) => {
  it('serves /healthz over real HTTP and refuses an unauthenticated listing with problem+json', async () => {
    await world().assertHealthy();
    const res = await world().http('/api/v1/me/resources?uai=0000001A');
    assert.equal(res.status, 401);
    assert.match(res.headers.get('content-type') ?? '', /^application\/problem\+json/);
  });
});
