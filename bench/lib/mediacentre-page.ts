// Runs in the bench's page (as a classic script): a synthetic listing of n resources (same words, types, levels and
// publishers for both elements), an in-page client answering at once, and `window.benchRun(n, favourites)`, which
// mounts `<gar-mediacentre>` and measures, with performance.now() and the Long Tasks API:
// - first: element attached → first tile in the DOM, + the next frame;
// - all: element attached → every tile in the DOM (and the grid no longer busy), + the next frame;
// - longLoad / longInteract: the longest main-thread task (≥ 50 ms, the API's floor; 0 = none) while loading, and
//   while filtering and typing (marks `bench:start` and `bench:loaded` let a trace tell the two apart);
// - nodes: every node (elements, text, comments) of the shadow tree once all tiles are there;
// - facet: choosing a facet value, then clearing it, each + the next frame; keys: search keystrokes + the next frame;
// - firstTop: the first tile's top edge in the page (px), to tell whether the first screen shows a resource.
export const mediacentrePageCode = `
const WORDS = ['Mathématiques', 'Français', 'Histoire', 'Géographie', 'Sciences', 'Anglais', 'Espagnol', 'Physique', 'Chimie', 'Musique', 'Éducation', 'Atlas', 'Dictionnaire', 'Lecture'];
const TYPES = [['MAN', 'Manuels numériques'], ['DIC', 'Dictionnaires et encyclopédies'], ['MUL', "Ressources d'enseignement multimédias"], ['ACC', 'Entraînement, accompagnement']];
function listing(n) {
  const resources = Array.from({ length: n }, (_, i) => ({
    id: 'ark:/bench/' + i, idType: 'ark', name: WORDS[i % WORDS.length] + ' ' + (i % 7 + 3) + 'e – n° ' + i,
    publisherId: 'pub-' + (i % 12), publisherName: 'Éditions ' + WORDS[(i * 7) % WORDS.length],
    description: 'Ressource ' + i + ' pour la classe de ' + WORDS[(i * 3) % WORDS.length],
    presentationType: { code: TYPES[i % 4][0], nom: TYPES[i % 4][1] }, pedagogicalTypes: [], documentTypologies: [],
    levels: [{ uri: 'lvl-' + (i % 4), nom: ['6e', '5e', '4e', '3e'][i % 4] }], teachingDomains: [{ uri: 'dom-' + (i % 9), nom: WORDS[i % 9] }],
    techDistributor: '', techValidator: '', via: 'copy', validUntil: '2027-08-15T21:59:59.000Z', favourite: false,
  }));
  const school = { uai: '0561641E', name: 'Collège' };
  return { school, schools: [school], resources, launchUrl: 'https://gar.example/launch' };
}
function client(m, favourites) {
  return { baseUrl: 'https://gar.example/', resources: async () => m, favourites: async () => ({ resourceIds: favourites }), setFavourites: async (ids) => ({ resourceIds: ids }), launchForm: async () => { throw new Error('no launch in the bench'); }, admin: {} };
}
const QUERIES = ['m', 'ma', 'mat', 'math', 'mathe', '', 'dic', 'histoire', 'geo', ''];
const tick = () => new Promise((r) => setTimeout(r, 0));
const nextFrame = () => new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0)));
function countNodes(root) {
  let n = 0;
  const walk = (node) => { for (let c = node.firstChild; c; c = c.nextSibling) { n++; if (c.shadowRoot) walk(c.shadowRoot); walk(c); } };
  walk(root);
  return n;
}

window.benchRun = async (n, favouriteCount) => {
  const m = listing(n);
  const favourites = m.resources.slice(0, favouriteCount).map((r) => r.id);
  const host = document.createElement('div'); host.style.width = '1000px'; document.body.append(host);
  const longTasks = [];
  const observer = new PerformanceObserver((list) => { for (const e of list.getEntries()) longTasks.push([e.startTime, e.duration]); });
  observer.observe({ type: 'longtask' });
  const el = document.createElement('gar-mediacentre');
  el.storage = null; el.client = client(m, favourites);
  const root = () => el.shadowRoot;
  // The listing is made in a task of its own: the task that mounts the element (its first render) starts at t0 and
  // counts as a task of the load.
  await tick();
  performance.mark('bench:start');
  const t0 = performance.now();
  host.append(el);
  // Tiles are counted as '.grid .tile' (not skeletons): the baseline's are the grid's children, ours are in groups.
  const TILE = '.grid .tile:not(.skeleton)';
  while (!root()?.querySelector(TILE)) await tick();
  await nextFrame();
  const first = performance.now() - t0;
  const grid = root().querySelector(TILE).closest('.grid');
  while (grid.querySelectorAll('.tile').length < n || grid.getAttribute('aria-busy') === 'true') await tick();
  await el.updateComplete;
  await nextFrame();
  const all = performance.now() - t0;
  const loaded = performance.now();
  performance.mark('bench:loaded');
  const firstTop = grid.querySelector('.tile').getBoundingClientRect().top;
  const nodes = countNodes(root());
  const settle = async () => { await el.updateComplete; await nextFrame(); };
  const facet = [];
  const select = root().querySelector('select[data-facet]');
  for (const value of [select.options[1].value, '', select.options[2].value, '']) {
    const t = performance.now();
    select.value = value; select.dispatchEvent(new Event('change'));
    await settle();
    facet.push(performance.now() - t);
  }
  const input = root().querySelector('input[type=search]');
  const keys = [];
  for (const q of QUERIES) {
    const t = performance.now();
    input.value = q; input.dispatchEvent(new Event('input'));
    await settle();
    keys.push(performance.now() - t);
  }
  await new Promise((r) => setTimeout(r, 20));
  observer.disconnect();
  const longest = (from, to) => Math.max(0, ...longTasks.filter(([s]) => s >= from && s < to).map(([, d]) => d));
  return { first, all, firstTop, nodes, facet, keys, longLoad: longest(t0, loaded), longInteract: longest(loaded, Infinity) };
};
`;
