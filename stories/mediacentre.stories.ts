// <gar-mediacentre> against the reference service running in the page (memory store, demo seed): each story signs
// in as a demo user, or bends the service's answers to show a state (loading, error, unreachable, origin refused…).
import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { createGarClient, GarNetworkError, type FetchLike, type GarClient } from '@opengar/sdk';
import { html } from 'lit';
import { demoService, ISSUER, type DemoService } from '../packages/elements/test/fixtures/demo-service.js';

type UserKey = 'pupil' | 'lycee-pupil' | 'teacher' | 'librarian' | 'head' | 'two-schools';
interface Args {
  user: UserKey;
  lang: 'fr' | 'en';
  theme: 'page' | 'auto' | 'light' | 'dark';
  openIn: 'new-tab' | 'same-tab';
  style: string;
}

const bend =
  (mode: 'loading' | 'error' | 'unreachable' | 'origin-refused' | 'slow') =>
  (f: FetchLike): FetchLike =>
  (req) => {
    if (mode === 'loading') return new Promise<Response>(() => {});
    if (mode === 'unreachable') return Promise.reject(new TypeError('Failed to fetch'));
    // CORS refused: the API calls fail, while the no-cors probe of /healthz gets an answer.
    if (mode === 'origin-refused')
      return req.mode === 'no-cors' ? f(req) : Promise.reject(new TypeError('Failed to fetch'));
    if (mode === 'error') {
      return Promise.resolve(
        Response.json(
          { type: 'https://opengar.dev/problems/unavailable', title: 'Unavailable', status: 503, code: 'unavailable' },
          { status: 503, headers: { 'content-type': 'application/problem+json' } },
        ),
      );
    }
    return new Promise((r) => setTimeout(() => r(f(req)), 1500));
  };

function render(args: Args, svc: DemoService, fetch: FetchLike = svc.fetch) {
  return html`<gar-client-provider service-url=${ISSUER} .fetch=${fetch} .getToken=${svc.tokenFor(args.user)}>
    <gar-mediacentre lang=${args.lang} theme=${args.theme} open-in=${args.openIn} style=${args.style}></gar-mediacentre>
  </gar-client-provider>`;
}

const meta: Meta<Args> = {
  title: 'Médiacentre/gar-mediacentre',
  component: 'gar-mediacentre',
  args: { user: 'pupil', lang: 'fr', theme: 'page', openIn: 'new-tab', style: '' },
  argTypes: {
    user: { control: 'select', options: ['pupil', 'lycee-pupil', 'teacher', 'librarian', 'head', 'two-schools'] },
    lang: { control: 'inline-radio', options: ['fr', 'en'] },
    theme: { control: 'inline-radio', options: ['page', 'auto', 'light', 'dark'] },
    openIn: { control: 'inline-radio', options: ['new-tab', 'same-tab'] },
    style: { control: 'text' },
  },
  loaders: [async () => ({ svc: await demoService() })],
  render: (args, { loaded }) => render(args, loaded.svc as DemoService),
};
export default meta;

type Story = StoryObj<Args>;

export const Pupil: Story = {};
export const LyceePupil: Story = { args: { user: 'lycee-pupil' } };
export const Teacher: Story = { args: { user: 'teacher' } };
export const Librarian: Story = { args: { user: 'librarian' } };
export const PersonAtTwoSchools: Story = { args: { user: 'two-schools' } };
export const English: Story = { args: { lang: 'en', user: 'teacher' } };
export const Dark: Story = {
  args: { theme: 'dark', user: 'teacher' },
  globals: { backgrounds: { value: 'dark' } },
};
export const CustomTheme: Story = {
  args: {
    user: 'teacher',
    style:
      '--gar-color-accent: #7a1f5c; --gar-mediacentre-badge-background: #0d5c3a; --gar-radius: 0; --gar-font-family: Georgia, serif; --gar-mediacentre-tile-min-width: 14rem',
  },
};
export const Loading: Story = {
  render: (args, { loaded }) =>
    render(args, loaded.svc as DemoService, bend('loading')((loaded.svc as DemoService).fetch)),
};
export const SlowService: Story = {
  render: (args, { loaded }) =>
    render(args, loaded.svc as DemoService, bend('slow')((loaded.svc as DemoService).fetch)),
};
export const ServiceError: Story = {
  render: (args, { loaded }) =>
    render(args, loaded.svc as DemoService, bend('error')((loaded.svc as DemoService).fetch)),
};
export const Unreachable: Story = {
  render: (args, { loaded }) =>
    render(args, loaded.svc as DemoService, bend('unreachable')((loaded.svc as DemoService).fetch)),
};
export const OriginRefused: Story = {
  render: (args, { loaded }) =>
    render(args, loaded.svc as DemoService, bend('origin-refused')((loaded.svc as DemoService).fetch)),
};
/** The device is offline (the SDK read `navigator.onLine === false`). */
export const Offline: Story = {
  render: (args) => {
    const offline = () =>
      Promise.reject(new GarNetworkError({ method: 'GET', url: `${ISSUER}/` }, undefined, 'offline'));
    const client: GarClient = { ...emptyClient, resources: offline, favourites: offline };
    return html`<gar-mediacentre lang=${args.lang} theme=${args.theme} .client=${client}></gar-mediacentre>`;
  },
};
/** The ENT gave no assertion: its getToken threw (e.g. its route answered 401). */
export const SignInRefused: Story = {
  render: (args, { loaded }) => {
    const svc = loaded.svc as DemoService;
    const getToken = () => Promise.reject(new Error('the ENT gave no assertion (HTTP 401)'));
    return html`<gar-mediacentre service-url=${ISSUER} lang=${args.lang} theme=${args.theme} .fetch=${svc.fetch} .getToken=${getToken}></gar-mediacentre>`;
  },
};
export const SessionExpired: Story = {
  render: (args, { loaded }) => {
    const svc = loaded.svc as DemoService;
    return html`<gar-mediacentre service-url=${ISSUER} lang=${args.lang} .fetch=${svc.fetch} .getToken=${svc.tokenFor(args.user, { expired: true })}></gar-mediacentre>`;
  },
};

const emptyClient: GarClient = {
  baseUrl: `${ISSUER}/`,
  resources: () =>
    Promise.resolve({
      school: { uai: '0561641E', name: 'Collège Anne de Bretagne' },
      schools: [{ uai: '0561641E', name: 'Collège Anne de Bretagne' }],
      resources: [],
      launchUrl: `${ISSUER}/launch`,
    }),
  favourites: () => Promise.resolve({ resourceIds: [] }),
  setFavourites: (ids) => Promise.resolve({ resourceIds: [...ids] }),
  launchForm: (resource, uai) =>
    Promise.resolve({ action: `${ISSUER}/launch`, method: 'post', fields: { assertion: '', resource, uai } }),
  admin: createGarClient({ baseUrl: ISSUER, token: 'unused' }).admin,
};
export const Empty: Story = {
  render: (args) =>
    html`<gar-mediacentre lang=${args.lang} theme=${args.theme} .client=${emptyClient}></gar-mediacentre>`,
};

export const NarrowPhone: Story = {
  args: { user: 'teacher' },
  render: (args, { loaded }) => html`<div style="max-width: 360px">${render(args, loaded.svc as DemoService)}</div>`,
};

/** Waits for the médiacentre of the story to show its listing. */
async function ready(canvasElement: HTMLElement) {
  const el = canvasElement.querySelector('gar-mediacentre');
  for (let i = 0; i < 200 && el?.status !== 'ready'; i++) await new Promise((r) => setTimeout(r, 25));
  await el?.updateComplete;
  return el;
}

/** A tile clicked: it shows it is opening (the launch assertion never comes here), and ignores further clicks. */
export const Opening: Story = {
  args: { user: 'teacher' },
  render: (args, { loaded }) => {
    const svc = loaded.svc as DemoService;
    const token = svc.tokenFor(args.user);
    const getToken: typeof token = (r) => (r.reason === 'launch' ? new Promise<string>(() => {}) : token(r));
    return html`<gar-mediacentre service-url=${ISSUER} lang=${args.lang} theme=${args.theme} .fetch=${svc.fetch} .getToken=${getToken}></gar-mediacentre>`;
  },
  play: async ({ canvasElement }) => {
    const el = await ready(canvasElement);
    el?.shadowRoot?.querySelector<HTMLButtonElement>('.grid .tile:not([hidden]) [part="tile-name"]')?.click();
  },
};

/** The service went down after the listing loaded: the launch stays in the médiacentre, with a message. */
export const LaunchUnreachable: Story = {
  args: { user: 'teacher' },
  render: (args, { loaded }) => {
    const svc = loaded.svc as DemoService;
    let calls = 0;
    // The listing and the favourites get through; everything after (the probe before the launch) fails.
    const fetch: FetchLike = (req) =>
      ++calls <= 2 ? svc.fetch(req) : Promise.reject(new TypeError('Failed to fetch'));
    return render(args, svc, fetch);
  },
  play: async ({ canvasElement }) => {
    const el = await ready(canvasElement);
    el?.shadowRoot?.querySelector<HTMLButtonElement>('.grid .tile:not([hidden]) [part="tile-name"]')?.click();
  },
};

export const DetailsView: Story = {
  args: { user: 'teacher' },
  play: async ({ canvasElement }) => {
    const el = await ready(canvasElement);
    el?.shadowRoot?.querySelector<HTMLButtonElement>('.grid .tile:not([hidden]) [part="details-button"]')?.click();
  },
};

export const Searching: Story = {
  args: { user: 'teacher' },
  play: async ({ canvasElement }) => {
    const el = await ready(canvasElement);
    const input = el?.shadowRoot?.querySelector<HTMLInputElement>('input[type="search"]');
    if (!input) return;
    input.value = 'CREATION'; // matches « création »: case and accents are ignored
    input.dispatchEvent(new Event('input'));
  },
};

export const NoMatch: Story = {
  args: { user: 'pupil' },
  play: async ({ canvasElement }) => {
    const el = await ready(canvasElement);
    const input = el?.shadowRoot?.querySelector<HTMLInputElement>('input[type="search"]');
    if (!input) return;
    input.value = 'zzz';
    input.dispatchEvent(new Event('input'));
  },
};

/** Opens the details of the teacher's textbook (a resource that offers links to its pages). */
async function textbookDetails(canvasElement: HTMLElement) {
  const el = await ready(canvasElement);
  const tile = [...(el?.shadowRoot?.querySelectorAll<HTMLElement>('.grid .tile:not([hidden])') ?? [])].find((t) =>
    t.textContent?.includes('Mathématiques 6e'),
  );
  tile?.querySelector<HTMLButtonElement>('[part="details-button"]')?.click();
  await el?.updateComplete;
  return el;
}

/** « Copier le lien » on a tile: the status says the link was copied (or that the browser refused). */
export const LinkCopied: Story = {
  args: { user: 'teacher' },
  play: async ({ canvasElement }) => {
    const el = await ready(canvasElement);
    el?.shadowRoot
      ?.querySelector<HTMLButtonElement>('.grid .tile:not([hidden]) [part="copy-link-tile-button"]')
      ?.click();
  },
};

/** The details view's share section: the resource's link, and the field for a link to one of its pages. */
export const ShareLinkToAPage: Story = {
  args: { user: 'teacher' },
  play: async ({ canvasElement }) => {
    const el = await textbookDetails(canvasElement);
    const input = el?.shadowRoot?.querySelector<HTMLInputElement>('[part="page-address"]');
    input?.scrollIntoView();
    input?.focus();
  },
};

/** A page address outside the publisher's site: refused under the field, nothing copied. */
export const ShareLinkRefused: Story = {
  args: { user: 'teacher' },
  play: async ({ canvasElement }) => {
    const el = await textbookDetails(canvasElement);
    const input = el?.shadowRoot?.querySelector<HTMLInputElement>('[part="page-address"]');
    if (!input) return;
    input.value = 'https://autre-site.example/chapitre/3';
    input.dispatchEvent(new Event('input'));
    await el?.updateComplete;
    el?.shadowRoot?.querySelector<HTMLButtonElement>('[part="copy-page-button"]')?.click();
  },
};
