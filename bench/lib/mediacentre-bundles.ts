// The two médiacentres the bench compares, each bundled as an ENT page would load it (define-mediacentre.ts with lit
// and the SDK, minified, lit's production build): today's sources with the package's own bundle plugins (lit's
// templates minified too), and the baseline, the element's sources at a pinned commit (default: the branch point of
// the rendering work, before chunked rendering and the lean tiles), read with `git archive` into a temporary folder and
// bundled as that commit's bench did (esbuild, minified). The baseline uses today's core and SDK: only the element
// differs.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'esbuild';
import { rollup } from 'rollup';
// @ts-expect-error: a plain ES module config, without types
import { bundlePlugins } from '../../packages/elements/rollup.config.mjs';

/** The commit whose `<gar-mediacentre>` is the baseline (override with OPENGAR_BENCH_BASELINE=<commit>). */
export const BASELINE_COMMIT = process.env.OPENGAR_BENCH_BASELINE ?? 'f48ca8c';

async function bundle(entry: string, nodePaths: string[]): Promise<string> {
  const out = await build({
    entryPoints: [entry],
    bundle: true,
    minify: true,
    format: 'esm',
    target: 'es2022',
    write: false,
    nodePaths,
    conditions: ['opengar-source', 'browser', 'import', 'default'],
    define: { 'process.env.NODE_ENV': '"production"' },
    tsconfigRaw: { compilerOptions: { experimentalDecorators: true, useDefineForClassFields: false } },
    logLevel: 'silent',
  });
  return out.outputFiles[0]?.text ?? '';
}

/** Today's element and the baseline's, as module source text. */
export async function mediacentreBundles(root: string): Promise<{ current: string; baseline: string }> {
  const elements = join(root, 'packages/elements');
  process.env.NODE_ENV = 'production';
  const built = await rollup({
    input: join(elements, 'src/define-mediacentre.ts'),
    plugins: bundlePlugins(),
    onwarn: () => {},
  });
  const current = (await built.generate({ format: 'es' })).output[0].code;
  await built.close();
  const dir = mkdtempSync(join(tmpdir(), 'opengar-bench-baseline-'));
  try {
    const tar = execFileSync('git', ['archive', BASELINE_COMMIT, 'packages/elements/src'], {
      cwd: root,
      maxBuffer: 64 << 20,
    });
    execFileSync('tar', ['-x', '-C', dir], { input: tar });
    const baseline = await bundle(join(dir, 'packages/elements/src/define-mediacentre.ts'), [
      join(elements, 'node_modules'),
    ]);
    return { current, baseline };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
