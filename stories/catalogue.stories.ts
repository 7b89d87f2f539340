// <gar-catalogue> against the reference service running in the page (memory store, demo seed with its catalogue of
// diffusable resources): each story signs in as a demo user, or gives the element a source to show a state (loading,
// empty, error) the demo data does not have.
import type { Meta, StoryObj } from '@storybook/web-components-vite';
import type { SchoolCatalogue } from '@opengar/core';
import type { FetchLike } from '@opengar/sdk';
import { html } from 'lit';
import '../packages/elements/src/define-all.js';
import '../packages/elements/src/define-catalogue.js';
import type { CatalogueSource } from '../packages/elements/src/catalogue/catalogue.js';
import { type DemoService, ISSUER, demoService } from '../packages/elements/test/fixtures/demo-service.js';

interface Args {
  user: 'head' | 'librarian' | 'teacher' | 'delegate' | 'lycee-head' | 'pupil';
  lang: 'fr' | 'en';
  theme: 'page' | 'auto' | 'light' | 'dark';
  query: string;
  selected: string[];
  style: string;
}

function render(args: Args, svc: DemoService, fetch: FetchLike = svc.fetch) {
  return html`<gar-client-provider service-url=${ISSUER} .fetch=${fetch} .getToken=${svc.tokenFor(args.user)}>
    <gar-catalogue
      lang=${args.lang}
      theme=${args.theme}
      query=${args.query}
      style=${args.style}
      .selectedIds=${args.selected}
    ></gar-catalogue>
  </gar-client-provider>`;
}

const withSource = (args: Args, source: CatalogueSource) =>
  html`<gar-catalogue lang=${args.lang} theme=${args.theme} .source=${source}></gar-catalogue>`;

const meta: Meta<Args> = {
  title: 'Console/gar-catalogue',
  component: 'gar-catalogue',
  args: { user: 'librarian', lang: 'fr', theme: 'page', query: '', selected: [], style: '' },
  argTypes: {
    user: { control: 'select', options: ['head', 'librarian', 'teacher', 'delegate', 'lycee-head', 'pupil'] },
    lang: { control: 'inline-radio', options: ['fr', 'en'] },
    theme: { control: 'inline-radio', options: ['page', 'auto', 'light', 'dark'] },
    query: { control: 'text' },
    style: { control: 'text' },
  },
  loaders: [async () => ({ svc: await demoService() })],
  render: (args, { loaded }) => render(args, loaded.svc as DemoService),
};
export default meta;

type Story = StoryObj<Args>;

/** The librarian's catalogue: every diffusable resource with the collège's standing. */
export const Results: Story = {};
export const Head: Story = { args: { user: 'head' } };
export const Teacher: Story = { args: { user: 'teacher' } };
export const Lycee: Story = { args: { user: 'lycee-head' } };
/** A search with a typo and no accent. */
export const Search: Story = { args: { query: 'dictionaire' } };
export const NoMatch: Story = { args: { query: 'zzzzqqq' } };
/** Two resources selected: their references are ready to copy for an order. */
export const Selection: Story = {
  args: { selected: ['ark:/99107/dictionnaire-synonymes', 'ark:/99112/physique-chimie-3e'] },
};
export const English: Story = { args: { lang: 'en' } };
export const Dark: Story = { args: { theme: 'dark' }, globals: { backgrounds: { value: 'dark' } } };
export const CustomTheme: Story = {
  args: { style: '--gar-color-accent: #7a1f5c; --gar-catalogue-success: #0a6b4d; --gar-radius: 0' },
};
/** A pupil is refused: the catalogue is for staff. */
export const Refused: Story = { args: { user: 'pupil' } };
export const Loading: Story = { render: (args) => withSource(args, () => new Promise<SchoolCatalogue>(() => {})) };
export const Empty: Story = { render: (args) => withSource(args, async (uai) => ({ uai, items: [] })) };
export const ServiceError: Story = {
  render: (args, { loaded }) =>
    render(args, loaded.svc as DemoService, (req) =>
      new URL(req.url).pathname.endsWith('/catalogue')
        ? Promise.resolve(
            Response.json(
              {
                type: 'https://opengar.dev/problems/unavailable',
                title: 'Unavailable',
                status: 503,
                code: 'unavailable',
              },
              { status: 503, headers: { 'content-type': 'application/problem+json' } },
            ),
          )
        : (loaded.svc as DemoService).fetch(req),
    ),
};
export const NarrowPhone: Story = {
  render: (args, { loaded }) => html`<div style="max-width: 360px">${render(args, loaded.svc as DemoService)}</div>`,
};
