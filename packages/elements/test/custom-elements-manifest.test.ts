// The custom-elements manifest (Storybook's docs, editors) must describe every element the package defines, and be
// what the analyzer writes from the current source: regenerate with `pnpm --filter @opengar/elements analyze`.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { it } from 'node:test';
import { fileURLToPath } from 'node:url';

const pkg = join(dirname(fileURLToPath(import.meta.url)), '..');

interface Manifest {
  modules: { path: string; declarations?: { tagName?: string; events?: unknown[]; cssParts?: unknown[] }[] }[];
}

/** The analyzer lists modules in the order its file walk finishes, which varies: compare them by path. */
const byPath = (m: Manifest): Manifest => ({
  ...m,
  modules: [...m.modules].sort((a, b) => a.path.localeCompare(b.path)),
});

const tagsIn = (m: Manifest) =>
  m.modules.flatMap((mod) => (mod.declarations ?? []).map((d) => d.tagName).filter((t): t is string => !!t)).sort();

it('the committed manifest lists every defined element, and is what the analyzer writes from the source', () => {
  const committed = JSON.parse(readFileSync(join(pkg, 'custom-elements.json'), 'utf8')) as Manifest;
  // Each element registers itself in its folder's define.ts (src/<element>/define.ts).
  const defined = readdirSync(join(pkg, 'src'), { withFileTypes: true })
    .filter((d) => d.isDirectory() && existsSync(join(pkg, 'src', d.name, 'define.ts')))
    .flatMap((d) =>
      [
        ...readFileSync(join(pkg, 'src', d.name, 'define.ts'), 'utf8').matchAll(
          /customElements\.define\(\s*'([a-z-]+)'/g,
        ),
      ].map((m) => m[1]!),
    )
    .sort();
  assert.ok(defined.length >= 4, `found ${defined.join(', ')}`);
  assert.deepEqual(tagsIn(committed), defined);
  // The analyzer resolves --outdir against its working directory: write next to the package, then remove it.
  const outdir = `.cem-check-${process.pid}`;
  const out = join(pkg, outdir);
  try {
    const cli = join(pkg, '..', '..', 'node_modules', '@custom-elements-manifest', 'analyzer', 'cem.js');
    execFileSync(process.execPath, [cli, 'analyze', '--outdir', outdir], { cwd: pkg, stdio: 'pipe' });
    const fresh = JSON.parse(readFileSync(join(out, 'custom-elements.json'), 'utf8')) as Manifest;
    assert.deepEqual(
      byPath(fresh),
      byPath(committed),
      'custom-elements.json is stale: run pnpm --filter @opengar/elements analyze',
    );
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
});

it('points at modules the package ships (dist/**/*.js), each built from a source file', () => {
  const text = readFileSync(join(pkg, 'custom-elements.json'), 'utf8');
  const paths = new Set(
    [...text.matchAll(/"(?:path|module)": "([^"]+)"/g)].map((m) => m[1]!).filter((p) => !p.startsWith('lit')),
  );
  assert.ok(paths.size > 10, `found ${paths.size} paths`);
  const built = existsSync(join(pkg, 'dist', 'index.js'));
  for (const path of paths) {
    assert.match(path, /^dist\/[\w./-]+\.js$/, `${path} is a shipped module`);
    assert.ok(existsSync(join(pkg, path.replace(/^dist\/(.*)\.js$/, 'src/$1.ts'))), `${path} has its source`);
    if (built) assert.ok(existsSync(join(pkg, path)), `${path} exists after the build`);
  }
});
