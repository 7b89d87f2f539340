import { setCustomElementsManifest } from '@storybook/web-components-vite';
import type { Preview } from '@storybook/web-components-vite';
import manifest from '../packages/elements/custom-elements.json';
import '../packages/elements/src/define-all.js';

setCustomElementsManifest(manifest);

const preview: Preview = {
  parameters: {
    controls: { expanded: true },
    layout: 'padded',
    // Storybook 10's backgrounds: named options here, chosen per story with `globals: { backgrounds: { value } }`.
    backgrounds: {
      options: {
        light: { name: 'Light', value: '#ffffff' },
        dark: { name: 'Dark', value: '#16161a' },
      },
    },
  },
  initialGlobals: { backgrounds: { value: 'light' } },
  tags: ['autodocs'],
};

export default preview;
