// Storybook for the opengar elements: the stories run the real reference service (memory store, demo seed) inside
// the browser, so every state is the service's own answer, with no network.
import type { StorybookConfig } from '@storybook/web-components-vite';
import { mergeConfig } from 'vite';

const config: StorybookConfig = {
  stories: ['../stories/**/*.stories.ts', '../stories/**/*.mdx'],
  framework: { name: '@storybook/web-components-vite', options: {} },
  core: { disableTelemetry: true },
  // The demo catalogue's thumbnails, at the path the in-page service gives them (as in the browser tests).
  staticDirs: [{ from: '../stories/public', to: '/stories/public' }],
  docs: {},
  viteFinal: (vite) =>
    mergeConfig(vite, {
      // Workspace packages from source, as in the tests.
      resolve: { conditions: ['opengar-source', 'browser', 'module', 'import', 'default'] },
      define: { 'process.env.NODE_ENV': JSON.stringify('production') },
    }),
};

export default config;
