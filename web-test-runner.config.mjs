// Browser tests (`packages/*/test/**/*.browser.test.ts`) in Debian's headless Chromium. TypeScript goes through
// esbuild with a tsconfig that sets the legacy decorators itself (esbuild does not follow `extends`), and packages
// are read from source through the `opengar-source` condition, as in the Node tests.
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { esbuildPlugin } from '@web/dev-server-esbuild';
import { chromeLauncher } from '@web/test-runner-chrome';
import { build } from 'esbuild';

const root = fileURLToPath(new URL('.', import.meta.url));
const require = createRequire(import.meta.url);

/**
 * Serves CommonJS dependencies of the in-page reference service (an XML parser) as ES modules with named exports:
 * esbuild bundles the package, and Node tells which names it exports.
 */
function commonjsAsEsm(packages) {
  const names = packages.join('|');
  const test = new RegExp(`/node_modules/\\.pnpm/(${names})@[^/]+/node_modules/(${names})/[^/]+\\.js$`);
  return {
    name: 'opengar-commonjs-as-esm',
    async transform(context) {
      if (!test.test(context.path)) return undefined;
      const file = join(root, decodeURIComponent(context.path));
      const exported = Object.keys(require(file)).filter((n) => n !== 'default' && /^[A-Za-z_$][\w$]*$/.test(n));
      const out = await build({
        stdin: {
          contents: `const m = require(${JSON.stringify(file)});\nexport default m;\nexport const { ${exported.join(', ')} } = m;`,
          resolveDir: root,
        },
        bundle: true,
        format: 'esm',
        platform: 'browser',
        write: false,
        logLevel: 'silent',
      });
      return { body: out.outputFiles[0]?.text ?? '' };
    },
  };
}

export const CHROMIUM = process.env.OPENGAR_CHROMIUM ?? '/usr/bin/chromium';

export default {
  rootDir: '.',
  files: ['packages/*/test/**/*.browser.test.ts'],
  nodeResolve: { exportConditions: ['opengar-source', 'browser', 'import', 'default'] },
  plugins: [
    commonjsAsEsm(['saxes', 'xmlchars']),
    esbuildPlugin({ ts: true, target: 'es2022', tsconfig: 'tsconfig.browser-tests.json' }),
    // Chromium's accessibility tree as assistive technology gets it (`executeServerCommand('a11y-tree')`: ignored
    // nodes left out, their children in their place), with roles and names; @web/test-runner-commands' a11ySnapshot
    // keeps only the "interesting" nodes, which leaves lists out.
    {
      name: 'opengar-a11y-tree',
      async executeCommand({ command, session }) {
        if (command !== 'a11y-tree') return undefined;
        const cdp = await session.browser.getPage(session.id).createCDPSession();
        const { nodes } = await cdp.send('Accessibility.getFullAXTree');
        await cdp.detach();
        const byId = new Map(nodes.map((n) => [n.nodeId, n]));
        const build = (n) => {
          const children = (n.childIds ?? []).flatMap((id) => {
            const c = byId.get(id);
            return !c ? [] : c.ignored ? build(c).children : [build(c)];
          });
          return { role: n.role?.value, name: n.name?.value, children };
        };
        return build(nodes[0]);
      },
    },
  ],
  browsers: [
    chromeLauncher({
      launchOptions: {
        executablePath: CHROMIUM,
        headless: true,
        args: [
          '--no-sandbox',
          '--disable-gpu',
          '--disable-quic',
          '--no-first-run',
          '--disable-background-networking',
          '--disable-component-update',
          '--disable-sync',
        ],
      },
    }),
  ],
  concurrency: 1,
  // Ceilings for a loaded CI machine, not speed targets.
  testsFinishTimeout: 360_000,
  testFramework: { config: { timeout: 60_000 } },
};
