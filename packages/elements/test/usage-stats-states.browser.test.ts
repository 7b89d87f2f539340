import type { FetchLike } from '@opengar/sdk';
import { expect } from 'chai';
import type { GarErrorEvent } from '../src/shared/gar-error-event.js';
import type { GarUsageStats } from '../src/usage-stats/usage-stats.js';
import {
  ISSUER,
  all,
  cells,
  cleanup,
  expectAccessible,
  mountWithProvider,
  mountWithSource,
  protectedStats,
  q,
  settled,
  stubSource,
  waitFor,
} from './usage-stats-helpers.js';
import { statsService } from './usage-stats-service.js';

afterEach(cleanup);

// Bends the statistics answers only: the school list still answers, so the state shown is the statistics' own.
const bend =
  (answer: () => Promise<Response>): ((f: FetchLike) => FetchLike) =>
  (f) =>
  (req) =>
    new URL(req.url).pathname.includes('/stats') ? answer() : f(req);
const problem = (status: number, code: string) => () =>
  Promise.resolve(
    Response.json(
      { type: `https://opengar.dev/problems/${code}`, title: code, status, code },
      { status, headers: { 'content-type': 'application/problem+json' } },
    ),
  );

function collect(): { errors: GarErrorEvent[]; setup: (el: GarUsageStats) => void } {
  const errors: GarErrorEvent[] = [];
  return { errors, setup: (el) => el.addEventListener('gar-error', (e) => errors.push(e)) };
}

describe('<gar-usage-stats> states', () => {
  it('shows a placeholder and a live "loading" while the service thinks, accessible', async () => {
    const svc = await statsService();
    const provider = document.createElement('gar-client-provider');
    provider.serviceUrl = ISSUER;
    provider.fetch = bend(() => new Promise<Response>(() => {}))(svc.fetch);
    provider.getToken = svc.tokenFor('head');
    const el = document.createElement('gar-usage-stats');
    provider.append(el);
    document.body.append(provider);
    await waitFor(() => el.status === 'loading', 'loading');
    await el.updateComplete;
    expect(q(el, '[role="status"]').textContent).to.equal('Chargement des statistiques…');
    expect(q(el, '[role="tabpanel"]').getAttribute('aria-busy')).to.equal('true');
    expect(all(el, '[part="skeleton"]').length).to.equal(1);
    await expectAccessible(el);
    provider.remove();
  });

  it('says the service is unavailable, fires gar-error, and loads again on retry', async () => {
    let down = true;
    const { errors, setup } = collect();
    const { el } = await mountWithProvider(
      'head',
      setup,
      (f) => (req) => (down && new URL(req.url).pathname.includes('/stats') ? problem(503, 'unavailable')() : f(req)),
    );
    expect(el.status).to.equal('error');
    expect(q(el, '[part="error"]').textContent).to.contain('momentanément indisponible');
    expect(errors[0]?.detail).to.deep.include({ operation: 'load', code: 'unavailable', messageKey: 'unavailable' });
    expect(errors[0]?.bubbles && errors[0]?.composed).to.equal(true);
    await expectAccessible(el);
    down = false;
    q<HTMLButtonElement>(el, '[part="error"] button').click();
    await settled(el);
    expect(el.status).to.equal('ready');
  });

  it('says this site is not allowed when its calls fail but the service answers (CORS)', async () => {
    const { errors, setup } = collect();
    const { el } = await mountWithProvider(
      'head',
      setup,
      bend(() => Promise.reject(new TypeError('Failed to fetch'))),
    );
    expect(el.status).to.equal('error');
    // Only the statistics calls fail: the no-cors probe of /healthz gets an answer, so the origin was refused.
    expect(errors[0]?.detail).to.deep.include({ code: 'network', messageKey: 'originRefused' });
    expect(q(el, '[part="error"] p').textContent).to.equal(errors[0]?.detail.message);
    await expectAccessible(el);
  });

  it('says when there was no use at all, without drawing empty charts', async () => {
    const el = await mountWithSource(
      stubSource({
        usage: (p) =>
          protectedStats(p, 'resource', [{ key: 'a', label: 'A', cells: cells(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0) }]),
      }),
    );
    expect(q(el, '[part="empty"] h3').textContent).to.equal('Aucune utilisation sur cette période');
    expect(all(el, 'svg').length).to.equal(0);
    expect(q<HTMLButtonElement>(el, '[part="export-button"]').disabled).to.equal(false);
    await expectAccessible(el);
  });

  it('works alone with service-url and getToken', async () => {
    const svc = await statsService();
    const el = document.createElement('gar-usage-stats');
    el.serviceUrl = ISSUER;
    el.fetch = svc.fetch;
    el.getToken = svc.tokenFor('head');
    el.now = () => svc.now().getTime();
    document.body.append(el);
    try {
      await settled(el);
      expect(el.status).to.equal('ready');
    } finally {
      el.remove();
    }
  });

  it('says it is not set up when it has no service URL, and fires gar-error', async () => {
    const errors: GarErrorEvent[] = [];
    const el = document.createElement('gar-usage-stats');
    el.addEventListener('gar-error', (e) => errors.push(e));
    document.body.append(el);
    try {
      await waitFor(() => el.status === 'error', 'error');
      await el.updateComplete;
      expect(q(el, '[part="error"]').textContent).to.contain('adresse du service manquante');
      expect(errors[0]?.detail.code).to.equal('not-configured');
      await expectAccessible(el);
    } finally {
      el.remove();
    }
  });

  it('refuses an answer that is not a protected table instead of showing it, and never throws', async () => {
    const { errors, setup } = collect();
    const bad = {
      uai: 'x',
      period: '2026-2027',
      by: 'resource',
      table: {
        rows: [{ key: 'a', label: 'A' }],
        columns: ['2026-09'],
        cells: [[{ status: 'suppressed', reason: 'primary', band: '<5', accesses: 3 }]],
        rowTotals: [],
        columnTotals: [],
        total: null,
        k: 5,
      },
    };
    const source = stubSource({});
    // As it would arrive from the network: untyped JSON.
    source.usage = () => Promise.resolve(JSON.parse(JSON.stringify(bad)));
    const el = await mountWithSource(source, setup);
    expect(el.status).to.equal('error');
    expect(errors[0]?.detail.code).to.equal('unexpected');
    expect(el.shadowRoot?.textContent).to.not.contain('3');
  });

  it('never throws from render: a failure shows the error state and fires gar-error', async () => {
    const { errors, setup } = collect();
    const el = await mountWithSource(
      stubSource({
        usage: (p) =>
          protectedStats(p, 'resource', [{ key: 'a', label: 'A', cells: cells(9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9) }]),
      }),
      setup,
    );
    const original = Intl.NumberFormat;
    Intl.NumberFormat = function broken(): never {
      throw new RangeError('no number format');
    } as unknown as typeof Intl.NumberFormat;
    try {
      el.metric = 'people';
      await el.updateComplete;
      await waitFor(() => errors.length > 0, 'gar-error');
    } finally {
      Intl.NumberFormat = original;
    }
    expect(errors[0]?.detail).to.deep.include({ operation: 'render', code: 'render', messageKey: 'generic' });
    expect(q(el, '[part="error"]').textContent).to.contain('Un problème est survenu');
  });

  it('keeps working with a host clock that throws', async () => {
    const el = await mountWithSource(
      stubSource({
        usage: (p) =>
          protectedStats(p, 'resource', [{ key: 'a', label: 'A', cells: cells(9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9) }]),
      }),
      (e) => {
        e.now = () => {
          throw new Error('no clock');
        };
      },
    );
    expect(el.status).to.equal('ready');
  });

  it('shows nothing of a table that was not protected (a published figure under 5 people)', async () => {
    const { errors, setup } = collect();
    const open = { status: 'published', accesses: 7, people: 3 };
    const raw = {
      uai: 'x',
      period: '2026-09',
      by: 'resource',
      schoolYear: '2026-2027',
      table: {
        rows: [{ key: 'a', label: 'A' }],
        columns: ['2026-09'],
        cells: [[open]],
        rowTotals: [open],
        columnTotals: [open],
        total: open,
        k: 5,
      },
    };
    const source = stubSource({});
    source.usage = () => Promise.resolve(JSON.parse(JSON.stringify(raw)));
    const el = await mountWithSource(source, setup);
    expect(el.status).to.equal('error');
    expect(errors[0]?.detail.code).to.equal('unexpected');
    expect(el.shadowRoot?.querySelector('[part="panel"]')?.textContent).to.not.match(/\b[37]\b/);
  });

  it('renders untrusted names as text, never as HTML', async () => {
    window.__statsPwned = 0;
    const rows = [
      {
        key: 'x',
        label: '<img src=x onerror="window.__statsPwned=1">',
        cells: cells(10, 10, 10, 10, 10, 10, 10, 10, 10, 10, 10, 10),
      },
    ];
    const el = await mountWithSource(
      stubSource({ usage: (p) => protectedStats(p, 'resource', rows) }),
      (e) => (e.display = 'table'),
    );
    expect(all(el, 'img').length).to.equal(0);
    expect(q(el, 'tbody th').textContent).to.equal(rows[0]!.label);
    el.display = 'chart';
    await el.updateComplete;
    expect(all(el, 'img').length).to.equal(0);
    await new Promise((r) => setTimeout(r, 50));
    expect(window.__statsPwned).to.equal(0);
  });

  it('follows the theme and the dark scheme through custom properties', async () => {
    const el = await mountWithSource(
      stubSource({
        usage: (p) =>
          protectedStats(p, 'resource', [
            { key: 'a', label: 'A', cells: cells(10, 10, 10, 10, 10, 10, 10, 10, 10, 10, 10, 10) },
          ]),
      }),
      (e) => {
        e.theme = 'dark';
        e.style.setProperty('--gar-usage-stats-bar', 'rgb(1, 2, 3)');
      },
    );
    expect(getComputedStyle(el).colorScheme).to.equal('dark');
    expect(getComputedStyle(q(el, 'svg .bar')).fill).to.equal('rgb(1, 2, 3)');
    await expectAccessible(el);
  });
});

declare global {
  interface Window {
    __statsPwned?: number;
  }
}
