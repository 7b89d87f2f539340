// The single-file builds of @opengar/elements for pages without a bundler: every element, the provider, English and
// the SDK with lit, @lit/context and ky, as one minified ES module, `dist/opengar-elements.min.js`, exported as
// `@opengar/elements/bundle` and served as is by a CDN (`<script type="module" src="…/opengar-elements.min.js">`);
// and the médiacentre alone (provider, médiacentre, English), `dist/opengar-mediacentre.min.js`
// (`@opengar/elements/bundle-mediacentre`).
// Built by the package's `build` (and `prepack`); the root rollup config imports this one. Its size is checked by
// test/bundle-size.test.ts and written in the README.
import { fileURLToPath } from 'node:url';
import minifyHtml from '@lit-labs/rollup-plugin-minify-html-literals';
import nodeResolve from '@rollup/plugin-node-resolve';
import terser from '@rollup/plugin-terser';
import esbuild from 'rollup-plugin-esbuild';

const here = (path) => fileURLToPath(new URL(path, import.meta.url));

/**
 * The plugins of every opengar browser bundle: sources through `opengar-source`, lit's production build, minified,
 * with lit's `html` and `css` templates minified too (whitespace between tags is text nodes on every render: a
 * médiacentre grid of 2,000 tiles held about 40,000 of them before).
 */
export function bundlePlugins() {
  return [
    nodeResolve({ browser: true, exportConditions: ['opengar-source', 'browser', 'import', 'default'] }),
    esbuild({
      target: 'es2022',
      tsconfig: here('../../tsconfig.base.json'),
      define: { 'process.env.NODE_ENV': '"production"' },
    }),
    minifyHtml({ include: [here('src/**'), '**/packages/elements/src/**'], failOnError: true }),
    terser({ format: { comments: false }, compress: { passes: 2 } }),
  ];
}

/** Rollup's warnings, less those about dependencies' code (lit's circular imports, zod's misplaced annotations). */
export function onwarn(warning, warn) {
  if (warning.code === 'CIRCULAR_DEPENDENCY' && warning.ids?.some((id) => id.includes('node_modules'))) return;
  if (warning.code === 'INVALID_ANNOTATION' && warning.id?.includes('node_modules')) return;
  warn(warning);
}

/** Where the single-file build goes, and from what. */
export const elementsBundle = {
  input: here('src/define-all.ts'),
  file: here('dist/opengar-elements.min.js'),
};

/** The médiacentre-only single file an ENT page loads (provider, médiacentre, English): `@opengar/elements/bundle-mediacentre`. */
export const mediacentreBundle = {
  input: here('src/bundle-mediacentre.ts'),
  file: here('dist/opengar-mediacentre.min.js'),
};

export default [elementsBundle, mediacentreBundle].map(({ input, file }) => ({
  input,
  // One file each: what elements load on demand (« données transmises ») is inlined, not split into a chunk.
  // Maps without the sources embedded: they held 600 KB each and made the tarball 1 MB.
  output: { file, format: 'es', sourcemap: true, sourcemapExcludeSources: true, inlineDynamicImports: true },
  plugins: bundlePlugins(),
  onwarn,
}));
