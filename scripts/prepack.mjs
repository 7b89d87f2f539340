// `prepack` of every published package (run by `pnpm pack`/`pnpm publish` in the package's folder): builds what the
// tarball ships, so a clean clone packs `dist/`. `tsc -b` builds the package and the packages it references; a package
// with its own `rollup.config.mjs` (the elements' single-file bundle) is bundled after.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { root, run } from './lib.mjs';

const dir = process.cwd();
run(process.execPath, [join(root, 'node_modules', 'typescript', 'bin', 'tsc'), '-b', dir]);
const rollupConfig = ['rollup.config.mjs', 'rollup.config.js'].find((f) => existsSync(join(dir, f)));
if (rollupConfig) {
  run(process.execPath, [join(root, 'node_modules', 'rollup', 'dist', 'bin', 'rollup'), '-c', rollupConfig], {
    cwd: dir,
  });
}
