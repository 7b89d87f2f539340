// <gar-mediacentre> in headless Chromium with 50 / 500 / 2,000 resources: time to first full render (listing in
// hand → tiles laid out), keystroke-to-updated-grid time, and heap used, each next to a plain-DOM baseline that
// builds and filters the same tiles in the same page. Targets: search update ≤ 16 ms and first render ≤ 100 ms at 500.
//   node --import tsx --conditions=opengar-source bench/mediacentre.bench.ts [--quick]
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { build } from 'esbuild';
import { chromium } from 'playwright-core';
import { quick, writeReport, type BenchRow } from './lib/report.js';

const CHROMIUM = process.env.OPENGAR_CHROMIUM ?? '/usr/bin/chromium';
const root = join(import.meta.dirname, '..');
const sizes = quick ? [50, 500] : [50, 500, 2000];
const runs = quick ? 3 : 7;

if (!existsSync(CHROMIUM)) {
  console.error(`mediacentre bench: no Chromium at ${CHROMIUM}`);
  process.exit(1);
}

const bundle = await build({
  entryPoints: [join(root, 'packages/elements/src/define-all.ts')],
  bundle: true,
  minify: true,
  format: 'esm',
  target: 'es2022',
  write: false,
  conditions: ['opengar-source', 'browser', 'import', 'default'],
  define: { 'process.env.NODE_ENV': '"production"' },
  tsconfigRaw: { compilerOptions: { experimentalDecorators: true, useDefineForClassFields: false } },
  logLevel: 'silent',
});

// Runs in the page: synthetic listings, the element and the baseline, timed with performance.now().
const pageCode = `
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
function client(m) {
  return { baseUrl: 'https://gar.example/', resources: async () => m, favourites: async () => ({ resourceIds: [] }), setFavourites: async (ids) => ({ resourceIds: ids }), launchForm: async () => { throw new Error('no launch in the bench'); }, admin: {} };
}
const fold = (s) => s.normalize('NFD').replace(/\\p{M}/gu, '').toLowerCase();
const QUERIES = ['m', 'ma', 'mat', 'math', 'mathe', '', 'dic', 'histoire', 'geo', ''];

window.benchElement = async (n) => {
  const m = listing(n);
  const host = document.createElement('div'); host.style.width = '1000px'; document.body.append(host);
  const t0 = performance.now();
  const el = document.createElement('gar-mediacentre');
  el.storage = null; el.client = client(m); host.append(el);
  for (let i = 0; i < 10000 && el.status !== 'ready'; i++) await Promise.resolve();
  await el.updateComplete;
  el.shadowRoot.querySelector('.grid').offsetHeight;
  const render = performance.now() - t0;
  const input = el.shadowRoot.querySelector('input[type=search]');
  const keys = [];
  for (const q of QUERIES) {
    const t = performance.now();
    input.value = q; input.dispatchEvent(new Event('input'));
    await el.updateComplete;
    (el.shadowRoot.querySelector('.grid') ?? el.shadowRoot.querySelector('[part=empty]')).offsetHeight;
    keys.push(performance.now() - t);
  }
  return { render, keys, remove: () => host.remove() };
};
window.benchElementCleanup = () => { document.body.replaceChildren(); };

window.benchPlain = async (n) => {
  const m = listing(n);
  const host = document.createElement('div'); host.style.width = '1000px'; document.body.append(host);
  const t0 = performance.now();
  const ul = document.createElement('ul');
  ul.style.cssText = 'display:grid;grid-template-columns:repeat(auto-fill,minmax(11rem,1fr));gap:1rem;list-style:none;padding:0';
  const items = m.resources.map((r) => {
    const li = document.createElement('li'); li.style.cssText = 'display:flex;flex-direction:column;border:1px solid #ccc;min-height:15rem;content-visibility:auto;contain-intrinsic-size:auto 15rem';
    const thumb = document.createElement('div'); thumb.textContent = r.name.charAt(0); thumb.style.aspectRatio = '16/9';
    const b = document.createElement('button'); b.textContent = r.name; b.setAttribute('aria-label', 'Ouvrir ' + r.name);
    const p = document.createElement('span'); p.textContent = r.publisherName;
    const t = document.createElement('span'); t.textContent = r.presentationType.nom;
    const badge = document.createElement('span'); badge.textContent = 'GAR';
    const fav = document.createElement('button'); fav.textContent = '☆';
    const det = document.createElement('button'); det.textContent = 'ⓘ';
    li.append(thumb, b, p, t, badge, fav, det); ul.append(li);
    return { li, text: fold([r.name, r.publisherName, r.description, r.presentationType.nom].join(' ')) };
  });
  host.append(ul);
  ul.offsetHeight;
  const render = performance.now() - t0;
  const keys = [];
  for (const q of QUERIES) {
    const t = performance.now();
    const words = fold(q).split(/\\s+/).filter(Boolean);
    for (const it of items) it.li.hidden = !words.every((w) => it.text.includes(w));
    ul.offsetHeight;
    keys.push(performance.now() - t);
  }
  return { render, keys };
};
`;

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? Number.NaN;
const browser = await chromium.launch({
  executablePath: CHROMIUM,
  headless: true,
  args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking'],
});
const rows: BenchRow[] = [];

// Each run gets a fresh page, so that one run's garbage never counts in the next one's heap.
async function measure(
  kind: 'Element' | 'Plain',
  n: number,
): Promise<{ render: number; keys: number[]; heap: number }> {
  const page = await browser.newPage({ viewport: { width: 1100, height: 900 } });
  try {
    await page.setContent('<!doctype html><html lang="fr"><body></body></html>');
    await page.addScriptTag({ type: 'module', content: bundle.outputFiles[0]?.text ?? '' });
    await page.addScriptTag({ content: pageCode });
    await page.waitForFunction(() => customElements.get('gar-mediacentre') !== undefined);
    const cdp = await page.context().newCDPSession(page);
    const heap = async () => {
      await cdp.send('HeapProfiler.collectGarbage');
      await cdp.send('HeapProfiler.collectGarbage');
      return ((await cdp.send('Runtime.getHeapUsage')) as { usedSize: number }).usedSize;
    };
    const before = await heap();
    const r = (await page.evaluate(`window.bench${kind}(${n}).then((x) => ({ render: x.render, keys: x.keys }))`)) as {
      render: number;
      keys: number[];
    };
    return { ...r, heap: (await heap()) - before };
  } finally {
    await page.close();
  }
}

try {
  for (const n of sizes) {
    const el = { render: [] as number[], key: [] as number[], heap: [] as number[] };
    const plain = { render: [] as number[], key: [] as number[], heap: [] as number[] };
    for (let i = 0; i < runs; i++) {
      for (const [kind, acc] of [
        ['Element', el],
        ['Plain', plain],
      ] as const) {
        const r = await measure(kind, n);
        acc.heap.push(r.heap);
        acc.render.push(r.render);
        acc.key.push(...r.keys.slice(1));
      }
    }
    const row = (
      name: string,
      value: number,
      baseline: number,
      unit: string,
      target: string,
      ok: boolean,
    ): BenchRow => ({
      name: `${name} (${n})`,
      value,
      unit,
      baseline,
      baselineName: 'plain DOM',
      ratio: value / baseline,
      target,
      ok,
    });
    const render = median(el.render);
    const key = median(el.key);
    rows.push(
      row(
        'first full render',
        render,
        median(plain.render),
        'ms',
        n === 500 ? '≤ 100 ms at 500' : '—',
        n !== 500 || render <= 100,
      ),
    );
    rows.push(
      row(
        'keystroke to updated grid',
        key,
        median(plain.key),
        'ms',
        n === 500 ? '≤ 16 ms at 500' : '—',
        n !== 500 || key <= 16,
      ),
    );
    rows.push(row('JS heap used', median(el.heap) / 1024, median(plain.heap) / 1024, 'KiB', '—', true));
  }
} finally {
  await browser.close();
}
writeReport('mediacentre', rows, { sizes, runs, chromium: CHROMIUM });
