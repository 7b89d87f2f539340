// The CAS pages a person sees (the ENT chooser of /cas/login?service=…, the signed-out page of /cas/logout) in
// Chromium: axe-clean as whole pages, usable with the keyboard alone, hostile names shown as text.
import 'axe-core';
import type { AxeResults, ElementContext, RunOptions } from 'axe-core';
import { sendKeys } from '@web/test-runner-commands';
import { expect } from 'chai';
import { entChooserHtml, loggedOutHtml } from '../../../src/handoff/cas/cas-pages.js';
import { entChoicePageHtml } from '../../../src/handoff/lti-tool/lti-tool-pages.js';

declare global {
  interface Window {
    axe: { run(context: ElementContext, options: RunOptions): Promise<AxeResults> };
    __pwned?: number;
  }
}

/** Shows a whole page in this document (its language, title, style and body). */
function show(html: string): void {
  const doc = new DOMParser().parseFromString(html, 'text/html');
  document.documentElement.lang = doc.documentElement.lang;
  document.title = doc.title;
  for (const old of document.head.querySelectorAll('style[data-cas-page]')) old.remove();
  const style = doc.querySelector('style');
  if (style) {
    const copy = document.createElement('style');
    copy.dataset.casPage = '';
    copy.textContent = style.textContent;
    document.head.append(copy);
  }
  document.body.innerHTML = doc.body.innerHTML;
}

async function expectAccessible(): Promise<void> {
  const result = await window.axe.run(document, { resultTypes: ['violations'] });
  const found = result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => JSON.stringify(n.target)).join(', ')}`);
  expect(found, 'axe violations').to.deep.equal([]);
}

describe('CAS pages', () => {
  it('ENT chooser: axe-clean, one labelled radio group, keyboard: arrows choose, Tab reaches the button', async () => {
    show(
      entChooserHtml({
        service: 'https://cas.resource.test/login/cas',
        ents: [
          { id: 'ENTA', name: 'ENT A' },
          { id: 'ENTB', name: 'ENT B' },
        ],
      }),
    );
    await expectAccessible();
    expect(document.querySelector('h1')?.textContent).to.contain('Par quel ENT te connectes-tu\u202f?');
    expect(document.querySelector('fieldset legend')).to.not.equal(null);
    const radios = [...document.querySelectorAll<HTMLInputElement>('input[type=radio]')];
    expect(radios.map((r) => r.labels?.[0]?.textContent)).to.deep.equal(['ENT A', 'ENT B']);
    radios[0]!.focus();
    await sendKeys({ press: 'ArrowDown' });
    expect(radios[1]!.checked).to.equal(true);
    await sendKeys({ press: 'Tab' });
    expect(document.activeElement?.tagName).to.equal('BUTTON');
    const form = document.querySelector('form')!;
    expect(new URLSearchParams(new FormData(form) as unknown as Record<string, string>).get('idENT')).to.equal('ENTB');
  });

  it('ENT chooser: a hostile ENT name stays text', async () => {
    show(entChooserHtml({ service: 'x', ents: [{ id: 'E1', name: '<img src=x onerror="window.__pwned=1">' }] }));
    await new Promise((r) => setTimeout(r, 50));
    expect(window.__pwned).to.equal(undefined);
    expect(document.querySelector('label')?.textContent).to.equal('<img src=x onerror="window.__pwned=1">');
  });

  it('no ENT to choose, and the signed-out page: axe-clean, French then English', async () => {
    show(entChooserHtml({ service: 'x', ents: [] }));
    await expectAccessible();
    expect(document.querySelector('p[lang=en]')?.textContent).to.contain('No ENT is linked');
    show(loggedOutHtml({ notified: 2, failed: 1 }));
    await expectAccessible();
    expect(document.querySelector('h1')?.textContent).to.equal('Tu es déconnecté·e / You are signed out');
    expect(document.body.textContent).to.contain('1 service could not be told: close your browser to sign out of it.');
  });

  it('the LTI tool’s ENT choice is the same chooser: axe-clean in French and English, the form carries the choice', async () => {
    const ents = [
      { id: 'ENTA', name: 'ENT A' },
      { id: 'ENTB', name: 'ENT B' },
    ];
    for (const lang of ['fr', 'en'] as const) {
      show(entChoicePageHtml({ lang, request: 'sealed', ents }));
      await expectAccessible();
      expect(document.documentElement.lang).to.equal(lang);
    }
    const radios = [...document.querySelectorAll<HTMLInputElement>('input[type=radio]')];
    radios[1]!.click();
    const data = new FormData(document.querySelector('form')!);
    expect([data.get('request'), data.get('ent')]).to.deep.equal(['sealed', 'ENTB']);
  });
});
