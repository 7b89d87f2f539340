import { expect } from 'chai';
import type { GarPeriodChangeEvent } from '../src/usage-stats/events.js';
import {
  all,
  cells,
  choose,
  cleanup,
  expectAccessible,
  mountWithSource,
  protectedStats,
  q,
  stubSource,
  tableRows,
} from './usage-stats-helpers.js';

afterEach(cleanup);

// Raw counts go through the core's protectTable, as on the service: the element only ever sees the protected table.
const ROWS = [
  { key: 'ark:/dico', label: 'Dictionnaire', cells: cells(40, 35, 30, 28, 25, 22, 30, 26, 20, 18, 0, 0) },
  { key: 'ark:/manuel', label: 'Manuel de 6e', cells: cells(60, 55, 50, 48, 45, 40, 38, 36, 30, 25, 0, 0) },
  { key: 'ark:/presse', label: 'Presse', cells: cells(3, 6, 7, 2, 8, 9, 6, 7, 6, 5, 0, 0) },
];
const yearStats = (period: string, by: 'resource' | 'profile' | 'division' = 'resource') =>
  protectedStats(period, by, ROWS);

describe('<gar-usage-stats> hidden figures', () => {
  it('shows a figure of fewer than 5 people as the band <5 with why, never as a number', async () => {
    const el = await mountWithSource(stubSource({ usage: yearStats }), (e) => (e.display = 'table'));
    expect(el.status).to.equal('ready');
    const presse = tableRows(el).find((r) => r[0] === 'Presse');
    expect(presse, 'the Presse row').to.not.equal(undefined);
    // September (3 people) and December (2 people) are primary suppressions.
    expect(presse![1]).to.equal('<5');
    expect(presse![4]).to.equal('<5');
    const hidden = all(el, 'td[part="suppressed-cell"]');
    expect(hidden.length).to.be.greaterThan(2);
    for (const td of hidden) {
      // A small figure is `<5`; one hidden only so that the small ones cannot be worked out is “masqué”, never `<5`.
      const secondary = td.dataset.reason === 'secondary';
      expect(td.querySelector('.band')?.textContent?.trim()).to.equal(secondary ? 'masqué' : '<5');
      expect(td.getAttribute('title')).to.match(
        secondary ? /^masqué\u00a0: ce chiffre n’est pas petit forcément/ : /moins de 5 personnes/,
      );
      expect(td.textContent?.replace(/5/g, ''), 'no figure besides the threshold').to.not.match(/\d/);
    }
    expect(
      hidden.some((td) => td.dataset.reason === 'secondary'),
      'secondary suppression shown too',
    ).to.equal(true);
    const note = q(el, '[part="suppression-note"]').textContent ?? '';
    expect(note).to.contain('moins de 5 personnes distinctes');
    expect(note).to.contain('soustrayant des totaux');
    expect(note).to.contain('«\u00a0masqué\u00a0»');
    await expectAccessible(el);
  });

  it('draws a hidden figure as a hatched band labelled <5, not as a zero bar', async () => {
    const el = await mountWithSource(
      stubSource({
        usage: (p) =>
          protectedStats(
            p,
            'resource',
            ROWS.map((r) => ({ ...r, cells: r.cells.slice(0, 1) })),
            ['2025-09'],
          ),
      }),
      (e) => (e.period = '2025-09'),
    );
    const svg = q(el, 'svg[data-orientation="bars"]');
    expect(svg.getAttribute('role')).to.equal('img');
    const presse = svg.querySelector('[data-key="ark:/presse"]');
    expect(presse?.classList.contains('suppressed')).to.equal(true);
    expect(presse?.querySelector('rect')?.getAttribute('fill')).to.match(/url\(#.*hatch\)/);
    expect(Number(presse?.querySelector('rect')?.getAttribute('width'))).to.be.greaterThan(0);
    expect(presse?.querySelector('text')?.textContent).to.equal('<5');
    // Secondary suppression hides one more (a month's row total is its cell); the other is drawn with its figure.
    const datums = [...svg.querySelectorAll('.datum')];
    const suppressed = datums.filter((d) => d.classList.contains('suppressed'));
    expect(suppressed.length).to.equal(2);
    expect(suppressed.map((d) => d.querySelector('text')?.textContent).sort()).to.deep.equal(['<5', 'masqué']);
    expect(
      datums.filter((d) => !d.classList.contains('suppressed')).map((d) => d.querySelector('text')?.textContent),
    ).to.deep.equal(['180']);
    expect(q(el, 'svg desc').textContent).to.contain('masquée');
    await expectAccessible(el);
  });

  it('says everything is hidden when every figure is under 5 people', async () => {
    const tiny = [{ key: 'ark:/a', label: 'A', cells: cells(1, 2, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0) }];
    const el = await mountWithSource(stubSource({ usage: (p) => protectedStats(p, 'resource', tiny) }));
    expect(q(el, '[part="suppression-note"]').textContent).to.contain(
      'Tous les chiffres de cette période sont masqués',
    );
    for (const t of all(el, 'svg .datum'))
      if (t.classList.contains('suppressed')) expect(t.querySelector('text')?.textContent).to.match(/^(<5|masqué)$/);
    await expectAccessible(el);
    q(el, '[data-display="table"]').click();
    await el.updateComplete;
    expect(tableRows(el)[0]!.slice(1, 3)).to.deep.equal(['<5', '<5']);
    await expectAccessible(el);
  });

  it('exports the protected table as CSV: bands stay bands, untrusted names cannot run as formulas', async () => {
    const rows = [
      ...ROWS,
      { key: 'ark:/evil', label: '=HYPERLINK("http://x")', cells: cells(10, 10, 10, 10, 10, 10, 10, 10, 10, 10, 0, 0) },
    ];
    const el = await mountWithSource(
      stubSource({ usage: (p) => protectedStats(p, 'resource', rows) }),
      (e) => (e.period = '2025-2026'),
    );
    const csv = el.toCsv() ?? '';
    const lines = csv.trim().split('\r\n');
    expect(lines[0]).to.equal('période;clé;libellé;mois;accès;personnes');
    expect(lines).to.include('2025-2026;ark:/presse;Presse;2025-09;<5;<5');
    expect(lines).to.include('2025-2026;ark:/dico;Dictionnaire;2025-09;120;40');
    expect(csv).to.contain(`"'=HYPERLINK(""http://x"")"`);
    // A figure hidden by secondary suppression says so in words, distinct from the small-figure band.
    expect(
      lines.some((l) => l.endsWith(';masqué;masqué')),
      'secondary suppression in the file',
    ).to.equal(true);
    // The file is the same text, with a BOM for spreadsheets.
    const created: Blob[] = [];
    const names: string[] = [];
    const original = URL.createObjectURL;
    const click = HTMLAnchorElement.prototype.click;
    URL.createObjectURL = (b: Blob | MediaSource) => (created.push(b as Blob), 'blob:test');
    HTMLAnchorElement.prototype.click = function (this: HTMLAnchorElement) {
      names.push(this.download);
    };
    try {
      q(el, '[part="export-button"]').click();
    } finally {
      URL.createObjectURL = original;
      HTMLAnchorElement.prototype.click = click;
    }
    expect(created.length).to.equal(1);
    expect(names).to.deep.equal(['statistiques-2025-2026-par-resource.csv']);
    expect((await created[0]!.text()).replace(/^\ufeff/, '')).to.equal(csv);
  });

  it('moves over the fixed grid only, and tells the host', async () => {
    const source = stubSource({ usage: yearStats });
    const changes: GarPeriodChangeEvent[] = [];
    const el = await mountWithSource(source, (e) => e.addEventListener('gar-period-change', (ev) => changes.push(ev)));
    expect(source.calls.at(-1)).to.equal('usage 0561641E 2026-2027 resource');
    const months = all<HTMLOptionElement>(el, 'select[data-picker="month"] option').map((o) => o.value);
    expect(months).to.deep.equal(['2026-2027', '2026-09']);
    await choose(el, 'year', '2025');
    expect(source.calls.at(-1)).to.equal('usage 0561641E 2025-2026 resource');
    expect(all<HTMLOptionElement>(el, 'select[data-picker="month"] option').length).to.equal(13);
    await choose(el, 'month', '2026-03');
    expect(source.calls.at(-1)).to.equal('usage 0561641E 2026-03 resource');
    // The live region announces what is now shown.
    expect(q(el, '[role="status"]').textContent).to.equal('Accès par ressource, mars 2026');
    await choose(el, 'by', 'profile');
    expect(source.calls.at(-1)).to.equal('usage 0561641E 2026-03 profile');
    expect(changes.map((e) => e.detail)).to.deep.equal([
      { period: '2025-2026', by: 'resource' },
      { period: '2026-03', by: 'resource' },
      { period: '2026-03', by: 'profile' },
    ]);
    expect(changes[0]!.bubbles && changes[0]!.composed).to.equal(true);
  });
});
