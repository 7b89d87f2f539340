// Production bundles of the browser-facing packages, minified, with their sizes reported by scripts/sizes.mjs and
// checked by size-budget tests. Packages are read from source (the `opengar-source` condition), so a bundle is what
// a browser would load with every dependency included.
import { existsSync } from 'node:fs';
import nodeResolve from '@rollup/plugin-node-resolve';
import terser from '@rollup/plugin-terser';
import esbuild from 'rollup-plugin-esbuild';

const bundles = [
  { input: 'packages/core/src/index.ts', file: 'dist/bundles/opengar-core.min.js' },
  { input: 'packages/verifier/src/index.ts', file: 'dist/bundles/opengar-verifier.min.js' },
  { input: 'packages/sdk/src/index.ts', file: 'dist/bundles/opengar-sdk.min.js' },
  { input: 'packages/elements/src/define-all.ts', file: 'dist/bundles/opengar-elements.min.js' },
].filter((b) => existsSync(b.input));

export default bundles.map(({ input, file }) => ({
  input,
  output: { file, format: 'es', sourcemap: true },
  plugins: [
    nodeResolve({ browser: true, exportConditions: ['opengar-source', 'browser', 'import', 'default'] }),
    esbuild({ target: 'es2022', tsconfig: 'tsconfig.base.json', define: { 'process.env.NODE_ENV': '"production"' } }),
    terser({ format: { comments: false }, compress: { passes: 2 } }),
  ],
  onwarn(warning, warn) {
    if (warning.code === 'CIRCULAR_DEPENDENCY' && warning.ids?.some((id) => id.includes('node_modules'))) return;
    warn(warning);
  },
}));
