// The URL guard answers a refused URL in the format its route family's clients parse.
import assert from 'node:assert/strict';
import { it } from 'node:test';
import { Hono } from 'hono';
import type { AppEnv } from '../../src/http/app-env.js';
import { urlTextGuard } from '../../src/http/url-text-guard.js';

function app() {
  const a = new Hono<AppEnv>();
  a.use('*', urlTextGuard());
  a.get('*', (c) => c.text('reached'));
  return a;
}

const SERVICE = 'service=https%3A%2F%2Fcas.resource.test%2Flogin%2Fcas';

it('CAS 2.0 and 3.0 validation refuse a control character in CAS XML, never problem+json', async () => {
  for (const path of [
    '/cas/serviceValidate',
    '/cas/proxyValidate',
    '/cas/p3/serviceValidate',
    '/cas/p3/proxyValidate',
  ]) {
    const res = await app().request(`${path}?${SERVICE}&ticket=ST-%00%ff`);
    assert.equal(res.status, 400, path);
    assert.match(res.headers.get('content-type') ?? '', /^application\/xml/, path);
    assert.match(await res.text(), /<cas:authenticationFailure code="INVALID_REQUEST">/, path);
  }
});

it('other CAS routes and look-alike paths keep problem+json', async () => {
  for (const path of ['/cas/login', '/cas/serviceValidateX', '/api/v1/cas/serviceValidate']) {
    const res = await app().request(`${path}?${SERVICE}&ticket=ST-%00`);
    assert.equal(res.status, 400, path);
    assert.match(res.headers.get('content-type') ?? '', /^application\/problem\+json/, path);
  }
  assert.equal(await (await app().request(`/cas/serviceValidate?${SERVICE}&ticket=ST-1`)).text(), 'reached');
});
