// Browser tests (`packages/*/test/**/*.browser.test.ts`) in Debian's headless Chromium. TypeScript goes through
// esbuild with a tsconfig that sets the legacy decorators itself (esbuild does not follow `extends`), and packages
// are read from source through the `opengar-source` condition, as in the Node tests.
import { esbuildPlugin } from '@web/dev-server-esbuild';
import { chromeLauncher } from '@web/test-runner-chrome';

export const CHROMIUM = process.env.OPENGAR_CHROMIUM ?? '/usr/bin/chromium';

export default {
  rootDir: '.',
  files: ['packages/*/test/**/*.browser.test.ts'],
  nodeResolve: { exportConditions: ['opengar-source', 'browser', 'import', 'default'] },
  plugins: [esbuildPlugin({ ts: true, target: 'es2022', tsconfig: 'tsconfig.browser-tests.json' })],
  browsers: [
    chromeLauncher({
      launchOptions: {
        executablePath: CHROMIUM,
        headless: true,
        args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
      },
    }),
  ],
  concurrency: 1,
  testsFinishTimeout: 180_000,
  testFramework: { config: { timeout: 20_000 } },
};
