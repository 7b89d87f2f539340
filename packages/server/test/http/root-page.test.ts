import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createHttpApp } from '../../src/index.js';
import { renderRootPage, rootPageLang } from '../../src/http/root-page.js';
import { buildWorld } from '../helpers/world.js';

describe('the service root page', () => {
  it('answers / with a small HTML page linking the reference and the health checks, French by default', async () => {
    const w = await buildWorld();
    const app = createHttpApp(w.service, { version: '1.2.3' });
    const fr = await app.request('/');
    assert.equal(fr.status, 200);
    assert.match(fr.headers.get('content-type') ?? '', /^text\/html/);
    assert.match(fr.headers.get('content-security-policy') ?? '', /default-src 'none'/);
    assert.equal(fr.headers.get('content-language'), 'fr');
    const html = await fr.text();
    assert.match(html, /<html lang="fr">/);
    assert.match(html, /<h1>Service GAR opengar<\/h1>/);
    assert.match(html, /<main>/);
    for (const href of ['/docs', '/openapi.json', '/healthz', '/readyz', '/?lang=en'])
      assert.ok(html.includes(`href="${href}"`), href);
    assert.match(html, /Version 1\.2\.3/);
    assert.match(html, /ENT et les ressources des éditeurs\u202f:/);
    const en = await app.request('/', { headers: { 'accept-language': 'en-GB,en;q=0.9' } });
    assert.match(await en.text(), /<html lang="en">[\s\S]*<h1>opengar GAR service<\/h1>/);
    assert.match(await (await app.request('/?lang=en')).text(), /lang="en"/);
    assert.match(await (await app.request('/?lang=de', { headers: { 'accept-language': 'de' } })).text(), /lang="fr"/);
    assert.equal((await app.request('/', { method: 'POST' })).status, 405);
  });

  it('picks the language from the query, then Accept-Language, then French; escapes the version', () => {
    assert.equal(rootPageLang('en', 'fr'), 'en');
    assert.equal(rootPageLang(undefined, 'de-DE, en;q=0.5'), 'en');
    assert.equal(rootPageLang('xx', undefined), 'fr');
    assert.ok(!renderRootPage('fr', '<script>').includes('<script>'));
  });
});
