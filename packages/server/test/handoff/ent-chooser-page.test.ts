// The three ENT choosers of the hand-off (CAS /cas/login, SAML /saml/sso, the LTI tool's /lti/tool/picker/ent) are
// one page: the same style and the same skeleton; only the form's target, what it carries and the words differ.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { entChooserHtml } from '../../src/handoff/cas/cas-pages.js';
import { entChoicePageHtml } from '../../src/handoff/lti-tool/lti-tool-pages.js';
import { samlChooserHtml } from '../../src/handoff/saml/saml-chooser-page.js';

const ents = [
  { id: 'ENTA', name: 'ENT A' },
  { id: 'ENTB', name: '<img src=x onerror=alert(1)>' },
];

const pages = {
  cas: entChooserHtml({ service: 'https://cas.resource.test/login/cas', ents }),
  saml: samlChooserHtml({ method: 'get', fields: { SAMLRequest: 'abc', RelayState: 'r"1' }, resourceName: 'R', ents }),
  lti: entChoicePageHtml({ lang: 'fr', request: 'sealed.request', ents }),
  ltiEn: entChoicePageHtml({ lang: 'en', request: 'sealed.request', ents }),
};

const style = (html: string) => /<style>([\s\S]*?)<\/style>/.exec(html)?.[1];

/** The tags of the page's main, without the paragraphs of words and the hidden fields each protocol carries. */
function skeleton(html: string): string[] {
  const main = /<main>([\s\S]*)<\/main>/.exec(html)![1]!;
  return [...main.replace(/<p[\s>][\s\S]*?<\/p>/g, '').matchAll(/<(\/?[a-z0-9]+)([^>]*)>/g)]
    .filter(([, , attrs]) => !attrs!.includes('type="hidden"'))
    .map(([, tag]) => tag!)
    .filter((tag) => !['span', '/span', 'strong', '/strong', 'img'].includes(tag));
}

const radios = (html: string) => [...html.matchAll(/<input type="radio" name="([^"]+)" value="([^"]+)"/g)];

describe('the ENT chooser of CAS, SAML and the LTI tool', () => {
  it('is one layout: the same style and the same skeleton (a labelled radio group, one button)', () => {
    const expected = [
      'h1',
      '/h1',
      'form',
      'fieldset',
      'legend',
      '/legend',
      'label',
      'input',
      '/label',
      'label',
      'input',
      '/label',
      '/fieldset',
      'button',
      '/button',
      '/form',
    ];
    for (const [name, html] of Object.entries(pages)) {
      assert.deepEqual(skeleton(html), expected, name);
      assert.equal(style(html), style(pages.cas), name);
    }
  });

  it('differs by the form: its target, what it carries and the field of the chosen ENT', () => {
    const form = (html: string) => /<form method="(get|post)" action="([^"]+)">/.exec(html)?.slice(1);
    assert.deepEqual(form(pages.cas), ['get', '/cas/login']);
    assert.deepEqual(form(pages.saml), ['get', '/saml/sso']);
    assert.deepEqual(form(pages.lti), ['post', '/lti/tool/picker/ent']);
    assert.deepEqual(
      radios(pages.cas).map((m) => m[1]),
      ['idENT', 'idENT'],
    );
    assert.deepEqual(
      radios(pages.saml).map((m) => m[1]),
      ['idp_hint', 'idp_hint'],
    );
    assert.deepEqual(
      radios(pages.lti).map((m) => [m[1], m[2]]),
      [
        ['ent', 'ENTA'],
        ['ent', 'ENTB'],
      ],
    );
    assert.match(pages.cas, /<input type="hidden" name="service" value="https:\/\/cas\.resource\.test\/login\/cas">/);
    assert.match(pages.saml, /<input type="hidden" name="RelayState" value="r&quot;1">/);
    assert.match(pages.lti, /<input type="hidden" name="request" value="sealed\.request">/);
  });

  it('speaks to pupils in French then English (CAS, SAML), to the teacher in their language (LTI)', () => {
    for (const html of [pages.cas, pages.saml]) {
      assert.match(html, /<html lang="fr">/);
      assert.ok(html.includes('Par quel ENT te connectes-tu\u202f?'), 'a narrow no-break space before ?');
      assert.match(html, /<p lang="en">/);
    }
    assert.match(pages.saml, /<strong>R<\/strong> demande une connexion/);
    assert.match(pages.lti, /<html lang="fr">[\s\S]*<h1>Choisir votre ENT<\/h1>/);
    assert.match(pages.ltiEn, /<html lang="en">[\s\S]*<h1>Choose your ENT<\/h1>[\s\S]*>Continue<\/button>/);
    // The LTI form posts to this service, whose route checks the Origin: the page keeps it.
    assert.match(pages.lti, /<meta name="referrer" content="same-origin">/);
    assert.match(pages.cas, /<meta name="referrer" content="no-referrer">/);
  });

  it('shows an ENT name from the registry as text, never as HTML', () => {
    for (const html of Object.values(pages)) {
      assert.ok(!html.includes('<img'));
      assert.ok(html.includes('&lt;img src=x onerror=alert(1)&gt;'));
    }
  });

  it('says so when no ENT can be offered, with no form', () => {
    for (const html of [
      entChooserHtml({ service: 'x', ents: [] }),
      samlChooserHtml({ method: 'post', fields: {}, resourceName: 'R', ents: [] }),
      entChoicePageHtml({ lang: 'en', request: 'r', ents: [] }),
    ]) {
      assert.ok(!html.includes('<form'));
      assert.match(html, /<h1>/);
    }
  });
});
