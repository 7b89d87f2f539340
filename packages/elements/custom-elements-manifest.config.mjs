// `pnpm --filter @opengar/elements analyze` writes custom-elements.json (used by Storybook's docs and editors).
// The plugin drops what the analyzer misreads: reactive state declared in `static properties` (private fields, not
// attributes) and the nameless event it infers from `dispatchEvent(new GarErrorEvent(…))` (documented by @fires).
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
