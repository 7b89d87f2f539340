// Wide screens (outsider check of the tile groups): a group holds 60 tiles, so 7 to 9 columns (a 1440 or 1920 px ENT
// page) would leave a short row, a hole, after every group. The grid stops at six columns; narrow screens keep one.
import { expect } from 'chai';
import type { GarMediacentre } from '../src/mediacentre/mediacentre.js';
import { GROUP } from '../src/mediacentre/tile-groups.js';
import { ISSUER, cleanup, memoryStorage, settled, shadow, stubClient, listedResource } from './helpers.js';

afterEach(cleanup);

const resource = (i: number) =>
  listedResource({
    id: `ark:/w/${i}`,
    name: `Ressource ${String(i).padStart(4, '0')}`,
    validUntil: '2030-08-31T21:59:59Z',
  });

async function columnsAt(width: string): Promise<{ columns: number; rowsEndFull: boolean }> {
  const el = document.createElement('gar-mediacentre') as GarMediacentre;
  el.storage = memoryStorage();
  el.client = stubClient({
    school: { uai: '0561641E', name: 'Collège' },
    schools: [{ uai: '0561641E', name: 'Collège' }],
    launchUrl: `${ISSUER}/launch`,
    resources: Array.from({ length: GROUP * 2 + 7 }, (_, i) => resource(i)),
  });
  el.style.display = 'block';
  el.style.width = width;
  document.body.append(el);
  await settled(el);
  await el.updateComplete;
  const groups = [...shadow(el).querySelectorAll<HTMLElement>('.group:not([hidden])')];
  const first = groups[0] as HTMLElement;
  const columns = getComputedStyle(first).gridTemplateColumns.split(' ').length;
  // Every group but the last: its last tile ends its row (same right edge as the group's first row).
  const rowsEndFull = groups.slice(0, -1).every((g) => {
    const tiles = [...g.children].filter((t) => !(t as HTMLElement).hidden);
    const right = (t: Element | undefined) => Math.round(t?.getBoundingClientRect().right ?? 0);
    return right(tiles.at(-1)) === right(tiles[columns - 1]);
  });
  el.remove();
  return { columns, rowsEndFull };
}

it('stops at six columns on wide pages, so that every group ends on a full row', async () => {
  for (const width of ['1440px', '1920px', '2400px']) {
    const { columns, rowsEndFull } = await columnsAt(width);
    expect(columns, width).to.be.within(1, 6);
    expect(GROUP % columns, width).to.equal(0);
    expect(rowsEndFull, width).to.equal(true);
  }
});

it('keeps the tile width on narrower pages (one column on a phone, more as the page widens)', async () => {
  expect((await columnsAt('340px')).columns).to.equal(1);
  expect((await columnsAt('900px')).columns).to.be.within(3, 5);
  expect((await columnsAt('1280px')).columns).to.equal(6);
});
