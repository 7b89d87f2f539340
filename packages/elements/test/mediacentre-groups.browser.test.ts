// The grid's tiles in groups (issue 22): each group a grid of its own, skipped while off screen
// (`content-visibility: auto`), regrouped after each search or filter so that rows never end short, and still one list
// of every tile for assistive technology and find-in-page.
import { executeServerCommand, sendKeys } from '@web/test-runner-commands';
import { expect } from 'chai';
import type { GarMediacentre } from '../src/mediacentre/mediacentre.js';
import { GROUP } from '../src/mediacentre/tile-groups.js';
import {
  ISSUER,
  choose,
  cleanup,
  expectAccessible,
  memoryStorage,
  q,
  settled,
  shadow,
  stubClient,
  typeSearch,
  waitFor,
  listedResource,
} from './helpers.js';

afterEach(cleanup);

const resource = (i: number) =>
  listedResource({
    id: `ark:/g/${i}`,
    name: `Ressource ${String(i).padStart(4, '0')}`,
    publisherId: `p${i % 3}`,
    publisherName: `Éditeur ${i % 3}`,
    presentationType: { code: i % 2 ? 'MAN' : 'DIC', nom: i % 2 ? 'Manuels numériques' : 'Dictionnaires' },
  });

const mounted: HTMLElement[] = [];
afterEach(() => {
  for (const e of mounted.splice(0)) e.remove();
});

async function mount(n: number): Promise<GarMediacentre> {
  const el = document.createElement('gar-mediacentre');
  el.storage = memoryStorage();
  el.client = stubClient({
    school: { uai: '0561641E', name: 'Collège' },
    schools: [{ uai: '0561641E', name: 'Collège' }],
    launchUrl: `${ISSUER}/launch`,
    resources: Array.from({ length: n }, (_, i) => resource(i)),
  });
  el.style.width = '900px';
  document.body.append(el);
  mounted.push(el);
  await settled(el);
  return el;
}

const groups = (el: GarMediacentre) => [...shadow(el).querySelectorAll<HTMLElement>('.grid > .group')];
const shown = (g: Element) => [...g.querySelectorAll<HTMLElement>(':scope > .tile:not([hidden])')];

/** Every listed tile in the DOM once; the shown ones in order, GROUP a group but the last; no group shown empty. */
function expectGrouped(el: GarMediacentre, total: number): void {
  const all = [...shadow(el).querySelectorAll<HTMLElement>('.grid .tile')].map((t) => t.dataset.id);
  expect(all, 'every tile in the DOM').to.have.length(total);
  expect(new Set(all).size, 'once each').to.equal(total);
  const open = groups(el).filter((g) => !g.hidden);
  const counts = open.map((g) => shown(g).length);
  const want = el.visibleResources.length;
  expect(open, 'as many groups shown as needed').to.have.length(Math.ceil(want / GROUP));
  expect(counts).to.deep.equal(counts.map((_, i) => (i < counts.length - 1 ? GROUP : want - GROUP * i)));
  for (const g of groups(el).filter((g) => g.hidden))
    expect(shown(g), 'a hidden group shows nothing').to.have.length(0);
  expect(open.flatMap(shown).map((t) => t.dataset.id)).to.deep.equal(el.visibleResources.map((r) => r.id));
}

describe('<gar-mediacentre> tiles in groups', () => {
  it('keeps rows full: regrouped after each search and filter, every tile in the DOM once', async () => {
    const el = await mount(400);
    expectGrouped(el, 400);
    expect(groups(el)).to.have.length(Math.ceil(400 / GROUP));
    for (const step of [
      () => typeSearch(el, 'Ressource 01'),
      () => typeSearch(el, 'Ressource 0'),
      () => choose(el, 'select[data-facet="publisher"]', 'p1'),
      () => choose(el, 'select[data-facet="presentationType"]', 'MAN'),
      () => typeSearch(el, ''),
      () => choose(el, 'select[data-facet="publisher"]', ''),
      () => typeSearch(el, 'aucune ressource de ce nom'),
      () => choose(el, 'select[data-facet="presentationType"]', ''),
      () => typeSearch(el, ''),
    ]) {
      await step();
      expectGrouped(el, 400);
    }
    expect(el.visibleResources).to.have.length(400);
  });

  it('skips the groups off screen, each sized as a full group until laid out, and lays out the one scrolled to', async () => {
    window.scrollTo(0, 0);
    const el = await mount(600);
    const all = groups(el);
    expect(getComputedStyle(all[0] as Element).contentVisibility).to.equal('auto');
    // Which groups are on screen is decided at a rendering update: wait for two frames before asking.
    await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
    const last = all[all.length - 1] as HTMLElement;
    const tileIn = (g: Element | undefined) => g?.firstElementChild?.checkVisibility({ contentVisibilityAuto: true });
    expect(tileIn(all[0]), 'the first group is rendered').to.equal(true);
    expect(tileIn(last), 'the last group is skipped').to.equal(false);
    // A group never laid out takes the measured height of the first, full one (measured after a frame).
    await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
    const height = (all[0] as HTMLElement).getBoundingClientRect().height;
    expect(Math.abs((all[5] as HTMLElement).getBoundingClientRect().height - height)).to.be.below(2);
    last.scrollIntoView();
    await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
    expect(tileIn(last), 'scrolled to: rendered').to.equal(true);
    window.scrollTo(0, 0);
  });

  it("takes its columns from the grid part's grid-template-columns, as a page sets them", async () => {
    const style = document.createElement('style');
    style.textContent = 'gar-mediacentre::part(grid) { grid-template-columns: repeat(3, 1fr); }';
    document.head.append(style);
    try {
      const el = await mount(90);
      for (const g of groups(el)) expect(getComputedStyle(g).gridTemplateColumns.split(' ')).to.have.length(3);
      const tops = shown(groups(el)[0] as Element)
        .slice(0, 4)
        .map((t) => t.getBoundingClientRect().top);
      expect(tops[0]).to.equal(tops[2]);
      expect(tops[3]).to.be.above(tops[0] as number);
    } finally {
      style.remove();
    }
  });

  it('moves the keyboard focus across groups, into a group skipped off screen', async () => {
    const el = await mount(300);
    const focusedId = () => shadow(el).activeElement?.closest<HTMLElement>('.tile')?.dataset.id;
    q(el, '.tile[data-id="ark:/g/0"] [part="tile-name"]').focus();
    await sendKeys({ press: 'End' });
    await waitFor(() => focusedId() === 'ark:/g/299', 'the last tile, in the last group');
    await sendKeys({ press: 'Home' });
    await waitFor(() => focusedId() === 'ark:/g/0', 'the first tile');
    // From the last tile of the first group to the first of the second, and back.
    for (let i = 0; i < GROUP - 1; i++) await sendKeys({ press: 'ArrowRight' });
    await waitFor(() => focusedId() === `ark:/g/${GROUP - 1}`, 'the first group’s last tile');
    await sendKeys({ press: 'ArrowRight' });
    await waitFor(() => focusedId() === `ark:/g/${GROUP}`, 'the second group’s first tile');
    await sendKeys({ press: 'ArrowLeft' });
    await waitFor(() => focusedId() === `ark:/g/${GROUP - 1}`, 'back');
    window.scrollTo(0, 0);
  });

  it('is one list for assistive technology: groups left out, tiles as list items with their place in the whole list', async () => {
    const el = await mount(130);
    type Node = { role: string; name?: string; children: Node[] };
    const label = q(el, '.grid').getAttribute('aria-label');
    const items = async () => {
      await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
      const find = (n: Node): Node | undefined =>
        n.role === 'list' && n.name === label ? n : n.children.map(find).find(Boolean);
      const list = find((await executeServerCommand('a11y-tree')) as Node);
      expect(list, 'the list of resources').to.not.equal(undefined);
      return list?.children ?? [];
    };
    const nameOf = (item: Node) => item.children.find((c) => c.role === 'button')?.name;
    const first = await items();
    // The groups (role="none") are not in the tree: the tiles are the list's own items, in order.
    expect(first.length).to.be.within(GROUP, 129);
    expect(first.every((c) => c.role === 'listitem')).to.equal(true);
    expect(first.map(nameOf).slice(0, 3)).to.deep.equal([
      'Ouvrir Ressource 0000',
      'Ouvrir Ressource 0001',
      'Ouvrir Ressource 0002',
    ]);
    // Chromium leaves out the tiles of the groups it skips off screen: each tile says its place and the list's size.
    const places = () =>
      [...shadow(el).querySelectorAll('.grid .tile:not([hidden])')].map((t) => [
        t.getAttribute('aria-posinset'),
        t.getAttribute('aria-setsize'),
      ]);
    expect(places()).to.deep.equal(Array.from({ length: 130 }, (_, i) => [String(i + 1), '130']));
    await typeSearch(el, 'Ressource 01');
    const n = el.visibleResources.length;
    expect(places()).to.deep.equal(Array.from({ length: n }, (_, i) => [String(i + 1), String(n)]));
    await typeSearch(el, '');
    // Scrolled to the end, the last group's tiles are in the tree, still items of the one list.
    shadow(el).querySelector<HTMLElement>('.tile[data-id="ark:/g/129"]')?.scrollIntoView();
    const last = await items();
    expect(last.every((c) => c.role === 'listitem')).to.equal(true);
    expect(last.map(nameOf)).to.include('Ouvrir Ressource 0129');
    window.scrollTo(0, 0);
    await expectAccessible(el);
  });
});
