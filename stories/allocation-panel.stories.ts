// <gar-allocation-panel> against the reference service running in the page (memory store, demo seed, a support
// contact): each story signs in as a demo user, opens a tab, or bends the service's answers to show a state.
import type { Meta, StoryObj } from '@storybook/web-components-vite';
import type { FetchLike } from '@opengar/sdk';
import { html } from 'lit';
import type { GarAllocationPanel } from '../packages/elements/src/allocation-panel/allocation-panel.js';
import type { PanelTab } from '../packages/elements/src/allocation-panel/localize/translation.js';
import {
  consoleService,
  CONSOLE_ISSUER,
  type ConsoleService,
} from '../packages/elements/test/allocation-panel-service.js';

type UserKey = 'head' | 'lycee-head' | 'delegate' | 'teacher' | 'pupil';
interface Args {
  user: UserKey;
  tab: PanelTab;
  lang: 'fr' | 'en';
  theme: 'page' | 'auto' | 'light' | 'dark';
  style: string;
  twoSchools: boolean;
}

const problem = (status: number, code: string) =>
  Response.json(
    { type: `https://opengar.dev/problems/${code}`, title: code, status, code },
    { status, headers: { 'content-type': 'application/problem+json' } },
  );

const bend =
  (mode: 'loading' | 'error' | 'offline' | 'slow') =>
  (f: FetchLike): FetchLike =>
  (req) => {
    if (mode === 'loading') return new Promise<Response>(() => {});
    if (mode === 'offline') return Promise.reject(new TypeError('Failed to fetch'));
    if (mode === 'error') return Promise.resolve(problem(503, 'unavailable'));
    return new Promise((r) => setTimeout(() => r(f(req)), 1200));
  };

function render(args: Args, svc: ConsoleService, fetch: FetchLike = svc.fetch) {
  return html`<gar-client-provider service-url=${CONSOLE_ISSUER} .fetch=${fetch} .getToken=${svc.tokenFor(args.user)}>
    <gar-allocation-panel lang=${args.lang} theme=${args.theme} tab=${args.tab} style=${args.style} .now=${() => svc.now().getTime()}></gar-allocation-panel>
  </gar-client-provider>`;
}

const meta: Meta<Args> = {
  title: 'Console/gar-allocation-panel',
  component: 'gar-allocation-panel',
  args: { user: 'head', tab: 'resources', lang: 'fr', theme: 'page', style: '', twoSchools: false },
  argTypes: {
    user: { control: 'select', options: ['head', 'lycee-head', 'delegate', 'teacher', 'pupil'] },
    tab: { control: 'select', options: ['resources', 'population', 'dashboard', 'audit', 'delegations'] },
    lang: { control: 'inline-radio', options: ['fr', 'en'] },
    theme: { control: 'inline-radio', options: ['page', 'auto', 'light', 'dark'] },
    style: { control: 'text' },
    twoSchools: { control: 'boolean' },
  },
  loaders: [async ({ args }) => ({ svc: await consoleService({ twoSchools: (args as Args).twoSchools }) })],
  render: (args, { loaded }) => render(args, loaded.svc as ConsoleService),
};
export default meta;

type Story = StoryObj<Args>;

const bent =
  (mode: 'loading' | 'error' | 'offline' | 'slow'): Story['render'] =>
  (args, { loaded }) =>
    render(args, loaded.svc as ConsoleService, bend(mode)((loaded.svc as ConsoleService).fetch));

export const ByResource: Story = {};
export const ByPopulation: Story = { args: { tab: 'population' } };
export const Dashboard: Story = { args: { tab: 'dashboard' } };
export const AuditTrail: Story = { args: { tab: 'audit' } };
export const Delegations: Story = { args: { tab: 'delegations' } };
export const Delegate: Story = { args: { user: 'delegate' } };
export const DelegateDelegations: Story = { args: { user: 'delegate', tab: 'delegations' } };
export const ManagerOfTwoSchools: Story = { args: { twoSchools: true } };
export const LyceeHead: Story = { args: { user: 'lycee-head' } };
export const NotAManager: Story = { args: { user: 'teacher' } };
export const Pupil: Story = { args: { user: 'pupil' } };
export const English: Story = { args: { lang: 'en' } };
export const Dark: Story = { args: { theme: 'dark' }, globals: { backgrounds: { value: 'dark' } } };
export const CustomTheme: Story = {
  args: {
    style:
      '--gar-color-accent: #7a1f5c; --gar-allocation-panel-danger: #8a0000; --gar-radius: 0; --gar-font-family: Georgia, serif',
  },
};
export const Narrow: Story = {
  render: (args, ctx) => html`<div style="max-width: 22rem">${meta.render?.(args, ctx)}</div>`,
};
export const Loading: Story = { render: bent('loading') };
export const SlowService: Story = { render: bent('slow') };
export const ServiceError: Story = { render: bent('error') };
export const Offline: Story = { render: bent('offline') };
export const Alone: Story = {
  render: (args, { loaded }) => {
    const svc = loaded.svc as ConsoleService;
    return html`<gar-allocation-panel service-url=${CONSOLE_ISSUER} lang=${args.lang} .fetch=${svc.fetch} .getToken=${svc.tokenFor(args.user)} .now=${() => svc.now().getTime()}></gar-allocation-panel>`;
  },
};

// States reached by using the panel: a play function opens a subscription, the picker, and ticks a target.
const until = async (check: () => boolean) => {
  for (let i = 0; i < 300 && !check(); i++) await new Promise((r) => setTimeout(r, 20));
};
const pick =
  (subscription: string, search: string, choice: string): Story['play'] =>
  async ({ canvasElement }) => {
    const el = canvasElement.querySelector<GarAllocationPanel>('gar-allocation-panel');
    const root = el?.shadowRoot;
    if (!el || !root) return;
    await until(() => el.status === 'ready');
    await el.updateComplete;
    [...root.querySelectorAll<HTMLButtonElement>('[part="subscription-button"]')]
      .find((b) => b.textContent?.trim() === subscription)
      ?.click();
    await el.updateComplete;
    root.querySelector<HTMLButtonElement>('[part="allocate-button"]')?.click();
    await el.updateComplete;
    const input = root.querySelector<HTMLInputElement>('[part="picker"] [part="search"]');
    if (!input) return;
    input.value = search;
    input.dispatchEvent(new Event('input'));
    await until(() => [...root.querySelectorAll('[part="choice"]')].some((r) => r.textContent?.includes(choice)));
    [...root.querySelectorAll('[part="choice"]')]
      .find((r) => r.textContent?.includes(choice))
      ?.querySelector('input')
      ?.click();
  };
export const AllocationPreview: Story = {
  play: pick('Mathématiques 6e – manuel numérique', 'bilangue', 'Groupe Bilangue anglais-allemand 6e'),
};
export const RefusalBeforeConfirm: Story = { play: pick('Histoire-géographie 3e', '6e A', 'Classe 6e A') };
export const AudienceNotCovered: Story = { play: pick('Atelier de création multimédia', 'Le Goff', 'Emma Le Goff') };
