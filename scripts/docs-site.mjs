// `npm run docs:site`: builds the static documentation site into docs/site/ (git-ignored):
//   docs/site/index.html        the index of the guides (rendered from docs/*.md with `marked`)
//   docs/site/<guide>.html      one page per guide
//   docs/site/api/              the typedoc API reference of every package
//   docs/site/openapi.json      the service's OpenAPI 3.1 document, made in-process (memory store, hand-off routes)
//   docs/site/reference.html    the self-contained HTTP reference page (renderDocsPage of @opengar/server)
// The OpenAPI part runs in a child process under tsx with the `opengar-source` condition (the packages' sources).
import { mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { root, run } from './lib.mjs';

const site = join(root, 'docs', 'site');
/** Guides written in French (the page's `lang`). */
const FRENCH = new Set(['guide-responsable-affectation.md', 'guide-enseignant.md']);

if (process.argv[2] === '--openapi') {
  await writeOpenApi();
} else {
  run(process.execPath, [join(root, 'scripts', 'setup.mjs')]);
  rmSync(site, { recursive: true, force: true });
  mkdirSync(site, { recursive: true });
  run(process.execPath, [join(root, 'node_modules', 'typedoc', 'bin', 'typedoc'), '--out', join(site, 'api')]);
  run(process.execPath, [
    '--import',
    'tsx',
    '--conditions=opengar-source',
    fileURLToPath(import.meta.url),
    '--openapi',
  ]);
  await writeGuides();
  console.log(`Documentation site written to ${site} (open index.html).`);
}

/** The OpenAPI document and reference page, from the app created in-process exactly as `opengar serve` mounts it. */
async function writeOpenApi() {
  // the root does not depend on @opengar/server: import its sources by path (tsx, `opengar-source` condition)
  const server = await import(pathToFileURL(join(root, 'packages', 'server', 'src', 'index.ts')).href);
  const {
    createGarService,
    createHttpApp,
    createMemoryStore,
    createKeyManager,
    createHandoffRoutes,
    generateKeyEncryptionKey,
    renderDocsPage,
    silentLogger,
  } = server;
  const store = createMemoryStore();
  const service = createGarService({
    store,
    issuer: 'https://gar.example',
    pseudonymSecret: 'docs-site-pseudonym-secret-not-used-0123',
    statisticsSecret: 'docs-site-statistics-secret-not-used',
    signingKeys: createKeyManager({ store, kek: generateKeyEncryptionKey() }),
    logger: silentLogger,
  });
  const handoff = createHandoffRoutes({ service });
  const app = createHttpApp(service, { routes: [handoff], logger: silentLogger });
  const res = await app.request('/openapi.json');
  if (!res.ok) throw new Error(`/openapi.json answered ${res.status}`);
  const document = await res.json();
  mkdirSync(site, { recursive: true });
  writeFileSync(join(site, 'openapi.json'), `${JSON.stringify(document, null, 2)}\n`);
  writeFileSync(join(site, 'reference.html'), renderDocsPage(document));
  await store.close?.();
}

/** Renders every docs/*.md guide to HTML, rewriting links between guides to the .html pages. */
async function writeGuides() {
  const { marked } = await import('marked');
  // GitHub-style heading ids, so that links such as handoff.md#cas-30 land on the heading
  marked.use({
    renderer: {
      heading({ tokens, depth, text }) {
        const id = text
          .toLowerCase()
          .replace(/<[^>]*>/g, '')
          .replace(/[^\p{L}\p{N}\s_-]/gu, '')
          .trim()
          .replace(/\s/g, '-');
        return `<h${depth} id="${id}">${this.parser.parseInline(tokens)}</h${depth}>\n`;
      },
    },
  });
  const docs = join(root, 'docs');
  const guides = readdirSync(docs)
    .filter((f) => f.endsWith('.md'))
    .sort();
  const titles = new Map();
  for (const file of guides) {
    const md = readFileSync(join(docs, file), 'utf8');
    titles.set(file, /^#\s+(.+)$/m.exec(md)?.[1] ?? file);
    const html = marked.parse(linkToPages(md), { gfm: true, async: false });
    const name = file === 'README.md' ? 'index.html' : file.replace(/\.md$/, '.html');
    writeFileSync(
      join(site, name),
      page(titles.get(file), html, file === 'README.md' ? '' : nav(), FRENCH.has(file) ? 'fr' : 'en'),
    );
  }
  // the index (docs/README.md) also lists every page the site holds
  const list = guides
    .filter((f) => f !== 'README.md')
    .map((f) => `<li><a href="${f.replace(/\.md$/, '.html')}">${escapeHtml(titles.get(f))}</a></li>`)
    .join('\n');
  const index = marked.parse(linkToPages(readFileSync(join(docs, 'README.md'), 'utf8')), { gfm: true, async: false });
  writeFileSync(
    join(site, 'index.html'),
    page(
      titles.get('README.md'),
      `${index}\n<h2>Every page</h2>\n<ul>\n${list}\n<li><a href="reference.html">HTTP API reference</a> (<a href="openapi.json">openapi.json</a>)</li>\n<li><a href="api/index.html">TypeScript API reference</a> (typedoc)</li>\n</ul>`,
      '',
    ),
  );
}

/** `guide.md` → `guide.html`; links out of docs/ (package READMEs, sources) point at the repository files. */
function linkToPages(md) {
  return md.replace(/\]\(([^)\s]+)\)/g, (all, href) => {
    if (/^[a-z]+:/i.test(href) || href.startsWith('#')) return all;
    const [path, hash] = href.split('#');
    if (/^[\w-]+\.md$/.test(path))
      return `](${path === 'README.md' ? 'index.html' : path.replace(/\.md$/, '.html')}${hash ? `#${hash}` : ''})`;
    return `](../${path}${hash ? `#${hash}` : ''})`; // docs/site/ is one level below docs/
  });
}

function nav() {
  return '<nav><a href="index.html">opengar documentation</a> · <a href="reference.html">HTTP API</a> · <a href="api/index.html">TypeScript API</a></nav>';
}

function page(title, body, header, lang = 'en') {
  return `<!doctype html>
<html lang="${lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)} · opengar</title>
<style>
body { font: 16px/1.55 system-ui, sans-serif; max-width: 52rem; margin: 2rem auto; padding: 0 1rem; color: #1b1b1b; }
pre { background: #f4f4f6; padding: .75rem 1rem; overflow-x: auto; }
code { font: .9em ui-monospace, monospace; }
table { border-collapse: collapse; } th, td { border: 1px solid #ccd; padding: .3rem .5rem; text-align: left; vertical-align: top; }
nav { margin-bottom: 1.5rem; }
</style>
</head>
<body>
${header}
<main>
${body}
</main>
</body>
</html>
`;
}

function escapeHtml(text) {
  return String(text).replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c],
  );
}
