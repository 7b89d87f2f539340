// The year views of <gar-allocation-panel> (subscriptions, synchronisation, notifications) against the reference
// service in the page: `year` seeds a sync report and notifications; without it the synchronisation tab is empty.
import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import type { PanelTab } from '../packages/elements/src/allocation-panel/localize/translation.js';
import {
  consoleService,
  CONSOLE_ISSUER,
  type ConsoleService,
} from '../packages/elements/test/allocation-panel-service.js';

interface Args {
  user: 'head' | 'delegate' | 'librarian';
  tab: PanelTab;
  lang: 'fr' | 'en';
  theme: 'auto' | 'light' | 'dark';
  year: boolean;
  overAllocated: boolean;
}

const meta: Meta<Args> = {
  title: 'Console/gar-allocation-panel/Year',
  component: 'gar-allocation-panel',
  args: { user: 'head', tab: 'subscriptions', lang: 'fr', theme: 'auto', year: true, overAllocated: true },
  argTypes: {
    user: { control: 'select', options: ['head', 'delegate', 'librarian'] },
    tab: { control: 'select', options: ['subscriptions', 'sync', 'inbox'] },
    lang: { control: 'inline-radio', options: ['fr', 'en'] },
    theme: { control: 'inline-radio', options: ['auto', 'light', 'dark'] },
    year: { control: 'boolean' },
    overAllocated: { control: 'boolean' },
  },
  loaders: [
    async ({ args }) => ({
      svc: await consoleService({
        year: (args as Args).year,
        overAllocated: (args as Args).overAllocated,
        fresh: true,
      }),
    }),
  ],
  render: (args, { loaded }) => {
    const svc = loaded.svc as ConsoleService;
    return html`<gar-client-provider service-url=${CONSOLE_ISSUER} .fetch=${svc.fetch} .getToken=${svc.tokenFor(args.user)}>
      <gar-allocation-panel lang=${args.lang} theme=${args.theme} tab=${args.tab} .now=${() => svc.now().getTime()}></gar-allocation-panel>
    </gar-client-provider>`;
  },
};
export default meta;

type Story = StoryObj<Args>;

export const Subscriptions: Story = {};
export const SubscriptionsInEnglish: Story = { args: { lang: 'en' } };
export const Synchronisation: Story = { args: { tab: 'sync' } };
export const SynchronisationNoFeedYet: Story = { args: { tab: 'sync', year: false } };
export const Notifications: Story = { args: { tab: 'inbox' } };
export const NotificationsEmpty: Story = { args: { tab: 'inbox', year: false } };
export const LibrarianReadOnly: Story = { args: { user: 'librarian', tab: 'subscriptions' } };
