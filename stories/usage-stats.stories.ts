// <gar-usage-stats> against the reference service running in the page (memory store, demo seed with its past
// hand-offs): each story signs in as a demo user, or bends the service's answers to show a state (loading, error,
// offline). Shapes the demo data does not have (every figure hidden, no use at all) come from the core's own
// disclosure control over fixed counts.
import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { protectTable, type SchoolStats } from '@opengar/core';
import type { FetchLike } from '@opengar/sdk';
import { html } from 'lit';
import '../packages/elements/src/define-all.js';
import '../packages/elements/src/define-usage-stats.js';
import type { UsageStatsSource } from '../packages/elements/src/usage-stats/stats-source.js';
import {
  ISSUER,
  statsService,
  type StatsService,
  type StatsUser,
} from '../packages/elements/test/usage-stats-service.js';

interface Args {
  user: StatsUser;
  lang: 'fr' | 'en';
  theme: 'page' | 'auto' | 'light' | 'dark';
  tab: 'usage' | 'unused' | 'quality';
  display: 'chart' | 'table';
  by: 'resource' | 'profile' | 'division';
  period: string;
  style: string;
}

const bend =
  (mode: 'loading' | 'error' | 'offline') =>
  (f: FetchLike): FetchLike =>
  (req) => {
    // The school list answers, so that the bent state is the statistics' own.
    if (new URL(req.url).pathname === '/api/v1/schools') return f(req);
    if (mode === 'loading') return new Promise<Response>(() => {});
    if (mode === 'offline') return Promise.reject(new TypeError('Failed to fetch'));
    return Promise.resolve(
      Response.json(
        { type: 'https://opengar.dev/problems/unavailable', title: 'Unavailable', status: 503, code: 'unavailable' },
        { status: 503, headers: { 'content-type': 'application/problem+json' } },
      ),
    );
  };

function render(args: Args, svc: StatsService, fetch: FetchLike = svc.fetch) {
  return html`<gar-client-provider service-url=${ISSUER} .fetch=${fetch} .getToken=${svc.tokenFor(args.user)}>
    <gar-usage-stats
      lang=${args.lang}
      theme=${args.theme}
      tab=${args.tab}
      display=${args.display}
      by=${args.by}
      period=${args.period}
      style=${args.style}
      .now=${() => svc.now().getTime()}
    ></gar-usage-stats>
  </gar-client-provider>`;
}

const meta: Meta<Args> = {
  title: 'Console/gar-usage-stats',
  component: 'gar-usage-stats',
  args: {
    user: 'head',
    lang: 'fr',
    theme: 'page',
    tab: 'usage',
    display: 'chart',
    by: 'resource',
    period: '2025-2026',
    style: '',
  },
  argTypes: {
    user: { control: 'select', options: ['head', 'lycee-head', 'delegate', 'teacher', 'pupil'] },
    lang: { control: 'inline-radio', options: ['fr', 'en'] },
    theme: { control: 'inline-radio', options: ['page', 'auto', 'light', 'dark'] },
    tab: { control: 'inline-radio', options: ['usage', 'unused', 'quality'] },
    display: { control: 'inline-radio', options: ['chart', 'table'] },
    by: { control: 'inline-radio', options: ['resource', 'profile', 'division'] },
    period: { control: 'text' },
    style: { control: 'text' },
  },
  loaders: [async () => ({ svc: await statsService() })],
  render: (args, { loaded }) => render(args, loaded.svc as StatsService),
};
export default meta;

type Story = StoryObj<Args>;

export const Manager: Story = {};
export const Table: Story = { args: { display: 'table' } };
export const OneMonth: Story = { args: { period: '2026-03', display: 'table' } };
export const ByProfile: Story = { args: { by: 'profile' } };
export const ByClass: Story = { args: { by: 'division', display: 'table' } };
export const Lycee: Story = { args: { user: 'lycee-head' } };
export const Delegate: Story = { args: { user: 'delegate' } };
export const NeverOpenedAndFew: Story = { args: { tab: 'unused' } };
export const QualityOfService: Story = { args: { tab: 'quality', period: '2026-09' } };
export const English: Story = { args: { lang: 'en' } };
export const Dark: Story = { args: { theme: 'dark' }, globals: { backgrounds: { value: 'dark' } } };
export const CustomTheme: Story = {
  args: {
    style:
      '--gar-color-accent: #7a1f5c; --gar-usage-stats-band: #a04000; --gar-radius: 0; --gar-font-family: Georgia, serif',
  },
};
export const NotAManager: Story = { args: { user: 'teacher' } };
export const Pupil: Story = { args: { user: 'pupil' } };
export const Loading: Story = {
  render: (args, { loaded }) =>
    render(args, loaded.svc as StatsService, bend('loading')((loaded.svc as StatsService).fetch)),
};
export const ServiceError: Story = {
  render: (args, { loaded }) =>
    render(args, loaded.svc as StatsService, bend('error')((loaded.svc as StatsService).fetch)),
};
export const Offline: Story = {
  render: (args, { loaded }) =>
    render(args, loaded.svc as StatsService, bend('offline')((loaded.svc as StatsService).fetch)),
};
export const LoneElement: Story = {
  render: (args, { loaded }) => {
    const svc = loaded.svc as StatsService;
    return html`<gar-usage-stats service-url=${ISSUER} lang=${args.lang} period=${args.period} .fetch=${svc.fetch} .getToken=${svc.tokenFor(args.user)} .now=${() => svc.now().getTime()}></gar-usage-stats>`;
  },
};

const MONTHS = [
  '2025-09',
  '2025-10',
  '2025-11',
  '2025-12',
  '2026-01',
  '2026-02',
  '2026-03',
  '2026-04',
  '2026-05',
  '2026-06',
  '2026-07',
  '2026-08',
];
function fixed(counts: number[][]): UsageStatsSource {
  const rows = counts.map((_, i) => ({ key: `ark:/r${i}`, label: ['Dictionnaire', 'Atlas', 'Presse'][i] ?? `R${i}` }));
  const t = protectTable({
    rows: rows.map((r) => r.key),
    columns: MONTHS,
    cells: counts.map((r) => r.map((p) => ({ people: p, accesses: p * 2 }))),
  });
  const stats: SchoolStats = {
    uai: '0561641E',
    period: '2025-2026',
    schoolYear: '2025-2026',
    by: 'resource',
    table: { ...t, rows },
    generatedAt: '2026-09-14T08:00:00.000Z',
  };
  const never = () => Promise.reject(new Error('not in this story'));
  return {
    schools: () => Promise.resolve([{ uai: '0561641E' }]),
    usage: () => Promise.resolve(stats),
    unused: never,
    quality: never,
  };
}
const fixedNow = () => Date.parse('2026-09-14T08:00:00Z');
export const EveryFigureHidden: Story = {
  render: (args) =>
    html`<gar-usage-stats lang=${args.lang} display=${args.display} .now=${fixedNow} .source=${fixed([
      [1, 2, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0],
      [0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0],
    ])}></gar-usage-stats>`,
};
export const NoUse: Story = {
  render: (args) =>
    html`<gar-usage-stats lang=${args.lang} .now=${fixedNow} .source=${fixed([Array.from({ length: 12 }, () => 0)])}></gar-usage-stats>`,
};
export const NarrowPhone: Story = {
  render: (args, { loaded }) => html`<div style="max-width: 360px">${render(args, loaded.svc as StatsService)}</div>`,
};
