// What <gar-mediacentre> tells a person when no answer comes (offline, origin refused, service unreachable) or the
// sign-in is refused, in French and English; a tile that is opening; a launch that cannot reach the service.
import type { GetToken } from '@opengar/sdk';
import { createGarClient } from '@opengar/sdk';
import { emulateMedia } from '@web/test-runner-commands';
import { expect } from 'chai';
import type { GarErrorEvent } from '../src/shared/gar-error-event.js';
import type { GarLaunchEvent } from '../src/mediacentre/events.js';
import { demoService } from './fixtures/demo-service.js';
import {
  ISSUER,
  cleanup,
  expectAccessible,
  interceptSubmit,
  mountWithClient,
  q,
  serviceClient,
  shadow,
  statusText,
  waitFor,
} from './helpers.js';

afterEach(cleanup);

const failed = () => Promise.reject(new TypeError('Failed to fetch'));

function collectErrors() {
  const errors: GarErrorEvent[] = [];
  return { errors, setup: (el: HTMLElement) => el.addEventListener('gar-error', (e) => errors.push(e)) };
}

function setOnLine(value: boolean | undefined): void {
  if (value === undefined) Reflect.deleteProperty(navigator, 'onLine');
  else Object.defineProperty(navigator, 'onLine', { get: () => value, configurable: true });
}

describe('<gar-mediacentre> when no answer comes', () => {
  afterEach(() => setOnLine(undefined));

  it('offline: says the device is not connected, and loads again when it is back online', async () => {
    let down = true;
    setOnLine(false);
    const client = await serviceClient('pupil', (f) => (req) => (down ? failed() : f(req)));
    const { errors, setup } = collectErrors();
    const el = await mountWithClient(client, setup);
    expect(el.status).to.equal('offline');
    expect(q(el, '[part="error"] h3').textContent).to.equal('Vous êtes hors connexion');
    expect(q(el, '[part="error"]').textContent).to.contain('n’est pas connecté à internet');
    expect(errors[0]?.detail).to.deep.include({ operation: 'load', code: 'network', messageKey: 'offline' });
    await expectAccessible(el);
    down = false;
    setOnLine(true);
    window.dispatchEvent(new Event('online'));
    await waitFor(() => el.status === 'ready', 'ready when back online');
  });

  it('origin refused: the service answers a no-cors probe, so the page’s origin is what it refused', async () => {
    const probes: string[] = [];
    const client = await serviceClient('pupil', (f) => (req) => {
      if (req.mode !== 'no-cors') return failed();
      probes.push(new URL(req.url).pathname);
      return f(req);
    });
    const { errors, setup } = collectErrors();
    const el = await mountWithClient(client, setup);
    expect(el.status).to.equal('error');
    expect(probes).to.include('/healthz');
    expect(q(el, '[part="error"]').textContent).to.contain('Ce site n’est pas autorisé à utiliser le service');
    expect(errors[0]?.detail).to.deep.include({ code: 'network', messageKey: 'originRefused' });
    await expectAccessible(el);
    el.lang = 'en';
    await el.updateComplete;
    expect(q(el, '[part="error"]').textContent).to.contain('This site is not allowed to use the service');
  });

  it('unreachable: neither the call nor the probe gets an answer', async () => {
    const client = await serviceClient('pupil', () => failed);
    const el = await mountWithClient(client, (e) => (e.lang = 'en'));
    expect(el.status).to.equal('error');
    expect(q(el, '[part="error"]').textContent).to.contain('The service is not answering');
    expect(q(el, '[part="error"] button').textContent?.trim()).to.equal('Try again');
    await expectAccessible(el);
  });
});

describe('<gar-mediacentre> when the sign-in is refused', () => {
  it('says so when the ENT gives no assertion (getToken throws)', async () => {
    const svc = await demoService();
    class AssertionError extends Error {
      override name = 'AssertionError';
    }
    const getToken: GetToken = () => Promise.reject(new AssertionError('assertion refused: 401'));
    const client = createGarClient({ baseUrl: ISSUER, getToken, fetch: svc.fetch, retry: 0 });
    const { errors, setup } = collectErrors();
    const el = await mountWithClient(client, setup);
    expect(el.status).to.equal('error');
    expect(q(el, '[part="error"]').textContent).to.contain('Le service n’a pas accepté votre identification');
    expect(errors[0]?.detail).to.deep.include({ code: 'token', messageKey: 'authRefused' });
    expect((errors[0]?.detail.error as Error | undefined)?.cause).to.be.instanceOf(AssertionError);
    await expectAccessible(el);
  });

  it('says so when the service refuses the assertion (an error page handed over as a token)', async () => {
    const svc = await demoService();
    const client = createGarClient({
      baseUrl: ISSUER,
      getToken: () => '<!doctype html><title>502</title>',
      fetch: svc.fetch,
      retry: 0,
    });
    const { errors, setup } = collectErrors();
    const el = await mountWithClient(client, (e) => {
      setup(e);
      e.lang = 'en';
    });
    expect(q(el, '[part="error"]').textContent).to.contain('The service did not accept your sign-in');
    expect(errors[0]?.detail).to.deep.include({ code: 'unauthenticated', messageKey: 'authRefused' });
  });
});

describe('<gar-mediacentre> opening a resource', () => {
  it('shows the tile is opening, ignores a second click, and stops once the hand-off page is under way', async () => {
    const svc = await demoService();
    let release: (() => void) | undefined;
    let launchTokens = 0;
    const token = svc.tokenFor('pupil');
    const client = createGarClient({
      baseUrl: ISSUER,
      fetch: svc.fetch,
      retry: 0,
      getToken: async (r) => {
        if (r.reason !== 'launch') return token(r);
        launchTokens++;
        await new Promise<void>((resolve) => (release = resolve));
        return token(r);
      },
    });
    const el = await mountWithClient(client);
    const launches: GarLaunchEvent[] = [];
    el.addEventListener('gar-launch', (e) => launches.push(e));
    const tile = q(el, '.grid .tile:not([hidden])');
    const name = tile.querySelector('[part="tile-name"]')?.textContent?.trim() ?? '';
    const forms = await interceptSubmit(async () => {
      tile.querySelector<HTMLElement>('[part="tile-name"]')?.click();
      await el.updateComplete;
      expect(tile.getAttribute('aria-busy')).to.equal('true');
      expect(statusText(el)).to.equal(`Ouverture de ${name}…`);
      expect(tile.querySelector('[part="tile-publisher"]')?.textContent).to.equal(`Ouverture de ${name}…`);
      await expectAccessible(el);
      tile.querySelector<HTMLElement>('[part="tile-name"]')?.click();
      q(el, '.grid .tile:not([hidden]):nth-child(2) [part="tile-name"]').click();
      await waitFor(() => release !== undefined, 'the launch assertion asked');
      release?.();
      await waitFor(() => launches.length === 1, 'gar-launch');
      await el.updateComplete;
      // Posted, the tile stays busy until the new tab hides this page.
      expect(tile.getAttribute('aria-busy')).to.equal('true');
      tile.querySelector<HTMLElement>('[part="tile-name"]')?.click();
    });
    expect(forms).to.have.length(1);
    expect(launchTokens).to.equal(1);
    Object.defineProperty(document, 'visibilityState', { get: () => 'hidden', configurable: true });
    document.dispatchEvent(new Event('visibilitychange', { bubbles: true })); // as browsers fire it
    Reflect.deleteProperty(document, 'visibilityState');
    await el.updateComplete;
    expect(tile.hasAttribute('aria-busy')).to.equal(false);
    expect(statusText(el)).not.to.contain('Ouverture');
  });

  it('stays in the médiacentre with a message when the service cannot be reached to launch', async () => {
    let down = false;
    const client = await serviceClient('pupil', (f) => (req) => (down ? failed() : f(req)));
    const { errors, setup } = collectErrors();
    const el = await mountWithClient(client, setup);
    down = true;
    const forms = await interceptSubmit(async () => {
      q(el, '.grid .tile:not([hidden]) [part="tile-name"]').click();
      await waitFor(() => errors.length === 1, 'gar-error');
    });
    await el.updateComplete;
    expect(forms).to.have.length(0);
    expect(errors[0]?.detail).to.deep.include({ operation: 'launch', code: 'network', messageKey: 'unreachable' });
    expect(el.status).to.equal('ready');
    expect(q(el, '.notice[role="alert"]').textContent).to.contain('Le service ne répond pas');
    expect(shadow(el).querySelector('[aria-busy]')).to.equal(null);
    await expectAccessible(el);
  });
});

describe('<gar-mediacentre> in the host page’s colour scheme', () => {
  const background = (el: Element) => getComputedStyle(el).backgroundColor;
  afterEach(async () => {
    document.documentElement.style.colorScheme = '';
    await emulateMedia({ colorScheme: 'light' });
  });

  it('stays light in a light page on a dark system, unless the ENT opts in with theme="auto"', async () => {
    await emulateMedia({ colorScheme: 'dark' });
    const client = await serviceClient('pupil');
    const el = await mountWithClient(client);
    expect(el.theme).to.equal('page');
    expect(background(el)).to.equal('rgb(255, 255, 255)');
    await expectAccessible(el);
    el.theme = 'auto';
    await el.updateComplete;
    expect(background(el)).to.equal('rgb(22, 22, 26)');
    await expectAccessible(el);
  });

  it('turns dark with a page that declares a dark color-scheme', async () => {
    document.documentElement.style.colorScheme = 'dark';
    const client = await serviceClient('pupil');
    const el = await mountWithClient(client);
    expect(background(el)).to.equal('rgb(22, 22, 26)');
    await expectAccessible(el);
    el.theme = 'light';
    await el.updateComplete;
    expect(background(el)).to.equal('rgb(255, 255, 255)');
  });
});
