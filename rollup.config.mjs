// Production bundles of the browser-facing packages, minified, with their sizes reported by the size-budget tests.
// Packages are read from source (the `opengar-source` condition), so a bundle is what a browser would load with every
// dependency included. The elements' single-file build is the package's own (packages/elements/rollup.config.mjs,
// shipped in @opengar/elements as dist/opengar-elements.min.js); the others go to dist/bundles/.
import { existsSync } from 'node:fs';
import elements, { bundlePlugins, onwarn } from './packages/elements/rollup.config.mjs';

const bundles = [
  { input: 'packages/core/src/index.ts', file: 'dist/bundles/opengar-core.min.js' },
  { input: 'packages/verifier/src/index.ts', file: 'dist/bundles/opengar-verifier.min.js' },
  { input: 'packages/sdk/src/index.ts', file: 'dist/bundles/opengar-sdk.min.js' },
].filter((b) => existsSync(b.input));

export default [
  ...bundles.map(({ input, file }) => ({
    input,
    output: { file, format: 'es', sourcemap: true },
    plugins: bundlePlugins(),
    onwarn,
  })),
  ...elements,
];
