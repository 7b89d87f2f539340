import type { QualityStats, UnusedStats } from '@opengar/core';
import { emulateMedia, sendKeys } from '@web/test-runner-commands';
import { expect } from 'chai';
import {
  all,
  cells,
  choose,
  cleanup,
  expectAccessible,
  mountWithSource,
  protectedStats,
  q,
  settled,
  stubSource,
  tableRows,
} from './usage-stats-helpers.js';

afterEach(cleanup);

const UNUSED: UnusedStats = {
  uai: '0561641E',
  schoolYear: '2026-2027',
  k: 5,
  neverOpened: [
    { subscriptionId: 's1', resourceId: 'ark:/atlas', resourceLabel: 'Atlas <b>historique</b>', allocatedCopies: 28 },
    // A small count that slipped through unbanded still shows as the band.
    { subscriptionId: 's3', resourceId: 'ark:/rare', resourceLabel: 'Rare', allocatedCopies: 3 },
  ],
  openedByFew: [
    { subscriptionId: 's2', resourceId: 'ark:/presse', resourceLabel: 'Presse', allocatedCopies: 30, people: '<5' },
  ],
  generatedAt: '2026-09-14T08:00:00.000Z',
};

const QUALITY: QualityStats = {
  uai: '0561641E',
  month: '2026-09',
  handoffs: [
    { day: '2026-09-02', resourceId: 'ark:/dico', successes: 42, refusals: {} },
    { day: '2026-09-03', resourceId: 'ark:/dico', successes: '<5', refusals: { no_copy: '<5' } },
    { day: '2026-09-02', resourceId: 'ark:/labo', successes: 0, refusals: { outside_validity: 12 } },
  ],
  service: [
    {
      day: '2026-09-02',
      requests: 1200,
      errorRate: 0.004,
      p50Ms: 40,
      p95Ms: 180,
      p99Ms: 400,
      readyChecks: 1440,
      readyFailures: 0,
    },
  ],
  probes: [
    { resourceId: 'ark:/dico', at: '2026-09-13T08:00:00.000Z', ok: true, status: 200, latencyMs: 80 },
    { resourceId: 'ark:/carto', at: '2026-09-13T08:00:00.000Z', ok: false, error: 'timeout' },
  ],
  generatedAt: '2026-09-14T08:00:00.000Z',
};

const NAMES = protectedStats(
  '2026-2027',
  'resource',
  [
    { key: 'ark:/dico', label: 'Dictionnaire', cells: cells(40) },
    { key: 'ark:/labo', label: 'Labo virtuel', cells: cells(0) },
    { key: 'ark:/carto', label: 'Cartographie', cells: cells(0) },
    { key: 'ark:/quiet', label: 'Quiz calme', cells: cells(0) },
  ],
  ['2026-09'],
);

describe('<gar-usage-stats> lists and quality of service', () => {
  it('lists resources allocated but never opened, and those opened by few with the band, as text', async () => {
    const el = await mountWithSource(stubSource({ unused: UNUSED }), (e) => (e.tab = 'unused'));
    const never = q(el, '[part="unused"]');
    expect(never.querySelector('.name')?.textContent).to.equal('Atlas <b>historique</b>');
    expect(never.querySelector('b')).to.equal(null);
    expect(never.textContent).to.contain('28 exemplaire(s) affecté(s)');
    expect(q(el, '[part="unused"] [data-resource="ark:/rare"]').textContent).to.contain('<5 exemplaire(s) affecté(s)');
    expect(q(el, '[part="unused"] [data-resource="ark:/rare"]').textContent).to.not.contain('3');
    const few = q(el, '[part="few"] li');
    expect(few.textContent).to.contain('ouverte par <5 personne(s)');
    expect(few.textContent).to.not.match(/ouverte par [0-4] /);
    expect(all(el, 'select[data-picker="month"]').length, 'a school year only').to.equal(0);
    await expectAccessible(el);
  });

  it('tells "the resource is down" from "no one used it" per resource, with its days', async () => {
    const source = stubSource({ quality: QUALITY, usage: () => NAMES });
    const el = await mountWithSource(source, (e) => (e.tab = 'quality'));
    expect(source.calls).to.include('quality 0561641E 2026-09');
    const verdicts = Object.fromEntries(
      all(el, '.quality-item').map((li) => [li.querySelector('.name')?.textContent, li.dataset.verdict]),
    );
    expect(verdicts).to.deep.equal({
      Cartographie: 'down',
      Dictionnaire: 'ok',
      'Labo virtuel': 'refusals',
      'Quiz calme': 'unused',
    });
    expect(q(el, '[data-verdict="down"] [part="verdict"]').textContent).to.contain('en panne');
    expect(q(el, '[data-verdict="unused"] [part="verdict"]').textContent).to.contain('Personne ne l’a utilisée');
    // The month at a glance: a column per day with successes (banded days hatched), a red mark for refusals.
    expect(q(el, '[data-resource="ark:/dico"] .day-strip').getAttribute('viewBox')).to.equal('0 0 120 24');
    expect(all(el, '[data-resource="ark:/dico"] .day-strip .bar').length).to.equal(1);
    expect(all(el, '[data-resource="ark:/dico"] .day-strip .band').length).to.equal(1);
    expect(all(el, '[data-resource="ark:/labo"] .day-strip .refusal').length).to.equal(1);
    expect(all(el, '[data-resource="ark:/labo"] .day-strip .bar').length).to.equal(0);
    const dico = q(el, '[data-resource="ark:/dico"] details');
    dico.querySelector('summary')!.click();
    await el.updateComplete;
    const rows = [...dico.querySelectorAll('tbody tr')].map((tr) => [...tr.children].map((c) => c.textContent?.trim()));
    expect(rows).to.deep.equal([
      ['2 septembre 2026', '42', '0'],
      ['3 septembre 2026', '<5', '<5'],
    ]);
    expect(q(el, '[part="service-health"]').textContent).to.contain('1\u202f200 requêtes');
    // The quality view has months only: no "whole year".
    expect(all<HTMLOptionElement>(el, 'select[data-picker="month"] option').map((o) => o.value)).to.deep.equal([
      '2026-09',
    ]);
    await expectAccessible(el);
  });

  it('moves between views with the arrow keys on the tabs', async () => {
    const el = await mountWithSource(stubSource({ usage: () => NAMES, unused: UNUSED, quality: QUALITY }));
    q(el, '[role="tab"][data-tab="usage"]').focus();
    await sendKeys({ press: 'ArrowRight' });
    await settled(el);
    expect(el.tab).to.equal('unused');
    expect(el.shadowRoot?.activeElement?.getAttribute('data-tab')).to.equal('unused');
    expect(q(el, '[role="tabpanel"]').getAttribute('aria-labelledby')).to.equal('tab-unused');
    await sendKeys({ press: 'End' });
    await settled(el);
    expect(el.tab).to.equal('quality');
    await sendKeys({ press: 'ArrowRight' });
    await settled(el);
    expect(el.tab).to.equal('usage');
    await sendKeys({ press: 'Tab' });
    expect(el.shadowRoot?.activeElement?.getAttribute('data-picker')).to.equal('year');
  });

  it('switches chart and table from the keyboard; "show the table" moves focus to it', async () => {
    const el = await mountWithSource(stubSource({ usage: () => NAMES }));
    expect(all(el, 'svg[role="img"]').length).to.be.greaterThan(0);
    q(el, '.link-button').focus();
    await sendKeys({ press: 'Enter' });
    await el.updateComplete;
    expect(el.display).to.equal('table');
    expect(el.shadowRoot?.activeElement?.getAttribute('part')).to.equal('table-wrapper');
    expect(q(el, 'table caption').textContent).to.contain('Accès par ressource, année scolaire 2026-2027');
    q(el, '[data-display="chart"]').focus();
    await sendKeys({ press: 'Space' });
    await el.updateComplete;
    expect(el.display).to.equal('chart');
    expect(q(el, '[data-display="chart"]').getAttribute('aria-pressed')).to.equal('true');
  });

  it('switches language at run time: texts, months and numbers', async () => {
    const small = protectedStats(
      '2026-2027',
      'resource',
      [
        { key: 'a', label: 'A', cells: cells(1200) },
        { key: 'b', label: 'B', cells: cells(2) },
        { key: 'c', label: 'C', cells: cells(30) },
      ],
      ['2026-09'],
    );
    const el = await mountWithSource(stubSource({ usage: () => small }), (e) => (e.display = 'table'));
    expect(q(el, 'tbody tr td').textContent).to.equal('3\u202f600');
    expect(q(el, '.title').textContent).to.equal('Statistiques d’utilisation');
    el.lang = 'en';
    await el.updateComplete;
    expect(q(el, '.title').textContent).to.equal('Usage statistics');
    expect(q(el, '[lang]').getAttribute('lang')).to.equal('en');
    expect(q(el, 'table caption').textContent).to.contain('Accesses by resource, school year 2026–2027');
    expect(q(el, 'thead').textContent).to.contain('September 2026');
    expect(q(el, '[part="suppression-note"]').textContent).to.contain('fewer than 5 distinct people');
    expect(q(el, 'tbody tr td').textContent).to.equal('3,600');
    expect(el.toCsv()?.split('\r\n')[0]).to.equal('period,key,label,month,accesses,people');
    await expectAccessible(el);
  });

  it('counts distinct people or accesses, in the chart and the table alike', async () => {
    const el = await mountWithSource(stubSource({ usage: () => NAMES }));
    expect(q(el, 'svg [data-key="ark:/dico"] text').textContent).to.equal('120');
    await choose(el, 'metric', 'people');
    expect(el.metric).to.equal('people');
    expect(q(el, 'svg [data-key="ark:/dico"] text').textContent).to.equal('40');
    expect(q(el, 'svg title').textContent).to.contain('Personnes distinctes');
    q(el, '[data-display="table"]').click();
    await el.updateComplete;
    expect(tableRows(el).find((r) => r[0] === 'Dictionnaire')?.[1]).to.equal('40');
  });

  it('loads a period the host sets, without announcing it as the person’s choice', async () => {
    const source = stubSource({ usage: () => NAMES });
    const changes: Event[] = [];
    const el = await mountWithSource(source, (e) => e.addEventListener('gar-period-change', (ev) => changes.push(ev)));
    el.period = '2025-11';
    await settled(el);
    expect(source.calls.at(-1)).to.equal('usage 0561641E 2025-11 resource');
    expect(q<HTMLSelectElement>(el, 'select[data-picker="month"]').value).to.equal('2025-11');
    // Not on the grid (a free range, a month to come): the current school year instead.
    el.period = '2025-11-01/2026-02-01';
    await settled(el);
    expect(source.calls.at(-1)).to.equal('usage 0561641E 2026-2027 resource');
    el.period = '2027-01';
    await settled(el);
    expect(source.calls.at(-1)).to.equal('usage 0561641E 2026-2027 resource');
    expect(changes).to.deep.equal([]);
  });

  it('stops its placeholder animation when the person asks for reduced motion', async () => {
    await emulateMedia({ reducedMotion: 'reduce' });
    try {
      const source = stubSource({});
      source.usage = () => new Promise(() => {});
      const el = document.createElement('gar-usage-stats');
      el.source = source;
      document.body.append(el);
      await el.updateComplete;
      expect(getComputedStyle(q(el, '[part="skeleton"] div')).animationName).to.equal('none');
      el.remove();
    } finally {
      await emulateMedia({ reducedMotion: 'no-preference' });
    }
  });
});
