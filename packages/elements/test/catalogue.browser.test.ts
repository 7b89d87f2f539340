import type { SchoolCatalogue, SchoolCatalogueEntry } from '@opengar/core';
import { sendKeys } from '@web/test-runner-commands';
import { expect } from 'chai';
import type { GarCatalogue } from '../src/catalogue/catalogue.js';
import type { GarCatalogueCopyEvent } from '../src/catalogue/events.js';
import type { GarErrorEvent } from '../src/shared/gar-error-event.js';
import { type DEMO_USERS, ISSUER, demoService } from './fixtures/demo-service.js';
import { cleanup as cleanupProviders, expectAccessible, waitFor } from './helpers.js';

const mounted: Element[] = [];
afterEach(() => {
  for (const e of mounted.splice(0)) e.remove();
  cleanupProviders();
});

async function settled(el: GarCatalogue): Promise<void> {
  await waitFor(() => el.status !== 'loading' && el.status !== 'waiting', 'the catalogue to settle');
  await el.updateComplete;
}

/** `<gar-client-provider>` around `<gar-catalogue>`, against the in-page service, as `user`. */
async function mount(user: (typeof DEMO_USERS)[number]['key'], setup: (el: GarCatalogue) => void = () => {}) {
  const svc = await demoService();
  const provider = document.createElement('gar-client-provider');
  provider.serviceUrl = ISSUER;
  provider.fetch = svc.fetch;
  provider.getToken = svc.tokenFor(user);
  const el = document.createElement('gar-catalogue');
  setup(el);
  provider.append(el);
  document.body.append(provider);
  mounted.push(provider);
  await settled(el);
  return el;
}

const root = (el: GarCatalogue) => el.shadowRoot!;
const names = (el: GarCatalogue) =>
  [...root(el).querySelectorAll('[part="entry"] h3')].map((h) => h.textContent?.trim() ?? '');
const search = async (el: GarCatalogue, text: string) => {
  const input = root(el).querySelector<HTMLInputElement>('#q')!;
  input.value = text;
  input.dispatchEvent(new Event('input'));
  await el.updateComplete;
};
const facetBox = (el: GarCatalogue, facet: string, value: string) =>
  root(el).querySelector<HTMLInputElement>(`[data-facet="${facet}"] input[data-value="${value}"]`)!;

describe('<gar-catalogue> against the service', () => {
  it('shows the librarian the catalogue with the school’s standing, axe-clean', async () => {
    const errors: GarErrorEvent[] = [];
    const el = await mount('librarian', (e) => e.addEventListener('gar-error', (ev) => errors.push(ev)));
    expect(el.status).to.equal('ready');
    expect(errors).to.deep.equal([]);
    const all = names(el);
    expect(all.length).to.be.greaterThan(15);
    const badges = [...root(el).querySelectorAll('[part="status-badge"]')].map((b) => b.textContent ?? '');
    expect(badges.some((b) => b.startsWith('Déjà abonné ici jusqu’au'))).to.equal(true);
    expect(badges).to.include('Pas encore abonné');
    expect(root(el).querySelector('[part="status"]')?.textContent).to.match(/ressources$/);
    await expectAccessible(el);
  });

  it('finds resources ignoring accents and small typos, and says when nothing matches', async () => {
    const el = await mount('head');
    await search(el, 'dictionaire synonime');
    expect(names(el)[0]).to.equal('Dictionnaire des synonymes');
    await search(el, 'Quotidien collège');
    expect(names(el)[0]).to.equal('Le Quotidien du collège');
    await search(el, 'HISTOIRE geographie');
    expect(names(el)).to.include('Histoire-géographie 5e');
    await search(el, 'zzzzqqq');
    expect(names(el)).to.deep.equal([]);
    expect(root(el).querySelector('[part="empty"]')?.textContent).to.contain(
      'Aucune ressource ne correspond à «\u202fzzzzqqq\u202f».',
    );
    await expectAccessible(el);
  });

  it('narrows by facets with counts; several values of one facet add up', async () => {
    const el = await mount('teacher');
    const total = names(el).length;
    const notYet = facetBox(el, 'status', 'not-subscribed');
    const count = Number(/\((\d+)\)/.exec(notYet.parentElement!.textContent ?? '')?.[1]);
    notYet.click();
    await el.updateComplete;
    expect(names(el).length).to.equal(count);
    const paid = facetBox(el, 'price', 'paid');
    paid.click();
    await el.updateComplete;
    const paidNotYet = names(el).length;
    expect(paidNotYet).to.be.lessThan(count);
    facetBox(el, 'price', 'free').click();
    await el.updateComplete;
    expect(names(el).length).to.equal(count);
    root(el).querySelector<HTMLButtonElement>('[part="clear-filters"]')!.click();
    await el.updateComplete;
    expect(names(el).length).to.equal(total);
    await expectAccessible(el);
  });

  it('selects entries and copies their references, by keyboard alone', async () => {
    const el = await mount('librarian');
    const copies: GarCatalogueCopyEvent[] = [];
    el.addEventListener('gar-catalogue-copy', (e) => copies.push(e));
    await search(el, 'synonymes');
    const box = root(el).querySelector<HTMLInputElement>('[part="entry"] input[type="checkbox"]')!;
    box.focus();
    await sendKeys({ press: 'Space' });
    await el.updateComplete;
    expect(el.selectedIds).to.deep.equal(['ark:/99107/dictionnaire-synonymes']);
    const copy = root(el).querySelector<HTMLButtonElement>('[part="copy-button"]')!;
    copy.focus();
    await sendKeys({ press: 'Enter' });
    await waitFor(() => copies.length === 1, 'the copy');
    await el.updateComplete;
    expect(copies[0]!.detail.resourceIds).to.deep.equal(['ark:/99107/dictionnaire-synonymes']);
    expect(copies[0]!.detail.text.split('\n')[1]).to.match(
      /^ark:\/99107\/dictionnaire-synonymes\tDictionnaire des synonymes\t/,
    );
    // Headless Chromium may refuse the clipboard: then the text is shown, selected, to copy by hand.
    const shown = root(el).querySelector<HTMLTextAreaElement>('[part="references"]');
    if (copies[0]!.detail.copied)
      expect(root(el).querySelector('[part="selection"]')?.textContent).to.contain('1 référence copiée');
    else expect(shown?.value).to.equal(copies[0]!.detail.text);
    await expectAccessible(el);
  });

  it('says in words what data each resource would receive, in French and English', async () => {
    const el = await mount('head');
    await search(el, 'physique chimie exercices');
    const details = root(el).querySelector<HTMLDetailsElement>('[part="data"]')!;
    details.querySelector('summary')!.click();
    await el.updateComplete;
    const items = [...details.querySelectorAll('li')].map((li) => li.textContent);
    expect(items[0]).to.contain('pseudonyme');
    expect(items).to.include('le nom');
    expect(items).to.include('le niveau de l’élève (MEFSTAT4)');
    expect(items.some((i) => i?.includes('adresse'))).to.equal(false);
    el.lang = 'en';
    await el.updateComplete;
    expect(root(el).querySelector('h2')?.textContent).to.equal('Resource catalogue');
    expect([...details.querySelectorAll('li')].map((li) => li.textContent)).to.include('the last name');
    await expectAccessible(el);
  });

  it('refuses a pupil with its own message and a gar-error', async () => {
    const errors: GarErrorEvent[] = [];
    const el = await mount('pupil', (e) => e.addEventListener('gar-error', (ev) => errors.push(ev)));
    expect(el.status).to.equal('refused');
    expect(errors[0]?.detail.code).to.equal('forbidden');
    expect(root(el).querySelector('[part="error"]')?.textContent).to.contain('réservé');
    await expectAccessible(el);
  });
});

describe('<gar-catalogue> states from a source', () => {
  const entry = (i: number, extra: Partial<SchoolCatalogueEntry> = {}): SchoolCatalogueEntry => ({
    resourceId: `ark:/1/r${i}`,
    name: `Ressource ${i} <img src=x onerror="window.__pwned=1">`,
    publisherId: 'ed',
    publisherName: 'Éditions',
    distributors: [{ id: 'ed_1', name: '' }],
    techDistributor: { id: 'ed_1', name: '' },
    displayable: true,
    diffusable: true,
    familyParent: false,
    familyIds: [],
    levels: [],
    teachingDomains: [],
    pedagogicalTypes: [],
    documentTypologies: [],
    nationalOffers: [],
    declaredAttributes: [],
    status: 'not-subscribed',
    ...extra,
  });
  const withSource = async (source: GarCatalogue['source']) => {
    const el = document.createElement('gar-catalogue');
    el.source = source;
    document.body.append(el);
    mounted.push(el);
    await el.updateComplete;
    return el;
  };

  it('loading, then empty', async () => {
    let resolve!: (c: SchoolCatalogue) => void;
    const el = await withSource(() => new Promise((r) => (resolve = r)));
    await waitFor(() => el.status === 'loading', 'loading');
    await el.updateComplete;
    expect(root(el).querySelector('[part="skeleton"]')).to.not.equal(null);
    expect(root(el).querySelector('.layout')?.getAttribute('aria-busy')).to.equal('true');
    await expectAccessible(el);
    resolve({ uai: '0561641E', items: [] });
    await settled(el);
    expect(root(el).querySelector('[part="empty"]')?.textContent).to.contain('Le catalogue est vide.');
    await expectAccessible(el);
  });

  it('an error with a retry that works', async () => {
    let fail = true;
    const el = await withSource(async () => {
      if (fail) throw new Error('boom');
      return { uai: '0561641E', items: [entry(1)] };
    });
    await settled(el);
    expect(el.status).to.equal('error');
    expect(root(el).querySelector('[role="alert"]')).to.not.equal(null);
    await expectAccessible(el);
    fail = false;
    root(el).querySelector<HTMLButtonElement>('[part="error"] button')!.click();
    await settled(el);
    expect(el.status).to.equal('ready');
  });

  it('pages 2,000 entries by 50, moves focus to the first new one, never runs publisher text as HTML', async () => {
    const items = Array.from({ length: 2000 }, (_, i) =>
      entry(i, { status: i % 3 === 0 ? 'subscribed' : 'not-subscribed' }),
    );
    const el = await withSource(async () => ({ uai: '0561641E', items }));
    await settled(el);
    expect(names(el).length).to.equal(50);
    root(el).querySelector<HTMLButtonElement>('[part="more"]')!.click();
    await waitFor(() => names(el).length === 100, 'the next page');
    await el.updateComplete;
    expect(root(el).activeElement?.closest('[part="entry"]')?.getAttribute('data-resource-id')).to.equal('ark:/1/r50');
    expect(window.__pwned).to.equal(undefined);
    expect(root(el).querySelector('img')).to.equal(null);
  });
});

describe('<gar-catalogue> on a phone', () => {
  it('keeps the filters closed at first, in a disclosure that says how many are chosen', async () => {
    const svc = await demoService();
    const narrow = document.createElement('div');
    narrow.style.width = '360px';
    document.body.append(narrow);
    mounted.push(narrow);
    const provider = document.createElement('gar-client-provider');
    provider.serviceUrl = ISSUER;
    provider.fetch = svc.fetch;
    provider.getToken = svc.tokenFor('teacher');
    const el = document.createElement('gar-catalogue');
    provider.append(el);
    narrow.append(provider);
    await settled(el);
    const details = root(el).querySelector<HTMLDetailsElement>('details[part="facets"]')!;
    expect(details.open).to.equal(false);
    const summary = details.querySelector('summary')!;
    expect(summary.textContent?.trim()).to.equal('Filtres');
    summary.focus();
    await sendKeys({ press: 'Enter' });
    await waitFor(() => details.open, 'the filters to open');
    facetBox(el, 'status', 'not-subscribed').click();
    await el.updateComplete;
    expect(summary.textContent?.trim()).to.equal('Filtres (1 choisi)');
    await expectAccessible(el);
  });
});
