// `npm run release`: packs every published package (each one built by its `prepack`) into `.tmp/release/` and lists
// the tarballs, their sizes and the versions their `workspace:*` dependencies became — publishing nothing.
// `npm run release -- --publish [pnpm publish options, e.g. --tag next --otp 123456]` then publishes them with
// `pnpm publish -r` (pnpm writes the real versions in place of `workspace:*`, skips private packages and versions
// already on the registry, and publishes in dependency order).
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { pnpmCommand, root, run } from './lib.mjs';
import { kB, packAll } from './packages.mjs';

const args = process.argv.slice(2);
const publish = args.includes('--publish');
const dest = join(root, '.tmp', 'release');
rmSync(dest, { recursive: true, force: true });
const packs = packAll(dest);
for (const p of packs) {
  const internal = Object.entries(p.manifest.dependencies ?? {})
    .filter(([name]) => name.startsWith('@opengar/'))
    .map(([name, range]) => `${name}@${range}`);
  console.log(
    `${`${p.name}@${p.version}`.padEnd(26)} ${kB(p.size).padStart(9)} packed, ${kB(p.unpackedSize).padStart(10)} unpacked` +
      (internal.length ? `  (depends on ${internal.join(', ')})` : ''),
  );
}
if (!publish) {
  console.log(`\nDry run: tarballs in ${dest}. Publish with: npm run release -- --publish`);
  process.exit(0);
}
const [cmd, ...pre] = pnpmCommand();
run(cmd, [...pre, 'publish', '-r', '--access', 'public', ...args.filter((a) => a !== '--publish')]);
