// The production bundle of <gar-mediacentre> with everything it loads (lit, @lit/context, its SDK client and ky,
// French built in) must stay within 25 KB gzip. Built from source as rollup.config.mjs builds dist/bundles
// (node-resolve with the browser conditions, esbuild, terser), in memory.
import assert from 'node:assert/strict';
import { dirname, join } from 'node:path';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import nodeResolve from '@rollup/plugin-node-resolve';
import terser from '@rollup/plugin-terser';
import { rollup } from 'rollup';
import esbuild from 'rollup-plugin-esbuild';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
const LIMIT = 25 * 1024;

async function bundle(entry: string): Promise<{ raw: number; gzip: number; modules: string[] }> {
  // node-resolve picks lit's development build unless NODE_ENV says production (the test runner sets `test`).
  process.env.NODE_ENV = 'production';
  const build = await rollup({
    input: join(root, entry),
    plugins: [
      nodeResolve({ browser: true, exportConditions: ['opengar-source', 'browser', 'import', 'default'] }),
      esbuild({
        target: 'es2022',
        tsconfig: join(root, 'tsconfig.base.json'),
        define: { 'process.env.NODE_ENV': '"production"' },
      }),
      terser({ format: { comments: false }, compress: { passes: 2 } }),
    ],
    onwarn: () => {},
  });
  const { output } = await build.generate({ format: 'es' });
  await build.close();
  const chunk = output[0];
  const code = Buffer.from(chunk.code);
  return { raw: code.byteLength, gzip: gzipSync(code, { level: 9 }).byteLength, modules: Object.keys(chunk.modules) };
}

describe('bundle size', () => {
  it('<gar-mediacentre> with lit, context and its SDK client is at most 25 KB gzip; the rest is reported', async () => {
    const lone = await bundle('packages/elements/src/define-mediacentre.ts');
    const embed = await bundle('packages/elements/test/fixtures/mediacentre-embed.ts');
    const sdk = await bundle('packages/sdk/src/index.ts');
    const every = await bundle('packages/elements/src/define-all.ts');
    const stats = await bundle('packages/elements/src/define-usage-stats.ts');
    console.log(
      `# <gar-mediacentre>: ${lone.raw} B, ${lone.gzip} B gzip; with <gar-client-provider>: ${embed.gzip} B gzip; ` +
        `sdk alone: ${sdk.raw} B, ${sdk.gzip} B gzip; define-all: ${every.gzip} B gzip; <gar-usage-stats>: ${stats.gzip} B gzip`,
    );
    assert.ok(
      !stats.modules.some((p) => p.includes('/zod/') || p.includes('/mediacentre/mediacentre.ts')),
      '<gar-usage-stats> is zod-free and without the médiacentre',
    );
    assert.ok(stats.gzip <= 35 * 1024, `<gar-usage-stats>: ${stats.gzip} B gzip > ${35 * 1024} B`);
    assert.ok(
      lone.modules.some((p) => p.includes('lit-html')),
      'lit is in the bundle',
    );
    assert.ok(
      lone.modules.some((p) => p.includes('/ky/')),
      'ky is in the bundle',
    );
    assert.ok(
      lone.modules.some((p) => p.includes('@lit/context') || p.includes('@lit+context')),
      '@lit/context is in the bundle',
    );
    assert.ok(
      lone.modules.some((p) => p.includes('create-mediacentre-client')),
      'its SDK client is in the bundle',
    );
    assert.ok(
      !lone.modules.some((p) => p.includes('console-client') || p.includes('stats-client')),
      'the console and statistics calls stay out',
    );
    assert.ok(!lone.modules.some((p) => p.includes('/zod/')), 'zod stays out: the SDK imports only types from core');
    assert.ok(lone.gzip <= LIMIT, `${lone.gzip} B gzip > ${LIMIT} B`);
    // What an ENT page embeds: the provider and the médiacentre together stay within the budget too.
    assert.ok(
      !embed.modules.some((p) => p.includes('console-client') || p.includes('stats-client')),
      'the provider pulls no console or statistics calls',
    );
    assert.ok(embed.gzip <= LIMIT, `provider + médiacentre: ${embed.gzip} B gzip > ${LIMIT} B`);
  });

  // 38 KB since the subscriptions, synchronisation and notifications tabs (+6 KB gzip, most of it their fr/en texts).
  it('<gar-allocation-panel> with lit, context and the full client is reported, zod-free, within 38 KB gzip', async () => {
    const panel = await bundle('packages/elements/src/define-allocation-panel.ts');
    console.log(`# <gar-allocation-panel>: ${panel.raw} B, ${panel.gzip} B gzip`);
    assert.ok(
      panel.modules.some((p) => p.includes('console-client')),
      'the console calls are in the bundle',
    );
    assert.ok(!panel.modules.some((p) => p.includes('/mediacentre/mediacentre.ts')), 'the médiacentre stays out');
    assert.ok(!panel.modules.some((p) => p.includes('/zod/')), 'zod stays out: the panel imports only types from core');
    assert.ok(panel.gzip <= 38 * 1024, `${panel.gzip} B gzip > ${38 * 1024} B`);
  });
});
