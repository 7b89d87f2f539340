// `prepack` of every published package (run by `pnpm pack`/`pnpm publish` in the package's folder): builds what the
// tarball ships, so a clean clone packs `dist/`. `tsc -b` builds the package and the packages it references; a package
// with its own `rollup.config.mjs` (the elements' single-file bundle) is bundled after.
import { existsSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { root, run } from './lib.mjs';

const dir = process.cwd();
// A package whose `dist/` was deleted by hand keeps a `tsconfig.tsbuildinfo` that tells `tsc -b` it is up to date, so
// it would emit nothing and the tarball would ship no code: forget the build state of every package without `dist/`.
for (const name of readdirSync(join(root, 'packages'))) {
  const pkg = join(root, 'packages', name);
  if (!existsSync(join(pkg, 'dist'))) rmSync(join(pkg, 'tsconfig.tsbuildinfo'), { force: true });
}
run(process.execPath, [join(root, 'node_modules', 'typescript', 'bin', 'tsc'), '-b', dir]);
const rollupConfig = ['rollup.config.mjs', 'rollup.config.js'].find((f) => existsSync(join(dir, f)));
if (rollupConfig) {
  run(process.execPath, [join(root, 'node_modules', 'rollup', 'dist', 'bin', 'rollup'), '-c', rollupConfig], {
    cwd: dir,
  });
}
