import { sendKeys } from '@web/test-runner-commands';
import { expect } from 'chai';
import type { GarErrorEvent } from '../src/shared/gar-error-event.js';
import { en } from '../src/mediacentre/localize/en.js';
import { registerTranslation } from '../src/mediacentre/localize.js';
import { demoService } from './fixtures/demo-service.js';
import {
  ISSUER,
  cleanup,
  expectAccessible,
  memoryStorage,
  mountWithClient,
  mountWithProvider,
  q,
  serviceClient,
  settled,
  shadow,
  statusText,
  stubClient,
  tileNames,
  waitFor,
  listedResource,
} from './helpers.js';

afterEach(cleanup);

const resource = (over: Record<string, unknown>) =>
  listedResource({
    id: 'ark:/1/r',
    name: 'Ressource',
    validUntil: '2027-08-15T21:59:59.000Z',
    ...over,
  });
const listingOf = (resources: unknown[]) => ({
  school: { uai: '0561641E', name: 'Collège' },
  schools: [{ uai: '0561641E', name: 'Collège' }],
  launchUrl: `${ISSUER}/launch`,
  resources,
});

function collectErrors(): { errors: GarErrorEvent[]; setup: (el: HTMLElement) => void } {
  const errors: GarErrorEvent[] = [];
  return { errors, setup: (el) => el.addEventListener('gar-error', (e) => errors.push(e)) };
}

describe('<gar-mediacentre> errors', () => {
  it('says the service does not answer when it cannot be reached, and recovers on retry', async () => {
    let down = true;
    const client = await serviceClient(
      'pupil',
      (f) => (req) => (down ? Promise.reject(new TypeError('Failed to fetch')) : f(req)),
    );
    const { errors, setup } = collectErrors();
    const el = await mountWithClient(client, setup);
    expect(el.status).to.equal('error');
    expect(q(el, '[part="error"]').textContent).to.contain('Le service ne répond pas');
    expect(errors[0]?.detail).to.deep.include({ operation: 'load', code: 'network', messageKey: 'unreachable' });
    expect(errors[0]?.bubbles).to.equal(true);
    expect(errors[0]?.composed).to.equal(true);
    await expectAccessible(el);
    down = false;
    q(el, '[part="error"] button').click();
    await waitFor(() => el.status === 'ready', 'ready after retry');
    expect(tileNames(el).length).to.be.greaterThan(0);
  });

  it('shows an error a pupil understands when the service fails', async () => {
    const client = await serviceClient(
      'pupil',
      () => () =>
        Promise.resolve(
          Response.json(
            { type: 'https://opengar.dev/problems/internal', title: 'Internal', status: 500, code: 'internal' },
            { status: 500, headers: { 'content-type': 'application/problem+json' } },
          ),
        ),
    );
    const { errors, setup } = collectErrors();
    const el = await mountWithClient(client, setup);
    expect(el.status).to.equal('error');
    expect(q(el, '[part="error"]').textContent).to.contain('momentanément indisponible');
    expect(errors[0]?.detail.code).to.equal('internal');
    await expectAccessible(el);
  });

  it('links its error state to the support with the request id and the school (support-url), never to a script', async () => {
    const failing = () => () =>
      Promise.resolve(
        Response.json(
          {
            type: 'https://opengar.dev/problems/internal',
            title: 'Internal',
            status: 500,
            code: 'internal',
            requestId: 'req-42',
          },
          { status: 500, headers: { 'content-type': 'application/problem+json' } },
        ),
      );
    const el = await mountWithClient(await serviceClient('pupil', failing), (e) => {
      e.setAttribute('support-url', 'https://support.example.test/gar?from=ent');
      e.setAttribute('uai', '0561641E');
    });
    expect(el.status).to.equal('error');
    const link = q(el, '[part="report"]') as HTMLAnchorElement;
    expect(link.textContent).to.equal('Signaler un problème');
    const url = new URL(link.href);
    expect(url.origin + url.pathname).to.equal('https://support.example.test/gar');
    expect(Object.fromEntries(url.searchParams)).to.deep.equal({ from: 'ent', ref: 'req-42', uai: '0561641E' });
    await expectAccessible(el);

    const unsafe = await mountWithClient(await serviceClient('pupil', failing), (e) =>
      e.setAttribute('support-url', 'javascript:alert(1)'),
    );
    expect(unsafe.status).to.equal('error');
    expect(shadow(unsafe).querySelector('[part="report"]')).to.equal(null);
  });

  it('asks for a new token once when the session expired, then says so', async () => {
    const svc = await demoService();
    let asked = 0;
    const expired = svc.tokenFor('pupil', { expired: true });
    const { errors, setup } = collectErrors();
    const el = document.createElement('gar-mediacentre');
    el.storage = memoryStorage();
    setup(el);
    el.serviceUrl = ISSUER;
    el.fetch = svc.fetch;
    el.getToken = (r) => (asked++, expired(r));
    document.body.append(el);
    await settled(el);
    expect(asked).to.equal(2);
    expect(el.status).to.equal('error');
    expect(errors[0]?.detail.messageKey).to.equal('session');
    expect(q(el, '[part="error"]').textContent).to.contain('Reconnectez-vous');
    el.remove();
  });

  it('finishes loading after being moved in the page while loading', async () => {
    let release: () => void = () => {};
    const gate = new Promise<void>((r) => (release = r));
    const client = await serviceClient('pupil', (f) => async (req) => (await gate, f(req)));
    const el = document.createElement('gar-mediacentre');
    el.storage = null;
    el.client = client;
    document.body.append(el);
    await waitFor(() => el.status === 'loading', 'loading');
    const box = document.createElement('div');
    document.body.append(box);
    box.append(el);
    release();
    await settled(el);
    expect(el.status).to.equal('ready');
    box.remove();
  });

  it('works alone with service-url and getToken', async () => {
    const svc = await demoService();
    const el = document.createElement('gar-mediacentre');
    el.setAttribute('service-url', ISSUER);
    el.fetch = svc.fetch;
    el.getToken = svc.tokenFor('pupil');
    el.storage = null;
    document.body.append(el);
    await settled(el);
    expect(el.status).to.equal('ready');
    expect(tileNames(el).length).to.be.greaterThan(0);
    el.remove();
  });

  it('says it is not configured when alone without service-url', async () => {
    const { errors, setup } = collectErrors();
    const el = document.createElement('gar-mediacentre');
    setup(el);
    document.body.append(el);
    await el.updateComplete;
    await waitFor(() => errors.length > 0, 'gar-error');
    expect(errors[0]?.detail).to.deep.include({ operation: 'configure', code: 'not-configured' });
    expect(el.status).to.equal('error');
    el.remove();
  });

  it('shows an error state, not an exception, for an answer that is not a listing', async () => {
    const { errors, setup } = collectErrors();
    const el = await mountWithClient(stubClient({ nope: true }), setup);
    expect(el.status).to.equal('error');
    expect(errors[0]?.detail.operation).to.equal('load');
  });
});

describe('<gar-mediacentre> untrusted publisher data', () => {
  it('renders names and descriptions as text, never as HTML', async () => {
    const evil = '<img src=x onerror="window.__pwned=1"><b>Gras</b>';
    const el = await mountWithClient(
      stubClient(listingOf([resource({ name: evil, description: evil, publisherName: evil })])),
    );
    const tileEl = q(el, '.grid .tile:not([hidden])');
    expect(tileEl.querySelector('[part="tile-name"]')?.textContent).to.equal(evil);
    expect(tileEl.querySelector('b')).to.equal(null);
    expect(shadow(el).querySelectorAll('img').length).to.equal(0);
    q(el, '[part="details-button"]').click();
    await el.updateComplete;
    expect(q(el, '[part="description"]').textContent).to.equal(evil);
    expect(q(el, '[part="details"]').querySelector('b')).to.equal(null);
    expect(window.__pwned).to.equal(undefined);
  });

  it('refuses thumbnails that are not http(s) and falls back to a lettered block', async () => {
    const el = await mountWithClient(
      stubClient(
        listingOf([
          resource({ id: 'a', name: 'Alpha', thumbnailUrl: 'javascript:alert(1)' }),
          resource({ id: 'b', name: 'Beta', thumbnailUrl: 'data:image/png;base64,AAAA' }),
          resource({ id: 'c', name: 'Gamma', thumbnailUrl: 'https://cdn.example.invalid/c.png' }),
        ]),
      ),
    );
    const tiles = [...shadow(el).querySelectorAll('.grid .tile:not([hidden])')];
    expect(tiles[0]?.querySelector('img')).to.equal(null);
    expect(tiles[0]?.querySelector('.fallback')?.textContent).to.equal('A');
    expect(tiles[1]?.querySelector('img')).to.equal(null);
    await waitFor(() => tiles[2]?.querySelector('.fallback') !== null, 'the broken https thumbnail to fall back', 8000);
  });

  it('never throws on malformed resource fields', async () => {
    const el = await mountWithClient(
      stubClient(listingOf([resource({ name: 42, presentationType: null, levels: 'x', validUntil: 'never' })])),
    );
    expect(el.status).to.equal('ready');
    q(el, '[part="details-button"]').click();
    await el.updateComplete;
    expect(q(el, '[part="details"]')).to.not.equal(null);
  });
});

describe('<gar-mediacentre> languages', () => {
  it('speaks French by default and switches to English at run time', async () => {
    const { el } = await mountWithProvider('pupil');
    const n = tileNames(el).length;
    expect(q(el, '[part="title"]').textContent).to.equal('Médiacentre');
    expect(q(el, '.root').getAttribute('lang')).to.equal('fr');
    el.lang = 'en';
    await el.updateComplete;
    expect(q(el, '[part="title"]').textContent).to.equal('Media centre');
    expect(statusText(el)).to.equal(`${n} resources`);
    expect(q(el, '.root').getAttribute('lang')).to.equal('en');
    expect(q(el, '.grid .tile:not([hidden]) [part="favourite-button"]').getAttribute('aria-label')).to.match(
      /favourites$/,
    );
    await expectAccessible(el);
    el.setAttribute('lang', 'fr');
    await el.updateComplete;
    expect(statusText(el)).to.equal(`${n} ressources`);
  });

  it('re-renders when a language is registered (lang-en.js and the like)', async () => {
    const el = await mountWithClient(stubClient(listingOf([resource({})])), (e) => (e.lang = 'en'));
    expect(q(el, '[part="title"]').textContent).to.equal('Media centre');
    registerTranslation('en', { ...en, title: 'Library' });
    try {
      await el.updateComplete;
      expect(q(el, '[part="title"]').textContent).to.equal('Library');
    } finally {
      registerTranslation('en', en);
    }
  });

  it('formats dates by locale in the details view', async () => {
    const el = await mountWithClient(stubClient(listingOf([resource({ validUntil: '2027-08-15T12:00:00.000Z' })])));
    q(el, '[part="details-button"]').click();
    await el.updateComplete;
    expect(q(el, '[part="details"]').textContent).to.contain('15 août 2027');
    el.lang = 'en';
    await el.updateComplete;
    expect(q(el, '[part="details"]').textContent).to.contain('15 August 2027');
  });
});

describe('<gar-mediacentre> keyboard', () => {
  it('moves focus between tiles with the arrow keys, Home and End (one tab stop)', async () => {
    const { el } = await mountWithProvider('teacher', (e) => (e.style.width = '900px'));
    const opens = () => [
      ...shadow(el).querySelectorAll<HTMLButtonElement>('.grid .tile:not([hidden]) [part="tile-name"]'),
    ];
    expect(opens().filter((b) => b.tabIndex === 0)).to.have.length(1);
    opens()[0]?.focus();
    await sendKeys({ press: 'ArrowRight' });
    await el.updateComplete;
    await waitFor(() => shadow(el).activeElement === opens()[1], 'focus on the second tile');
    expect(opens()[1]?.tabIndex).to.equal(0);
    expect(opens()[0]?.tabIndex).to.equal(-1);
    await sendKeys({ press: 'End' });
    await waitFor(() => shadow(el).activeElement === opens()[opens().length - 1], 'focus on the last tile');
    await sendKeys({ press: 'Home' });
    await waitFor(() => shadow(el).activeElement === opens()[0], 'focus on the first tile');
    await sendKeys({ press: 'ArrowLeft' });
    await el.updateComplete;
    expect(shadow(el).activeElement).to.equal(opens()[0]);
  });

  it('reaches the favourite, copy-link and details buttons with Tab and opens the details with Enter', async () => {
    const { el } = await mountWithProvider('pupil');
    q(el, '.grid .tile:not([hidden]) [part="tile-name"]').focus();
    await sendKeys({ press: 'Tab' });
    expect(shadow(el).activeElement?.getAttribute('part')).to.equal('favourite-button');
    await sendKeys({ press: 'Tab' });
    expect(shadow(el).activeElement?.getAttribute('part')).to.equal('copy-link-tile-button');
    await sendKeys({ press: 'Tab' });
    expect(shadow(el).activeElement?.getAttribute('part')).to.equal('details-button');
    await sendKeys({ press: 'Enter' });
    await waitFor(() => shadow(el).activeElement?.id === 'details-title', 'focus on the details');
    await sendKeys({ down: 'Shift' });
    await sendKeys({ press: 'Tab' });
    await sendKeys({ up: 'Shift' });
    expect(shadow(el).activeElement?.getAttribute('part')).to.equal('back-button');
    await sendKeys({ press: 'Enter' });
    await waitFor(() => shadow(el).activeElement?.getAttribute('part') === 'details-button', 'focus back on the tile');
  });

  it('searches from the keyboard', async () => {
    const { el } = await mountWithProvider('pupil');
    q(el, 'input[type="search"]').focus();
    await sendKeys({ type: 'zzz' });
    await el.updateComplete;
    expect(statusText(el)).to.equal('Aucune ressource');
  });
});

describe('<gar-mediacentre> themes', () => {
  it('is accessible in dark theme and with a custom theme', async () => {
    const { el } = await mountWithProvider('pupil', (e) => e.setAttribute('theme', 'dark'));
    expect(getComputedStyle(el).colorScheme).to.equal('dark');
    await expectAccessible(el);
    el.setAttribute('theme', 'light');
    el.style.setProperty('--gar-color-accent', 'rgb(120, 0, 60)');
    await el.updateComplete;
    const clear = q(el, 'select');
    expect(clear).to.not.equal(null);
    el.style.setProperty('--gar-mediacentre-badge-background', 'rgb(0, 90, 0)');
    await el.updateComplete;
    expect(getComputedStyle(q(el, '[part="badge"]')).backgroundColor).to.equal('rgb(0, 90, 0)');
    await expectAccessible(el);
  });
});
