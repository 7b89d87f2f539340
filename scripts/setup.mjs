// Makes a fresh clone ready: installs dependencies from the lockfile when needed, then builds (incrementally).
// Used by `npm run demo`, `npm test` and the other root scripts, so a newcomer needs only Node and npm.
import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { pnpmCommand, root, run } from './lib.mjs';

const [major, minor] = process.versions.node.split('.').map(Number);
if (major < 20 || (major === 20 && minor < 19)) {
  console.error(`opengar needs Node.js 20.19 or newer; this is ${process.versions.node}.`);
  process.exit(1);
}
// The published packages declare Node.js 22.12 (ky 2 needs 22); the repository's own tooling still runs on 20.19, and
// the packages check and the guide tests run the packed packages on 22.12 whatever Node.js runs this (.ci/run puts 22.12 first).
if (major < 22 || (major === 22 && minor < 12))
  console.log(
    `opengar: Node.js ${process.versions.node} runs the repository; the packages need 22.12 or newer (npm test fetches it for the packed packages).`,
  );

const marker = join(root, 'node_modules', '.modules.yaml');
const lock = join(root, 'pnpm-lock.yaml');
const stale = !existsSync(marker) || statSync(lock).mtimeMs > statSync(marker).mtimeMs;
if (stale) {
  const [cmd, ...pre] = pnpmCommand();
  console.log('opengar: installing dependencies (pnpm install --frozen-lockfile)…');
  run(cmd, [...pre, 'install', '--frozen-lockfile']);
}
if (!process.argv.includes('--no-build')) {
  run(process.execPath, [join(root, 'node_modules', 'typescript', 'bin', 'tsc'), '-b']);
}
