// <gar-teacher-classes> against the in-page reference service (demo data): the teacher of 6e A sees what the class
// holds, recommends a resource (the pupil of 6e A then sees it first in her médiacentre), asks for one, in French and
// English, with the keyboard, axe-clean.
import { createGarClient } from '@opengar/sdk';
import { expect } from 'chai';
import '../src/define-all.js';
import '../src/define-teacher-classes.js';
import type { GarMediacentre } from '../src/mediacentre/mediacentre.js';
import type { GarTeacherClasses } from '../src/teacher-classes/teacher-classes.js';
import { all, cleanup, expectAccessible, q, waitFor } from './usage-stats-helpers.js';
import { ISSUER, statsService, type StatsUser } from './usage-stats-service.js';

afterEach(cleanup);

const mountedHere: Element[] = [];
afterEach(() => {
  for (const e of mountedHere.splice(0)) e.remove();
});

async function mount<K extends 'gar-teacher-classes' | 'gar-mediacentre'>(tag: K, user: StatsUser, lang = 'fr') {
  const svc = await statsService();
  const provider = document.createElement('gar-client-provider');
  provider.serviceUrl = ISSUER;
  provider.fetch = svc.fetch;
  provider.getToken = svc.tokenFor(user);
  const el = document.createElement(tag) as HTMLElementTagNameMap[K];
  el.lang = lang;
  el.now = () => svc.now().getTime();
  if (tag === 'gar-mediacentre') (el as GarMediacentre).storage = null;
  provider.append(el);
  document.body.append(provider);
  mountedHere.push(provider);
  await el.updateComplete;
  await waitFor(() => el.status !== 'loading' && el.status !== 'waiting', `${tag} to settle`);
  await el.updateComplete;
  return el;
}

async function pinMaths(el: GarTeacherClasses): Promise<void> {
  const row = all(el, 'table[part="classes-table"] tbody tr').find((tr) =>
    tr.querySelector('th')?.textContent?.includes('Mathématiques 6e'),
  );
  expect(row, 'the maths row').to.exist;
  row!.querySelector<HTMLButtonElement>('[part="recommend-button"]')!.click();
  await el.updateComplete;
  await new Promise((r) => setTimeout(r, 0));
  expect(el.shadowRoot!.activeElement?.id, 'focus moves to the form').to.equal('pin-form-title');
  // Submitting without a class says so, next to the classes.
  q(el, 'form button[type="submit"]').click();
  await el.updateComplete;
  expect(q(el, '#pin-classes-error').textContent).to.contain('au moins une classe');
  const box = all<HTMLInputElement>(el, 'form input[type="checkbox"]').find((b) => b.value === '6A')!;
  box.click();
  const note = q<HTMLInputElement>(el, 'form input[name="note"]');
  note.value = 'Chapitre 3 : <b>les fractions</b>';
  note.dispatchEvent(new Event('input'));
  await el.updateComplete;
  const errors: unknown[] = [];
  el.addEventListener('gar-error', (e) => errors.push((e as CustomEvent).detail.error));
  q(el, 'form button[type="submit"]').click();
  await waitFor(
    () => !q(el, '[part="status"]').textContent?.includes('Chargement') && all(el, '[part="pin"]').length > 0,
    'the pin',
  );
  await el.updateComplete;
  expect(errors).to.deep.equal([]);
}

describe('<gar-teacher-classes>', () => {
  it('shows the classes of the teacher of 6e A, pins a resource, and the pupil sees it first', async () => {
    const el = await mount('gar-teacher-classes', 'teacher');
    expect(el.status).to.equal('ready');
    const headers = all(el, 'table[part="classes-table"] thead th').map((th) => th.textContent?.trim());
    expect(headers).to.include('6e A');
    await expectAccessible(el);
    await pinMaths(el);
    const pin = q(el, '[part="pin"]');
    expect(pin.textContent).to.contain('Mathématiques 6e');
    // The note is text: no element made of it.
    expect(pin.querySelector('b')).to.equal(null);
    expect(pin.querySelector('.note')?.textContent).to.equal('Chapitre 3 : <b>les fractions</b>');
    await expectAccessible(el);

    const pupil = await mount('gar-mediacentre', 'pupil');
    const row = q(pupil, '[part="recommended"]');
    expect(row.textContent).to.contain('Recommandé par');
    expect(row.textContent).to.contain('Mathématiques 6e');
    // First: before the toolbar and the grid.
    const first = pupil.shadowRoot!.querySelector('[part="recommended"], [part="toolbar"], [part="grid"]');
    expect(first?.getAttribute('part')).to.equal('recommended');
    await expectAccessible(pupil);
    // Removing the pin removes the row.
    q(el, '[part="unpin-button"]').click();
    await waitFor(() => all(el, '[part="pin"]').length === 0, 'the pin to go');
  });

  it('picks a page of an LTI resource in its own tool: one class, a top-level form to the Deep Linking start', async () => {
    const el = await mount('gar-teacher-classes', 'teacher');
    const row = all(el, 'table[part="classes-table"] tbody tr').find((tr) =>
      tr.querySelector('th')?.textContent?.includes('Cartothèque'),
    );
    expect(row, 'the LTI tool row').to.exist;
    row!.querySelector<HTMLButtonElement>('[part="recommend-button"]')!.click();
    await el.updateComplete;
    const pick = q<HTMLButtonElement>(el, '[part="pick-page-button"]');
    expect(pick.textContent).to.contain('Choisir une page');
    await expectAccessible(el);
    // No class ticked: it says one class only, and nothing is posted.
    const submitted: HTMLFormElement[] = [];
    const original = HTMLFormElement.prototype.submit;
    HTMLFormElement.prototype.submit = function (this: HTMLFormElement) {
      submitted.push(this);
    };
    try {
      pick.click();
      await el.updateComplete;
      expect(q(el, 'form [role="alert"]').textContent).to.contain('une seule classe');
      all<HTMLInputElement>(el, 'form input[type="checkbox"]')
        .find((b) => b.value === '6A')!
        .click();
      await el.updateComplete;
      pick.click();
      await waitFor(() => submitted.length === 1, 'the form to be posted');
    } finally {
      HTMLFormElement.prototype.submit = original;
    }
    const form = submitted[0]!;
    expect(form.action).to.equal(`${ISSUER}/lti/deep-linking/start`);
    const fields = Object.fromEntries([...form.querySelectorAll('input')].map((i) => [i.name, i.value]));
    expect(fields.resource).to.equal('ark:/99101/cartes-lti');
    expect(fields.group).to.equal('6A');
    expect(fields.assertion).to.be.a('string').and.not.equal('');
    expect(fields.until).to.match(/^\d{4}-\d{2}-\d{2}$/);
  });

  it('the pupil opens a recommended page: the launch form carries the grain', async () => {
    const svc = await statsService();
    const teacher = createGarClient({ baseUrl: ISSUER, fetch: svc.fetch, getToken: svc.tokenFor('teacher'), retry: 0 });
    const until = new Date(svc.now().getTime() + 7 * 86_400_000).toISOString().slice(0, 10);
    const grain = 'http://127.0.0.1:4100/lti/cartes-lti/launch?carte=monde';
    const pin = await teacher.teacher.pin({
      uai: '0561641E',
      resourceId: 'ark:/99101/cartes-lti',
      groupCodes: ['6A'],
      until,
      grain,
      grainTitle: 'Le monde',
    });
    expect(pin.grain).to.equal(grain);
    expect(pin.grainTitle).to.equal('Le monde');
    const pupil = await mount('gar-mediacentre', 'pupil');
    (pupil as GarMediacentre).openIn = 'same-tab';
    const chip = all<HTMLButtonElement>(pupil, '[part="recommendation"] button').find((b) =>
      b.textContent?.includes('Cartothèque'),
    );
    expect(chip, 'the recommended LTI tool').to.exist;
    expect(chip!.textContent).to.contain('— Le monde', 'the page’s title beside the resource');
    const submitted: HTMLFormElement[] = [];
    const original = HTMLFormElement.prototype.submit;
    HTMLFormElement.prototype.submit = function (this: HTMLFormElement) {
      submitted.push(this);
    };
    try {
      chip!.click();
      await waitFor(() => submitted.length === 1, 'the launch form');
    } finally {
      HTMLFormElement.prototype.submit = original;
    }
    const fields = Object.fromEntries([...submitted[0]!.querySelectorAll('input')].map((i) => [i.name, i.value]));
    expect(fields.grain).to.equal(grain);
    expect(fields.resource).to.equal('ark:/99101/cartes-lti');
    await teacher.teacher.unpin('0561641E', pin.id);
  });

  it('asks the responsables for a resource for 6e A, and the request shows as pending', async () => {
    const el = await mount('gar-teacher-classes', 'teacher');
    const button = all<HTMLButtonElement>(el, '[part="request-button"]').find((b) =>
      b.getAttribute('aria-label')?.includes('6e A'),
    );
    expect(button, 'a request button for 6e A').to.exist;
    button!.focus();
    button!.click();
    await waitFor(() => all(el, '[part="request"]').length > 0, 'the request');
    await el.updateComplete;
    expect(q(el, '[part~="request-status"]').textContent).to.equal('En attente');
    expect(q(el, '[part="status"]').textContent).to.contain('Demande envoyée');
    await expectAccessible(el);
  });

  it('speaks English and refuses a pupil with a message', async () => {
    const el = await mount('gar-teacher-classes', 'teacher', 'en');
    expect(q(el, '[part="title"]').textContent).to.equal('My classes');
    expect(all(el, 'h3').map((h) => h.textContent)).to.include('Use by my classes');
    const refused = await mount('gar-teacher-classes', 'pupil');
    expect(refused.status).to.equal('refused');
    expect(q(refused, '[part="error"]').textContent).to.contain('réservée aux enseignants');
    await expectAccessible(refused);
  });

  it('shows usage figures under 5 as a band, never as a number', async () => {
    const el = await mount('gar-teacher-classes', 'teacher');
    for (const cell of all(el, 'table[part="usage-table"] td')) {
      const n = Number(cell.textContent?.trim());
      if (Number.isFinite(n)) expect(n === 0 || n >= 5, `figure ${n}`).to.equal(true);
    }
  });
});

describe('<gar-mediacentre textbooks-apart>', () => {
  it('puts textbooks in « Mes manuels » and the other resources in the grid; off by default', async () => {
    const plain = await mount('gar-mediacentre', 'pupil');
    expect(plain.shadowRoot!.querySelector('[part="textbooks"]')).to.equal(null);
    const apart = await mount('gar-mediacentre', 'pupil');
    apart.textbooksApart = true;
    await apart.updateComplete;
    const row = q(apart, '[part="textbooks"]');
    expect(row.querySelector('h3')?.textContent).to.equal('Mes manuels');
    const textbooks = [...row.querySelectorAll('button')].map((b) => b.textContent?.trim());
    expect(textbooks.length).to.be.greaterThan(0);
    const grid = apart.visibleResources.map((r) => r.name);
    for (const name of textbooks) expect(grid).to.not.include(name);
    await expectAccessible(apart);
  });
});
