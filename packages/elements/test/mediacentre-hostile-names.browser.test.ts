// Resource names as an outsider sent them (markup, very long words, an emoji first): shown as text, never as HTML,
// with a letter on the tile that has no thumbnail, and no tile wider than its column.
import { expect } from 'chai';
import type { GarMediacentre } from '../src/mediacentre/mediacentre.js';
import { ISSUER, cleanup, memoryStorage, settled, shadow, stubClient } from './helpers.js';

afterEach(cleanup);

const NAMES = [
  '<img src=x onerror="window.__hostile=1"><b>Gras</b> Atlas',
  'Anticonstitutionnellementdésoxyribonucléique'.repeat(4),
  '🎨 Arts plastiques',
  '« — »',
];

const resource = (name: string, i: number) => ({
  id: `ark:/h/${i}`,
  idType: 'ark',
  name,
  description: `<script>window.__hostile=2</script>${'Pneumonoultramicroscopicsilicovolcanoconiosis'.repeat(5)}`,
  publisherId: 'p',
  publisherName: 'Éditeur',
  presentationType: { code: 'MAN', nom: 'Manuels numériques' },
  pedagogicalTypes: [],
  documentTypologies: [],
  levels: [],
  teachingDomains: [],
  techDistributor: '',
  techValidator: '',
  via: 'copy',
  validUntil: '2030-08-31T21:59:59Z',
  favourite: false,
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
