// <gar-allocation-panel> at the demo's école (fed in 1D), as its director, who also teaches the CM2: the two roles in
// the header, « Donner à toutes mes classes » and « Donner à ma classe », no librarian pool.
import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import type { PanelTab } from '../packages/elements/src/allocation-panel/localize/translation.js';
import {
  consoleService,
  CONSOLE_ISSUER,
  type ConsoleService,
} from '../packages/elements/test/allocation-panel-service.js';

interface Args {
  tab: PanelTab;
  lang: 'fr' | 'en';
  theme: 'page' | 'auto' | 'light' | 'dark';
}

const meta: Meta<Args> = {
  title: 'Console/gar-allocation-panel (école)',
  component: 'gar-allocation-panel',
  args: { tab: 'resources', lang: 'fr', theme: 'page' },
  argTypes: {
    tab: { control: 'select', options: ['resources', 'population', 'dashboard', 'audit', 'sync'] },
    lang: { control: 'inline-radio', options: ['fr', 'en'] },
    theme: { control: 'inline-radio', options: ['page', 'auto', 'light', 'dark'] },
  },
  loaders: [async () => ({ svc: await consoleService({}) })],
  render: (args, { loaded }) => {
    const svc = loaded.svc as ConsoleService;
    return html`<gar-client-provider service-url=${CONSOLE_ISSUER} .fetch=${svc.fetch} .getToken=${svc.tokenFor('ecole-director')}>
      <gar-allocation-panel lang=${args.lang} theme=${args.theme} tab=${args.tab} .now=${() => svc.now().getTime()}></gar-allocation-panel>
    </gar-client-provider>`;
  },
};
export default meta;

type Story = StoryObj<Args>;

/** The director's console: choose « Calcul malin », then « Donner à toutes mes classes ». */
export const Director: Story = {};
export const English: Story = { args: { lang: 'en' } };
export const Dark: Story = { args: { theme: 'dark' }, globals: { backgrounds: { value: 'dark' } } };
/** The école seen by population: its five classes, CP to CM2. */
export const ByPopulation: Story = { args: { tab: 'population' } };
