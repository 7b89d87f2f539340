import assert from 'node:assert/strict';
import { it } from 'node:test';
import { renderPage, type PortalUser } from '../src/render-page.js';
import { renderSupportPage } from '../src/render-support-page.js';

const head: PortalUser = { key: 'head', personId: 'dir-001', name: 'Philippe Guillou', schools: [{ uai: '0561641E' }] };

it('with a support URL, the médiacentre and the console carry it as support-url; without one, they do not', () => {
  for (const page of ['mediacentre', 'console'] as const) {
    const base = {
      users: [head],
      current: head,
      serviceUrl: 'http://127.0.0.1:4000',
      nonce: 'n',
      lang: 'fr',
      page,
    } as const;
    const withUrl = renderPage({ ...base, supportUrl: 'http://127.0.0.1:4200/assistance?x="<b>' });
    assert.match(withUrl, /support-url="http:\/\/127\.0\.0\.1:4200\/assistance\?x=&quot;&lt;b&gt;"/, page);
    assert.doesNotMatch(renderPage(base), /support-url/, page);
  }
});

it('the support page shows the reference, school and resource as text, never as markup', () => {
  const html = renderSupportPage({
    lang: 'fr',
    ref: 'req-42',
    uai: '0561641E',
    resource: '<img src=x onerror=alert(1)>',
  });
  assert.match(html, /<h1>Assistance \(démonstration\)<\/h1>/);
  assert.match(html, /<code>req-42<\/code>/);
  assert.match(html, /<code>&lt;img src=x onerror=alert\(1\)&gt;<\/code>/);
  assert.doesNotMatch(html, /<img/);
  assert.match(renderSupportPage({ lang: 'en' }), /<dd><span>not given<\/span><\/dd>/);
  assert.equal(renderSupportPage({ lang: 'fr', ref: 'x'.repeat(5000) }).includes('x'.repeat(201)), false);
});
