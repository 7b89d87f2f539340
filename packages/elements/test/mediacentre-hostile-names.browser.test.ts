// Resource names as an outsider sent them (markup, very long words, an emoji first): shown as text, never as HTML,
// with a letter on the tile that has no thumbnail, and no tile wider than its column.
import { expect } from 'chai';
import type { GarMediacentre } from '../src/mediacentre/mediacentre.js';
import { ISSUER, cleanup, memoryStorage, settled, shadow, stubClient, listedResource } from './helpers.js';

afterEach(cleanup);

const NAMES = [
  '<img src=x onerror="window.__hostile=1"><b>Gras</b> Atlas',
  'Anticonstitutionnellementdésoxyribonucléique'.repeat(4),
  '🎨 Arts plastiques',
  '« — »',
];

const resource = (name: string, i: number) =>
  listedResource({
    id: `ark:/h/${i}`,
    name,
    description: `<script>window.__hostile=2</script>${'Pneumonoultramicroscopicsilicovolcanoconiosis'.repeat(5)}`,
    validUntil: '2030-08-31T21:59:59Z',
  });

it('shows hostile names as text, with a letter (not « < » or half an emoji) on each thumbnail-less tile', async () => {
  const el = document.createElement('gar-mediacentre') as GarMediacentre;
  el.storage = memoryStorage();
  el.client = stubClient({
    school: { uai: '0561641E', name: 'Collège' },
    schools: [{ uai: '0561641E', name: 'Collège' }],
    launchUrl: `${ISSUER}/launch`,
    resources: NAMES.map(resource),
  });
  el.style.width = '800px';
  document.body.append(el);
  await settled(el);
  const root = shadow(el);
  const tiles = [...root.querySelectorAll<HTMLElement>('.grid .tile')];
  expect(tiles).to.have.length(NAMES.length);
  expect(root.querySelector('.grid img:not([part~="tile-thumbnail"]), .grid b, .grid script')).to.equal(null);
  expect((window as { __hostile?: number }).__hostile).to.equal(undefined);
  const letters = Object.fromEntries(
    tiles.map((t) => [t.textContent?.includes('Gras') ? 'markup' : (t.textContent ?? '').trim().slice(0, 8), t]),
  );
  const letter = (t: HTMLElement) => t.querySelector('[part~="tile-thumbnail"]')?.textContent;
  expect(letter(letters.markup as HTMLElement)).to.equal('I');
  const sorted = tiles.map(letter);
  expect(sorted).to.include('A');
  expect(sorted).to.include('?');
  expect(sorted.every((l) => l && !l.includes('<') && !/[\uD800-\uDFFF]/.test(l))).to.equal(true);
  for (const t of tiles) expect(t.scrollWidth, 'no tile overflows its column').to.be.at.most(t.clientWidth + 1);
});

it('wraps a very long word in the details view rather than widen the page', async () => {
  const el = document.createElement('gar-mediacentre') as GarMediacentre;
  el.storage = memoryStorage();
  el.client = stubClient({
    school: { uai: '0561641E', name: 'Collège' },
    schools: [{ uai: '0561641E', name: 'Collège' }],
    launchUrl: `${ISSUER}/launch`,
    resources: [resource(NAMES[1] as string, 0)],
  });
  el.style.display = 'block';
  el.style.width = '400px';
  document.body.append(el);
  await settled(el);
  shadow(el).querySelector<HTMLButtonElement>('[part~="details-button"]')?.click();
  await el.updateComplete;
  const details = shadow(el).querySelector<HTMLElement>('[part~="details"]');
  expect(details, 'the details view').to.not.equal(null);
  for (const node of [details, ...(details?.querySelectorAll<HTMLElement>('h3, dd, .description') ?? [])])
    expect(
      (node as HTMLElement).scrollWidth,
      `${(node as HTMLElement).tagName}.${(node as HTMLElement).className}`,
    ).to.be.at.most(400);
  const wide = [...shadow(el).querySelectorAll<HTMLElement>('*')].filter(
    (n) => n.getBoundingClientRect().right > el.getBoundingClientRect().right + 1,
  );
  expect(
    wide.map(
      (n) => `${n.tagName}.${n.className}[${n.getAttribute('part')}] ${Math.round(n.getBoundingClientRect().right)}`,
    ),
  ).to.deep.equal([]);
});
