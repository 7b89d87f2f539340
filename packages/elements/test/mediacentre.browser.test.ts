import { expect } from 'chai';
import type { GarErrorEvent } from '../src/shared/gar-error-event.js';
import type { GarLaunchEvent } from '../src/mediacentre/events.js';
import {
  ISSUER,
  choose,
  cleanup,
  expectAccessible,
  interceptSubmit,
  memoryStorage,
  mountWithClient,
  mountWithProvider,
  q,
  stubClient,
  serviceClient,
  settled,
  shadow,
  statusText,
  tileNames,
  typeSearch,
  waitFor,
} from './helpers.js';

afterEach(cleanup);

describe('<gar-mediacentre> rendering', () => {
  it('shows the pupil’s resources as tiles with publisher, type and the GAR badge', async () => {
    const { el } = await mountWithProvider('pupil');
    expect(el.status).to.equal('ready');
    const names = tileNames(el);
    expect(names.length).to.be.greaterThan(1);
    expect(names).to.deep.equal([...names].sort((a, b) => a.localeCompare(b, 'fr', { sensitivity: 'base' })));
    const first = q(el, '.grid .tile:not([hidden])');
    expect(first.querySelector('[part="tile-publisher"]')?.textContent?.trim()).to.not.equal('');
    expect(first.querySelector('[part="tile-type"]')?.textContent?.trim()).to.not.equal('');
    expect(first.querySelector('[part="badge"]')?.textContent).to.contain('GAR');
    expect(statusText(el)).to.equal(`${names.length} ressources`);
    await expectAccessible(el);
  });

  it('shows skeletons while loading, with the live region saying so', async () => {
    let release: () => void = () => {};
    const gate = new Promise<void>((r) => (release = r));
    const client = await serviceClient('pupil', (f) => async (req) => (await gate, f(req)));
    const el = document.createElement('gar-mediacentre');
    el.client = client;
    document.body.append(el);
    await waitFor(() => el.status === 'loading', 'loading');
    await el.updateComplete;
    expect(shadow(el).querySelectorAll('.skeleton').length).to.equal(8);
    expect(statusText(el)).to.equal('Chargement des ressources…');
    await expectAccessible(el);
    release();
    await settled(el);
    expect(el.status).to.equal('ready');
    el.remove();
  });

  it('opens the details view with description, levels, domains and publisher, and goes back', async () => {
    const { el } = await mountWithProvider('pupil');
    const name = tileNames(el)[0] ?? '';
    q(el, '.grid .tile:not([hidden]) [part="details-button"]').click();
    await el.updateComplete;
    await waitFor(() => shadow(el).activeElement?.id === 'details-title', 'focus on the details title');
    const section = q(el, '[part="details"]');
    expect(section.querySelector('h3')?.textContent).to.equal(name);
    expect(section.textContent).to.contain('Éditeur');
    expect(section.querySelector('[part="description"]')?.textContent?.trim()).to.not.equal('');
    await expectAccessible(el);
    q(el, '[part="back-button"]').click();
    await waitFor(() => shadow(el).activeElement?.getAttribute('part') === 'details-button', 'focus back on the tile');
    expect(tileNames(el)[0]).to.equal(name);
  });

  it('shows the empty state to a person with nothing to open', async () => {
    const school = { uai: '0561641E', name: 'Collège Anne de Bretagne' };
    const el = await mountWithClient(
      stubClient({ school, schools: [school], resources: [], launchUrl: `${ISSUER}/launch` }),
    );
    expect(el.status).to.equal('ready');
    expect(q(el, '[part="empty"]').textContent).to.contain('Aucune ressource pour le moment');
    expect(shadow(el).querySelector('.grid')).to.equal(null);
    expect(statusText(el)).to.equal('Aucune ressource');
    await expectAccessible(el);
  });
});

describe('<gar-mediacentre> search, filters and sort', () => {
  it('searches ignoring case and French accents, announcing the count', async () => {
    const { el } = await mountWithProvider('pupil');
    const all = tileNames(el);
    const target = all.find((n) => /[éèàç]/i.test(n)) ?? all[0] ?? '';
    const word = (target.split(/\s+/).find((w) => /[éèàç]/i.test(w)) ?? target.split(/\s+/)[0] ?? '')
      .normalize('NFD')
      .replace(/\p{M}/gu, '')
      .toUpperCase();
    await typeSearch(el, word);
    expect(tileNames(el)).to.include(target);
    expect(tileNames(el).length).to.be.lessThan(all.length);
    expect(statusText(el)).to.match(/^(1 ressource|\d+ ressources)$/);
    await typeSearch(el, 'zzz-nothing');
    expect(tileNames(el)).to.deep.equal([]);
    expect(q(el, '[part="empty"]').textContent).to.contain('Aucune ressource ne correspond');
    expect(statusText(el)).to.equal('Aucune ressource');
    await expectAccessible(el);
    q(el, '[part="empty"] button').click();
    await el.updateComplete;
    expect(tileNames(el)).to.deep.equal(all);
  });

  it('filters by presentation type and by publisher', async () => {
    const { el } = await mountWithProvider('pupil');
    const types = [...shadow(el).querySelectorAll<HTMLOptionElement>('select[data-facet="presentationType"] option')]
      .map((o) => o.value)
      .filter(Boolean);
    expect(types.length).to.be.greaterThan(1);
    await choose(el, 'select[data-facet="presentationType"]', types[0] ?? '');
    expect(el.visibleResources.length).to.be.greaterThan(0);
    expect(el.visibleResources.every((r) => r.presentationType.code === types[0])).to.equal(true);
    await choose(el, 'select[data-facet="presentationType"]', '');
    const publishers = [...shadow(el).querySelectorAll<HTMLOptionElement>('select[data-facet="publisher"] option')]
      .map((o) => o.value)
      .filter(Boolean);
    await choose(el, 'select[data-facet="publisher"]', publishers[0] ?? '');
    expect(el.visibleResources.every((r) => r.publisherId === publishers[0])).to.equal(true);
    await expectAccessible(el);
  });

  it('sorts by recently opened after a resource was opened', async () => {
    const { el } = await mountWithProvider('pupil');
    const names = tileNames(el);
    const last = names[names.length - 1] ?? '';
    await interceptSubmit(async () => {
      const button = [...shadow(el).querySelectorAll<HTMLButtonElement>('.grid [part="tile-name"]')].find(
        (b) => b.textContent?.trim() === last,
      );
      button?.click();
      await waitFor(() => shadow(el).querySelector('[part="recent"]') !== null, 'the recent row');
    });
    await el.updateComplete;
    expect(q(el, '[part="recent"]').textContent).to.contain(last);
    await choose(el, 'select[data-sort]', 'recent');
    expect(tileNames(el)[0]).to.equal(last);
    await choose(el, 'select[data-sort]', 'name');
    expect(tileNames(el)).to.deep.equal(names);
  });

  it('keeps the recently opened list per scope and per school', async () => {
    const storage = memoryStorage();
    const { el } = await mountWithProvider('pupil', (e) => {
      e.storage = storage;
      e.recentScope = 'person-a';
    });
    await interceptSubmit(async () => {
      q(el, '.grid .tile:not([hidden]) [part="tile-name"]').click();
      await waitFor(() => shadow(el).querySelector('[part="recent"]') !== null, 'the recent row');
    });
    expect([...storage.data.keys()]).to.deep.equal(['gar-mediacentre:recent:person-a:0561641E']);
    cleanup();
    const other = await mountWithProvider('pupil', (e) => {
      e.storage = storage;
      e.recentScope = 'person-b';
    });
    expect(shadow(other.el).querySelector('[part="recent"]')).to.equal(null);
  });
});

describe('<gar-mediacentre> favourites', () => {
  it('toggles a favourite, kept by the service', async () => {
    const { el } = await mountWithProvider('teacher');
    const button = q<HTMLButtonElement>(el, '.grid .tile:not([hidden]) [part="favourite-button"]');
    const id = q(el, '.grid .tile:not([hidden])').dataset.id ?? '';
    const wasPressed = button.getAttribute('aria-pressed') === 'true';
    button.click();
    await el.updateComplete;
    expect(button.getAttribute('aria-pressed')).to.equal(wasPressed ? 'false' : 'true');
    const client = await serviceClient('teacher');
    await waitFor(
      () =>
        shadow(el).querySelector('[role="alert"]') === null &&
        button.getAttribute('aria-pressed') === (wasPressed ? 'false' : 'true'),
    );
    await new Promise((r) => setTimeout(r, 50));
    const stored = await client.favourites();
    expect(stored.resourceIds.includes(id)).to.equal(!wasPressed);
    if (!wasPressed) expect(q(el, '[part="favourites"]').textContent).to.contain(el.visibleResources[0]?.name ?? '');
    await expectAccessible(el);
    // put it back for the other tests
    await client.setFavourites(stored.resourceIds.filter((x) => x !== id));
  });

  it('shows a favourite whose entitlement is gone as unavailable', async () => {
    const teacher = await serviceClient('teacher');
    const lycee = await teacher.resources('0561622J');
    const college = await teacher.resources('0561641E');
    const collegeIds = new Set(college.resources.map((r) => r.id));
    const elsewhere = lycee.resources.find((r) => !collegeIds.has(r.id));
    expect(elsewhere, 'a lycée-only resource in the demo data').to.not.equal(undefined);
    const before = (await teacher.favourites()).resourceIds;
    await teacher.setFavourites([elsewhere?.id ?? '']);
    try {
      const { el } = await mountWithProvider('teacher', (e) => (e.uai = '0561641E'));
      const chip = q(el, `[part="favourites"] [data-id="${CSS.escape(elsewhere?.id ?? '')}"]`);
      expect(chip.getAttribute('aria-disabled')).to.equal('true');
      expect(chip.textContent).to.contain('Indisponible');
      await expectAccessible(el);
    } finally {
      await teacher.setFavourites(before);
    }
  });

  it('puts the star back and tells the user when saving fails', async () => {
    const client = await serviceClient(
      'pupil',
      (f) => (req) => (req.method === 'PUT' ? Promise.reject(new TypeError('Failed to fetch')) : f(req)),
    );
    const errors: GarErrorEvent[] = [];
    const el = await mountWithClient(client, (e) => e.addEventListener('gar-error', (ev) => errors.push(ev)));
    const button = q<HTMLButtonElement>(el, '.grid .tile:not([hidden]) [part="favourite-button"]');
    const before = button.getAttribute('aria-pressed');
    button.click();
    await waitFor(() => errors.length === 1, 'gar-error');
    await el.updateComplete;
    expect(button.getAttribute('aria-pressed')).to.equal(before);
    expect(errors[0]?.detail.operation).to.equal('favourites');
    expect(errors[0]?.detail.code).to.equal('network');
    expect(q(el, '[role="alert"]').textContent).to.equal(errors[0]?.detail.message);
  });
});

describe('<gar-mediacentre> schools', () => {
  it('switches school for a person at two schools', async () => {
    const { el } = await mountWithProvider('two-schools');
    const select = q<HTMLSelectElement>(el, '[part="school-switcher"] select');
    const options = [...select.options].map((o) => o.value);
    expect(options.length).to.equal(2);
    const first = select.value;
    const before = el.visibleResources.map((r) => r.id).join();
    const other = options.find((o) => o !== first) ?? '';
    select.value = other;
    select.dispatchEvent(new Event('change'));
    await waitFor(() => el.status === 'loading' || el.status === 'ready');
    await settled(el);
    expect(q<HTMLSelectElement>(el, '[part="school-switcher"] select').value).to.equal(other);
    expect(el.uai).to.equal(other);
    expect(el.getAttribute('uai')).to.equal(other);
    expect(el.visibleResources.map((r) => r.id).join()).to.not.equal(before);
    await expectAccessible(el);
  });

  it('starts at the school named by the uai attribute', async () => {
    const { el } = await mountWithProvider('teacher', (e) => e.setAttribute('uai', '0561622J'));
    expect(q<HTMLSelectElement>(el, '[part="school-switcher"] select').value).to.equal('0561622J');
  });
});

describe('<gar-mediacentre> hand-off', () => {
  it('posts the launch form to /launch in a new tab and the service answers the hand-off page', async () => {
    const { el, svc } = await mountWithProvider('pupil');
    const launches: GarLaunchEvent[] = [];
    document.addEventListener('gar-launch', (e) => launches.push(e), { once: true });
    const resource = el.visibleResources[0];
    const forms = await interceptSubmit(async () => {
      q(el, '.grid .tile:not([hidden]) [part="tile-name"]').click();
      await waitFor(() => launches.length === 1, 'gar-launch');
    });
    expect(forms).to.have.length(1);
    const form = forms[0];
    expect(form?.action).to.equal(`${ISSUER}/launch`);
    expect(form?.method).to.equal('post');
    expect(form?.target).to.equal('_blank');
    expect(form?.fields.resource).to.equal(resource?.id);
    expect(form?.fields.uai).to.equal('0561641E');
    expect(form?.fields.assertion.split('.')).to.have.length(3);
    expect(launches[0]?.detail).to.deep.include({ resourceId: resource?.id, uai: '0561641E', target: '_blank' });
    expect(launches[0]?.composed).to.equal(true);
    expect(document.querySelector('form')).to.equal(null);
    // The service takes the very form the widget posted and answers the auto-submitting hand-off page.
    const res = await svc.fetch(
      new Request(`${ISSUER}/launch`, { method: 'POST', body: new URLSearchParams({ ...(form?.fields ?? {}) }) }),
    );
    expect(res.status).to.equal(200);
    expect(res.headers.get('cache-control')).to.contain('no-store');
    const page = await res.text();
    expect(page).to.contain('name="gar_token"');
  });

  it('opens in the same tab by option, and not at all when gar-launch is cancelled', async () => {
    const { el } = await mountWithProvider('pupil', (e) => e.setAttribute('open-in', 'same-tab'));
    let forms = await interceptSubmit(async () => {
      q(el, '.grid .tile:not([hidden]) [part="tile-name"]').click();
      await waitFor(() => shadow(el).querySelector('[part="recent"]') !== null, 'recent row');
    });
    expect(forms[0]?.target).to.equal('_self');
    // Back from the back-forward cache, the tile is no longer busy.
    window.dispatchEvent(new Event('pageshow'));
    el.addEventListener('gar-launch', (e) => e.preventDefault(), { once: true });
    let fired = false;
    el.addEventListener('gar-launch', () => (fired = true), { once: true });
    forms = await interceptSubmit(async () => {
      q(el, '.grid .tile:not([hidden]) [part="tile-name"]').click();
      await waitFor(() => fired, 'gar-launch');
    });
    expect(forms).to.have.length(0);
  });

  it('opens one tab for a double click', async () => {
    const { el } = await mountWithProvider('pupil');
    let launches = 0;
    el.addEventListener('gar-launch', () => launches++);
    const forms = await interceptSubmit(async () => {
      const open = q(el, '.grid .tile:not([hidden]) [part="tile-name"]');
      open.click();
      open.click();
      await waitFor(() => launches > 0, 'gar-launch');
      await new Promise((r) => setTimeout(r, 100));
    });
    expect(forms).to.have.length(1);
    expect(launches).to.equal(1);
  });

  it('refuses a launch URL that is not http(s)', async () => {
    const client = await serviceClient('pupil', (f) => async (req) => {
      const res = await f(req);
      if (!req.url.includes('/me/resources')) return res;
      const body = (await res.json()) as { launchUrl: string };
      return Response.json({ ...body, launchUrl: 'javascript:alert(1)' });
    });
    const errors: GarErrorEvent[] = [];
    const el = await mountWithClient(client, (e) => e.addEventListener('gar-error', (ev) => errors.push(ev)));
    const forms = await interceptSubmit(async () => {
      q(el, '.grid .tile:not([hidden]) [part="tile-name"]').click();
      await waitFor(() => errors.length === 1, 'gar-error');
    });
    expect(forms).to.have.length(0);
    expect(errors[0]?.detail).to.deep.include({ operation: 'launch', code: 'unsafe-url', messageKey: 'badLink' });
  });
});
