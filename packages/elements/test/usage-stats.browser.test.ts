import type { SchoolStats } from '@opengar/core';
import { createGarClient } from '@opengar/sdk';
import { expect } from 'chai';
import type { GarErrorEvent } from '../src/shared/gar-error-event.js';
import type { GarUsageStats } from '../src/usage-stats/usage-stats.js';
import {
  ISSUER,
  all,
  choose,
  cleanup,
  expectAccessible,
  mountWithProvider,
  q,
  settled,
  tableRows,
} from './usage-stats-helpers.js';
import { statsService } from './usage-stats-service.js';

afterEach(cleanup);

const UAI = '0561641E';

/** The service's own answer, read through the SDK as the head of the collège. */
async function serviceStats(period: string, by: 'resource' | 'profile' | 'division'): Promise<SchoolStats> {
  const svc = await statsService();
  const client = createGarClient({ baseUrl: ISSUER, getToken: svc.tokenFor('head'), fetch: svc.fetch, retry: 0 });
  return client.stats.school(UAI, { period, by });
}

/** Every figure of the table view against the service's: numbers where published, the band where hidden. */
function expectSameFigures(el: GarUsageStats, s: SchoolStats): void {
  const nf = new Intl.NumberFormat('fr-FR');
  const rows = tableRows(el);
  expect(rows.length).to.equal(s.table.rows.length);
  const multi = s.table.columns.length > 1;
  s.table.rows.forEach((_, r) => {
    const expected = [...s.table.cells[r]!, ...(multi ? [s.table.rowTotals[r]!] : [])].map((c) =>
      c.status === 'published' ? nf.format(c.accesses) : c.reason === 'secondary' ? 'masqué' : '<5',
    );
    expect(rows[r]!.slice(1)).to.deep.equal(expected);
  });
}

describe('<gar-usage-stats> against the service', () => {
  it('shows the head of the collège this school year as charts, then the same figures as a table', async () => {
    const errors: GarErrorEvent[] = [];
    const { el } = await mountWithProvider('head', (e) => e.addEventListener('gar-error', (ev) => errors.push(ev)));
    expect(el.status).to.equal('ready');
    expect(errors).to.deep.equal([]);
    const svgs = all(el, 'svg[role="img"]');
    expect(svgs.length).to.be.greaterThan(0);
    for (const svg of svgs) {
      expect(svg.querySelector('title')?.textContent).to.not.equal('');
      expect(svg.querySelector('desc')?.textContent).to.contain('Le tableau donne chaque valeur');
    }
    await expectAccessible(el);
    q(el, '[data-display="table"]').click();
    await el.updateComplete;
    expectSameFigures(el, await serviceStats('2026-2027', 'resource'));
    await expectAccessible(el);
  });

  it('moves over school years, months and breakdowns; hidden figures stay bands', async () => {
    const { el } = await mountWithProvider('head', (e) => (e.display = 'table'));
    await choose(el, 'year', '2025');
    expect(el.period).to.equal('2025-2026');
    const year = await serviceStats('2025-2026', 'resource');
    expectSameFigures(el, year);
    expect(all(el, 'thead th').length).to.equal(year.table.columns.length + 2);
    await choose(el, 'month', '2026-03');
    expectSameFigures(el, await serviceStats('2026-03', 'resource'));
    expect(all(el, 'thead th').map((th) => th.textContent?.trim())).to.deep.equal(['Ressource', 'mars 2026']);
    await choose(el, 'by', 'profile');
    const profiles = await serviceStats('2026-03', 'profile');
    expectSameFigures(el, profiles);
    expect(tableRows(el).map((r) => r[0])).to.include('Élèves');
    for (const td of all(el, 'td[part="suppressed-cell"]'))
      expect(td.querySelector('.band')?.textContent).to.equal(td.dataset.reason === 'secondary' ? 'masqué' : '<5');
    await expectAccessible(el);
    await choose(el, 'by', 'division');
    expectSameFigures(el, await serviceStats('2026-03', 'division'));
    expect(q(el, 'thead th').textContent?.trim()).to.equal('Classe');
  });

  it('exports what it shows as CSV, hidden figures as bands', async () => {
    const { el } = await mountWithProvider('head', (e) => (e.period = '2025-2026'));
    const s = await serviceStats('2025-2026', 'resource');
    const lines = (el.toCsv() ?? '').trim().split('\r\n');
    expect(lines[0]).to.equal('période;clé;libellé;mois;accès;personnes');
    s.table.rows.forEach((row, r) => {
      s.table.columns.forEach((month, c) => {
        const cell = s.table.cells[r]![c]!;
        const band = cell.status === 'suppressed' && cell.reason === 'secondary' ? 'masqué' : '<5';
        const figures = cell.status === 'published' ? `${cell.accesses};${cell.people}` : `${band};${band}`;
        expect(
          lines.some((l) => l.startsWith(`2025-2026;${row.key};`) && l.endsWith(`;${month};${figures}`)),
          `${row.key} ${month}`,
        ).to.equal(true);
      });
    });
  });

  it('lists allocated resources never opened or opened by few, and the quality of service', async () => {
    const { el } = await mountWithProvider('head', (e) => (e.tab = 'unused'));
    expect(el.status).to.equal('ready');
    expect(all(el, '[part="unused"], [part="few"]').length).to.equal(2);
    for (const li of all(el, '[part="few"] li')) expect(li.textContent).to.match(/ouverte par <5 personne/);
    // Copies used out of copies allocated, per resource and audience: numbers or bands, never a small number.
    const pairs = all(el, '[part="allocations"] tbody td').map((td) => td.textContent?.replace(/\s+/g, ' ').trim());
    expect(pairs.length).to.be.greaterThan(0);
    for (const p of pairs) expect(p).to.match(/^(0|[5-9]|\d{2,}|<5|masqué) \/ (0|[5-9]|\d{2,}|<5|masqué)$/);
    expect(all(el, '[part="allocations"] thead th').map((th) => th.textContent?.trim())).to.include('Élèves');
    await expectAccessible(el);
    q(el, '[role="tab"][data-tab="quality"]').click();
    await settled(el);
    expect(el.status).to.equal('ready');
    const items = all(el, '.quality-item');
    expect(items.length).to.be.greaterThan(0);
    for (const li of items) expect(['ok', 'down', 'refusals', 'unused']).to.include(li.dataset.verdict);
    await expectAccessible(el);
  });
});

describe('<gar-usage-stats> refusal', () => {
  for (const user of ['teacher', 'pupil'] as const) {
    it(`refuses a ${user} (not a manager) and says who may see the figures`, async () => {
      const errors: GarErrorEvent[] = [];
      const { el } = await mountWithProvider(user, (e) => e.addEventListener('gar-error', (ev) => errors.push(ev)));
      expect(el.status).to.equal('refused');
      expect(q(el, '[part="error"]').textContent).to.contain('Seuls les responsables d’affectation');
      expect(all(el, 'table, svg, [part="toolbar"], [role="tab"]').length).to.equal(0);
      expect(errors[0]?.detail).to.deep.include({ operation: 'load', code: 'forbidden', messageKey: 'forbidden' });
      await expectAccessible(el);
    });
  }

  it('refuses a manager of another school named by uai, with the service’s own 403', async () => {
    const errors: GarErrorEvent[] = [];
    const { el } = await mountWithProvider('lycee-head', (e) => {
      e.uai = UAI;
      e.addEventListener('gar-error', (ev) => errors.push(ev));
    });
    expect(el.status).to.equal('refused');
    expect(errors[0]?.detail.code).to.equal('forbidden');
  });
});
