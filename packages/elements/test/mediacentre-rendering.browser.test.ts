// Rendering a long listing (issue 22): the first screen at once and every other tile in later pieces, in order and
// once each, whatever happens meanwhile; lean tiles; the keyboard both ways (Tab enters and leaves the grid at one
// stop, the arrows move in it, and a hint says so); the favourites and recently opened rows bounded to one line.
import { sendKeys } from '@web/test-runner-commands';
import { expect } from 'chai';
import type { GarMediacentre } from '../src/mediacentre/mediacentre.js';
import {
  ISSUER,
  cleanup,
  expectAccessible,
  memoryStorage,
  q,
  shadow,
  stubClient,
  typeSearch,
  waitFor,
  listedResource,
} from './helpers.js';

afterEach(cleanup);

const resource = (i: number) =>
  listedResource({
    id: `ark:/bench/${i}`,
    name: `Ressource ${String(i).padStart(4, '0')}`,
    publisherId: `p${i % 5}`,
    publisherName: `Éditeur ${i % 5}`,
    presentationType: { code: i % 2 ? 'MAN' : 'DIC', nom: i % 2 ? 'Manuels numériques' : 'Dictionnaires' },
  });
const listingOf = (n: number) => ({
  school: { uai: '0561641E', name: 'Collège' },
  schools: [{ uai: '0561641E', name: 'Collège' }],
  launchUrl: `${ISSUER}/launch`,
  resources: Array.from({ length: n }, (_, i) => resource(i)),
});

const mounted: HTMLElement[] = [];
afterEach(() => {
  for (const e of mounted.splice(0)) e.remove();
});

/** What the grid held when its first tiles appeared (the update that showed the listing). */
const firstSeen = new WeakMap<HTMLElement, { tiles: number; busy: string | null }>();

/** Mounts without waiting for the fill: resolves once the first tile is in the DOM. */
async function mountLong(n: number, setup: (el: GarMediacentre) => void = () => {}, favourites: string[] = []) {
  const el = document.createElement('gar-mediacentre');
  el.storage = memoryStorage();
  el.client = stubClient(listingOf(n), { resourceIds: favourites });
  el.style.width = '900px';
  setup(el);
  document.body.append(el);
  mounted.push(el);
  // Seen right after the update that showed the listing (a microtask), before any later piece (a task).
  const observer = new MutationObserver(() => {
    const grid = el.shadowRoot?.querySelector('.grid[role="list"]');
    const count = grid?.querySelectorAll('.tile').length ?? 0;
    if (count === 0 || firstSeen.has(el)) return;
    firstSeen.set(el, { tiles: count, busy: grid?.getAttribute('aria-busy') ?? null });
    observer.disconnect();
  });
  if (el.shadowRoot) observer.observe(el.shadowRoot, { childList: true, subtree: true });
  await waitFor(() => el.shadowRoot?.querySelector('.grid .tile') != null, 'the first tile');
  return el;
}
const tiles = (el: GarMediacentre) => [...shadow(el).querySelectorAll<HTMLElement>('.grid .tile')];
const shownIds = (el: GarMediacentre) =>
  [...shadow(el).querySelectorAll<HTMLElement>('.grid .tile:not([hidden])')].map((t) => t.dataset.id);
const countNodes = (root: Node): number => {
  let n = 0;
  for (let c = root.firstChild; c; c = c.nextSibling) n += 1 + countNodes(c);
  return n;
};

describe('<gar-mediacentre> long listings', () => {
  it('renders the first screen first, then every tile, in order and once each; updateComplete waits for all', async () => {
    const el = await mountLong(600);
    const first = firstSeen.get(el);
    expect(first?.tiles).to.be.at.least(12);
    expect(first?.tiles).to.be.below(600);
    expect(first?.busy).to.equal('true');
    expect(q(el, '[role="status"]').textContent).to.contain('600 ressources');
    await el.updateComplete;
    const ids = tiles(el).map((t) => t.dataset.id);
    expect(ids).to.deep.equal(el.visibleResources.map((r) => r.id));
    expect(new Set(ids).size).to.equal(600);
    expect(q(el, '.grid').hasAttribute('aria-busy')).to.equal(false);
    // Lean tiles: 16 nodes each (53 before), whitespace, wrappers and binding markers gone.
    expect(countNodes(q(el, '.grid')) / 600).to.be.at.most(17);
    expect(
      tiles(el).every((t) => [...t.childNodes].every((c) => c.nodeType !== Node.TEXT_NODE)),
      'no whitespace text in a tile',
    ).to.equal(true);
    await expectAccessible(el);
  });

  it('filters and sorts while it fills: the end result is the full filtered list', async () => {
    const el = await mountLong(700);
    await typeSearch(el, 'Ressource 065');
    expect(shownIds(el)).to.deep.equal(el.visibleResources.map((r) => r.id));
    expect(shownIds(el)).to.include('ark:/bench/659');
    expect(el.visibleResources.length).to.be.within(10, 20);
    await typeSearch(el, '');
    expect(shownIds(el)).to.have.length(700);
  });

  it('goes on filling after the element is moved in the page mid-fill', async () => {
    const el = await mountLong(800);
    const other = document.createElement('div');
    document.body.append(other);
    mounted.push(other);
    other.append(el);
    await el.updateComplete;
    expect(tiles(el)).to.have.length(800);
    expect(q(el, '.grid').hasAttribute('aria-busy')).to.equal(false);
  });

  it('goes back from the details to a tile far down the list with the focus on it', async () => {
    const el = await mountLong(400);
    await el.updateComplete;
    const far = tiles(el)[350];
    far?.querySelector<HTMLElement>('[part="details-button"]')?.click();
    await waitFor(() => shadow(el).activeElement?.id === 'details-title', 'the details');
    q(el, '[part="back-button"]').click();
    await waitFor(
      () => shadow(el).activeElement?.closest<HTMLElement>('.tile')?.dataset.id === far?.dataset.id,
      'focus back on the far tile',
    );
    await el.updateComplete;
    expect(tiles(el)).to.have.length(400);
  });
});

describe('<gar-mediacentre> tiles kept in the DOM', () => {
  it('holds every name in the page text once filled, once each (find-in-page, screen readers)', async () => {
    const el = await mountLong(500);
    await el.updateComplete;
    const names = [...shadow(el).querySelectorAll('.grid .tile [part="tile-name"]')].map((b) => b.textContent);
    expect(names).to.deep.equal(listingOf(500).resources.map((r) => r.name));
    const text = q(el, '.grid').textContent ?? '';
    expect(text.split('Ressource 0421').length - 1, 'one occurrence of a name').to.equal(1);
    expect(shadow(el).querySelectorAll('.grid .tile [aria-label="Ouvrir Ressource 0499"]')).to.have.length(1);
  });

  it('hides and shows the same tile elements on a search or facet (no rebuild), while filling and after', async () => {
    const el = await mountLong(900);
    const tileOf = (id: string) => shadow(el).querySelector<HTMLElement>(`.tile[data-id="${id}"]`);
    const first = tileOf('ark:/bench/0');
    await typeSearch(el, 'Ressource 08');
    expect(first?.hidden).to.equal(true);
    expect(tileOf('ark:/bench/0'), 'the same element').to.equal(first);
    expect(shownIds(el)).to.deep.equal(el.visibleResources.map((r) => r.id));
    expect(shownIds(el)).to.include('ark:/bench/850');
    expect(shownIds(el).length).to.be.below(900);
    const far = tileOf('ark:/bench/850');
    await typeSearch(el, '');
    expect(first?.hidden).to.equal(false);
    expect(tileOf('ark:/bench/850')).to.equal(far);
    expect(shownIds(el)).to.have.length(900);
    expect(new Set(tiles(el).map((t) => t.dataset.id)).size).to.equal(900);
  });

  it('updates the tiles in place when the language or a favourite changes', async () => {
    const el = await mountLong(200, () => {}, ['ark:/bench/3']);
    await el.updateComplete;
    const star = q(el, '.tile[data-id="ark:/bench/3"] [part="favourite-button"]');
    expect(star.getAttribute('aria-pressed')).to.equal('true');
    expect(star.getAttribute('aria-label')).to.equal('Retirer Ressource 0003 des favoris');
    el.lang = 'en';
    await el.updateComplete;
    expect(q(el, '.tile[data-id="ark:/bench/3"] [part="favourite-button"]'), 'the same button').to.equal(star);
    expect(star.getAttribute('aria-label')).to.equal('Remove Ressource 0003 from favourites');
    star.click();
    await waitFor(() => star.getAttribute('aria-pressed') === 'false', 'the favourite removed');
    expect(q(el, '.tile[data-id="ark:/bench/199"] [part="tile-name"]').getAttribute('aria-label')).to.equal(
      'Open Ressource 0199',
    );
  });
});

describe('<gar-mediacentre> keyboard in a long grid', () => {
  it('End before the fill is over renders the rest and focuses the last tile', async () => {
    const el = await mountLong(900);
    q(el, '.grid .tile [part="tile-name"]').focus();
    await sendKeys({ press: 'End' });
    await waitFor(() => shadow(el).activeElement?.closest<HTMLElement>('.tile')?.dataset.id === 'ark:/bench/899');
    await sendKeys({ press: 'ArrowUp' });
    // The first row's tiles (each group of tiles is a grid of its own: rows start again in every group).
    const all = tiles(el);
    const top = all[0]?.getBoundingClientRect().top;
    let cols = 1;
    while (all[cols]?.getBoundingClientRect().top === top) cols++;
    await waitFor(
      () => shadow(el).activeElement?.closest<HTMLElement>('.tile')?.dataset.id === `ark:/bench/${899 - cols}`,
      'one row up',
    );
  });

  it('Tab enters the grid at the active tile, reaches its buttons, then leaves the grid (one tab stop)', async () => {
    const el = await mountLong(300);
    await el.updateComplete;
    q<HTMLSelectElement>(el, 'select[data-sort]').focus();
    await sendKeys({ press: 'Tab' });
    const active = () => shadow(el).activeElement as HTMLElement | null;
    expect(active()?.getAttribute('part')).to.equal('tile-name');
    expect(active()?.closest<HTMLElement>('.tile')?.dataset.id).to.equal('ark:/bench/0');
    await sendKeys({ press: 'Tab' });
    expect(active()?.getAttribute('part')).to.equal('favourite-button');
    await sendKeys({ press: 'Tab' });
    expect(active()?.getAttribute('part')).to.equal('copy-link-tile-button');
    await sendKeys({ press: 'Tab' });
    expect(active()?.getAttribute('part')).to.equal('details-button');
    await sendKeys({ press: 'Tab' });
    expect(active()?.closest('.grid') ?? null, 'Tab leaves the grid after the active tile').to.equal(null);
    // Back in with Shift+Tab lands on the active tile's last button, not on another tile.
    await sendKeys({ down: 'Shift' });
    await sendKeys({ press: 'Tab' });
    await sendKeys({ up: 'Shift' });
    expect(active()?.getAttribute('part')).to.equal('details-button');
    expect(active()?.closest<HTMLElement>('.tile')?.dataset.id).to.equal('ark:/bench/0');
  });

  it('announces the arrow keys: the active tile is described by the hint, shown while the keyboard is in the grid', async () => {
    const el = await mountLong(60);
    await el.updateComplete;
    const hint = q(el, '#grid-hint');
    expect(hint.textContent).to.contain('Flèches\u202f: passer d’une ressource à l’autre');
    const name = q(el, '.grid .tile [part="tile-name"]');
    expect(name.getAttribute('aria-describedby')).to.equal('grid-hint');
    expect(shadow(el).querySelectorAll('[aria-describedby="grid-hint"]')).to.have.length(1);
    expect(getComputedStyle(hint).position).to.equal('absolute');
    q<HTMLSelectElement>(el, 'select[data-sort]').focus();
    await sendKeys({ press: 'Tab' });
    expect(getComputedStyle(hint).position, 'visible with keyboard focus in the grid').to.equal('static');
    await sendKeys({ press: 'ArrowRight' });
    await waitFor(() => shadow(el).activeElement?.closest<HTMLElement>('.tile')?.dataset.id === 'ark:/bench/1');
    expect(shadow(el).querySelectorAll('[aria-describedby]'), 'said until the keys are used').to.have.length(0);
    el.lang = 'en';
    await el.updateComplete;
    expect(hint.textContent).to.contain('Arrow keys: move between resources');
  });
});

describe('<gar-mediacentre> bounded rows', () => {
  it('shows one line of favourites with « Tout afficher (n) », the first tiles stay on the first screen', async () => {
    const favourites = Array.from({ length: 80 }, (_, i) => `ark:/bench/${i * 3}`);
    const el = await mountLong(500, () => {}, favourites);
    await el.updateComplete;
    const chips = () => shadow(el).querySelectorAll('[part="favourites"] .chip');
    expect(chips()).to.have.length(6);
    const more = q<HTMLButtonElement>(el, '[part="favourites"] [part="show-all"]');
    expect(more.textContent?.trim()).to.equal('Tout afficher (80)');
    expect(more.getAttribute('aria-expanded')).to.equal('false');
    const row = q(el, '[part="favourites"] .chips');
    expect(row.scrollHeight).to.be.below(80);
    const firstTile = q(el, '.grid .tile').getBoundingClientRect();
    expect(firstTile.top - el.getBoundingClientRect().top).to.be.below(500);
    await expectAccessible(el);
    more.click();
    await el.updateComplete;
    expect(chips()).to.have.length(80);
    expect(more.getAttribute('aria-expanded')).to.equal('true');
    expect(more.textContent?.trim()).to.equal('Afficher moins');
    await expectAccessible(el);
    more.click();
    await el.updateComplete;
    expect(chips()).to.have.length(6);
  });

  it('shows no « show all » for six favourites or fewer, and at most six recently opened on one line', async () => {
    const storage = memoryStorage();
    const recent = Array.from({ length: 12 }, (_, i) => [`ark:/bench/${i}`, 1_000 + i]);
    storage.setItem('gar-mediacentre:recent::0561641E', JSON.stringify(recent));
    const el = await mountLong(40, (e) => (e.storage = storage), ['ark:/bench/1', 'ark:/bench/2']);
    await el.updateComplete;
    expect(shadow(el).querySelector('[part="show-all"]')).to.equal(null);
    expect(shadow(el).querySelectorAll('[part="recent"] .chip')).to.have.length(6);
    expect(q(el, '[part="recent"] .chips').hasAttribute('data-one-line')).to.equal(true);
  });
});
