import assert from 'node:assert/strict';
import { it } from 'node:test';
import { renderPage, type PortalUser } from '../src/render-page.js';

const users: PortalUser[] = [
  {
    key: 'head',
    personId: 'dir-001',
    name: 'Philippe Guillou',
    schools: [{ uai: '0561641E' }],
    role: 'principal du collège, responsable d’affectation',
  },
];

it('every portal page has one h1, a main landmark, a labelled navigation, and a switcher that wraps on a phone', () => {
  for (const lang of ['fr', 'en'] as const) {
    for (const page of ['mediacentre', 'console'] as const) {
      for (const current of [undefined, users[0]]) {
        const html = renderPage({
          users,
          serviceUrl: 'http://127.0.0.1:4000',
          nonce: 'n',
          lang,
          page,
          ...(current ? { current } : {}),
        });
        assert.equal(html.match(/<h1[ >]/g)?.length, 1, `${lang} ${page}`);
        assert.match(html, /<header>[\s\S]*<\/header>\s*<main>[\s\S]*<\/main>/);
        assert.match(html, /<nav aria-label="[^"]+">/);
        // At 390 px: the form wraps and the select shrinks, so the button stays on screen.
        assert.match(html, /header form \{[^}]*flex-wrap: wrap/);
        assert.match(html, /select \{[^}]*min-width: 0; max-width: 100%/);
        const title =
          page === 'console' ? (lang === 'en' ? 'Allocation console' : 'Console d’affectation') : 'Médiacentre';
        assert.match(html, new RegExp(`<h1[^>]*>${title}</h1>`));
        assert.equal(html.includes('class="visually-hidden"'), current !== undefined);
      }
    }
  }
});
