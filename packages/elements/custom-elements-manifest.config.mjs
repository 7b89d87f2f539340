// `pnpm --filter @opengar/elements analyze` writes custom-elements.json (used by Storybook's docs and editors).
// The plugin drops what the analyzer misreads: reactive state declared in `static properties` (private fields, not
// attributes) and the nameless event it infers from `dispatchEvent(new GarErrorEvent(…))` (documented by @fires).
// Paths name the JavaScript modules the package ships (`dist/**/*.js`), not the TypeScript it is written in: the
// analyzer writes `src/x.ts` for modules, `/src/x.js` (which exists nowhere) for some references and `./x.js`
// (relative to the module) for re-exports.
import { posix } from 'node:path';

const shipped = (path) => path.replace(/^\/?src\/(.*)\.(?:ts|js)$/, 'dist/$1.js');
function toShipped(node, from) {
  if (Array.isArray(node)) for (const item of node) toShipped(item, from);
  else if (node && typeof node === 'object')
    for (const [key, value] of Object.entries(node)) {
      if ((key === 'path' || key === 'module') && typeof value === 'string') {
        const path = value.startsWith('.') ? posix.join(posix.dirname(from), value) : value;
        node[key] = shipped(path);
      } else toShipped(value, from);
    }
}

const tidy = {
  name: 'opengar-tidy',
  packageLinkPhase({ customElementsManifest }) {
    // The file walk finishes in a varying order: sort modules so that the manifest is the same on every run.
    customElementsManifest.modules.sort((a, b) => a.path.localeCompare(b.path));
    for (const mod of customElementsManifest.modules) {
      for (const d of mod.declarations ?? []) {
        if (!d.customElement) continue;
        const hidden = new Set(
          (d.members ?? []).filter((m) => m.privacy === 'private' || m.privacy === 'protected').map((m) => m.name),
        );
        d.attributes = (d.attributes ?? []).filter((a) => !hidden.has(a.fieldName));
        d.events = (d.events ?? []).filter((e) => e.name);
        d.members = (d.members ?? []).filter((m) => m.privacy !== 'private');
      }
    }
    for (const mod of customElementsManifest.modules) toShipped(mod, mod.path);
  },
};

export default {
  globs: ['src/**/*.ts'],
  exclude: ['src/**/*.test.ts'],
  outdir: '.',
  litelement: true,
  packagejson: false,
  plugins: [tidy],
};
