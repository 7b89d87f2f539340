// <gar-teacher-classes> and the médiacentre's teacher recommendations against the reference service running in the
// page (memory store, demo seed): each story signs in as a demo user; a loader makes the teacher's pin and request
// once per page, or a bent fetch shows a state (loading, error, offline).
import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { createGarClient, type FetchLike } from '@opengar/sdk';
import { html } from 'lit';
import '../packages/elements/src/define-all.js';
import '../packages/elements/src/define-teacher-classes.js';
import type { GarTeacherClasses } from '../packages/elements/src/teacher-classes/teacher-classes.js';
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
  style: string;
}

const C = '0561641E';
let made: Promise<void> | undefined;
/** The teacher of 6e A recommends the maths textbook to 6e A and asks for the exercises, once per page. */
function teacherWork(svc: StatsService): Promise<void> {
  made ??= (async () => {
    const teacher = createGarClient({
      baseUrl: ISSUER,
      fetch: svc.fetch,
      getToken: svc.tokenFor('teacher'),
      retry: 0,
    }).teacher;
    const until = new Date(svc.now().getTime() + 21 * 86_400_000).toISOString().slice(0, 10);
    await teacher.pin({
      uai: C,
      resourceId: 'ark:/99101/maths-6e',
      groupCodes: ['6A'],
      note: 'Chapitre 3 : les fractions, exercices 1 à 5',
      until,
    });
    await teacher.request({ uai: C, resourceId: 'ark:/99303/exos-maths-college', groupCode: '6A' });
  })();
  return made;
}

const bend =
  (mode: 'loading' | 'error' | 'offline') =>
  (f: FetchLike): FetchLike =>
  (req) => {
    if (!new URL(req.url).pathname.startsWith('/api/v1/me/classes')) return f(req);
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
    <gar-teacher-classes lang=${args.lang} theme=${args.theme} style=${args.style} .now=${() => svc.now().getTime()}></gar-teacher-classes>
  </gar-client-provider>`;
}

const meta: Meta<Args> = {
  title: 'Teachers/gar-teacher-classes',
  component: 'gar-teacher-classes',
  args: { user: 'teacher', lang: 'fr', theme: 'page', style: '' },
  argTypes: {
    user: { control: 'select', options: ['teacher', 'delegate', 'two-schools', 'pupil', 'head'] },
    lang: { control: 'inline-radio', options: ['fr', 'en'] },
    theme: { control: 'inline-radio', options: ['page', 'auto', 'light', 'dark'] },
    style: { control: 'text' },
  },
  loaders: [async () => ({ svc: await statsService() })],
  render: (args, { loaded }) => render(args, loaded.svc as StatsService),
};
export default meta;

type Story = StoryObj<Args>;
const svcOf = (loaded: Record<string, unknown>) => loaded.svc as StatsService;

export const Teacher: Story = {};
export const WithPinAndRequest: Story = {
  loaders: [
    async () => {
      const svc = await statsService();
      await teacherWork(svc);
      return { svc };
    },
  ],
};
export const English: Story = { ...WithPinAndRequest, args: { lang: 'en' } };
export const Dark: Story = {
  ...WithPinAndRequest,
  args: { theme: 'dark' },
  globals: { backgrounds: { value: 'dark' } },
};
export const CustomTheme: Story = {
  args: { style: '--gar-color-accent: #7a1f5c; --gar-radius: 0; --gar-font-family: Georgia, serif' },
};
export const NotATeacher: Story = { args: { user: 'pupil' } };
export const Loading: Story = {
  render: (args, { loaded }) => render(args, svcOf(loaded), bend('loading')(svcOf(loaded).fetch)),
};
export const ServiceError: Story = {
  render: (args, { loaded }) => render(args, svcOf(loaded), bend('error')(svcOf(loaded).fetch)),
};
export const Offline: Story = {
  render: (args, { loaded }) => render(args, svcOf(loaded), bend('offline')(svcOf(loaded).fetch)),
};

/** The pupil of 6e A's médiacentre: the teacher's recommendation first. */
export const PupilSeesTheRecommendation: Story = {
  ...WithPinAndRequest,
  args: { user: 'pupil' },
  render: (
    args,
    { loaded },
  ) => html`<gar-client-provider service-url=${ISSUER} .fetch=${svcOf(loaded).fetch} .getToken=${svcOf(loaded).tokenFor(args.user)}>
    <gar-mediacentre lang=${args.lang} uai=${C} .storage=${null} .now=${() => svcOf(loaded).now().getTime()}></gar-mediacentre>
  </gar-client-provider>`,
};
/** The same with `textbooks-apart`: « Mes manuels » above the other resources. */
export const PupilWithTextbooksApart: Story = {
  ...PupilSeesTheRecommendation,
  render: (
    args,
    { loaded },
  ) => html`<gar-client-provider service-url=${ISSUER} .fetch=${svcOf(loaded).fetch} .getToken=${svcOf(loaded).tokenFor(args.user)}>
    <gar-mediacentre lang=${args.lang} uai=${C} textbooks-apart .storage=${null} .now=${() => svcOf(loaded).now().getTime()}></gar-mediacentre>
  </gar-client-provider>`,
};

/** A page of the LTI tool (« Cartothèque ») chosen in its own picker (Deep Linking) and pinned to 6e A. */
export const WithAPageOfTheTool: Story = {
  loaders: [
    async () => {
      const svc = await statsService();
      const teacher = createGarClient({
        baseUrl: ISSUER,
        fetch: svc.fetch,
        getToken: svc.tokenFor('teacher'),
        retry: 0,
      }).teacher;
      const until = new Date(svc.now().getTime() + 14 * 86_400_000).toISOString().slice(0, 10);
      const grain = 'http://127.0.0.1:4100/lti/cartes-lti/launch?carte=europe';
      await teacher.pin({
        uai: C,
        resourceId: 'ark:/99101/cartes-lti',
        groupCodes: ['6A'],
        until,
        grain,
        grainTitle: 'L’Europe',
      });
      return { svc };
    },
  ],
};

/** The pin form of the LTI tool: « Choisir une page dans la ressource » opens the tool's picker for one class. */
export const PickAPageInTheTool: Story = {
  play: async ({ canvasElement }) => {
    const el = canvasElement.querySelector<GarTeacherClasses>('gar-teacher-classes');
    const root = el?.shadowRoot;
    if (!el || !root) return;
    for (let i = 0; i < 300 && el.status !== 'ready'; i++) await new Promise((r) => setTimeout(r, 20));
    await el.updateComplete;
    [...root.querySelectorAll('table[part="classes-table"] tbody tr')]
      .find((tr) => tr.querySelector('th')?.textContent?.includes('Cartothèque'))
      ?.querySelector<HTMLButtonElement>('[part="recommend-button"]')
      ?.click();
  },
};
