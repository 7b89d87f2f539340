// <gar-mediacentre variant="young"> for an école's young pupils, against the reference service running in the page (the
// demo's école, fed in 1D): large tiles, names read aloud on demand, nothing kept on the device.
import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { createGarClient, type FetchLike, type GarClient } from '@opengar/sdk';
import { html } from 'lit';
import { demoService, ISSUER, type DemoService } from '../packages/elements/test/fixtures/demo-service.js';

interface Args {
  lang: 'fr' | 'en';
  theme: 'page' | 'auto' | 'light' | 'dark';
}

function render(args: Args, svc: DemoService, fetch: FetchLike = svc.fetch) {
  return html`<gar-client-provider service-url=${ISSUER} .fetch=${fetch} .getToken=${svc.tokenFor('ecole-pupil')}>
    <gar-mediacentre variant="young" lang=${args.lang} theme=${args.theme}></gar-mediacentre>
  </gar-client-provider>`;
}

const meta: Meta<Args> = {
  title: 'Médiacentre/gar-mediacentre (jeunes élèves)',
  component: 'gar-mediacentre',
  args: { lang: 'fr', theme: 'page' },
  argTypes: {
    lang: { control: 'inline-radio', options: ['fr', 'en'] },
    theme: { control: 'inline-radio', options: ['page', 'auto', 'light', 'dark'] },
  },
  loaders: [async () => ({ svc: await demoService() })],
  render: (args, { loaded }) => render(args, loaded.svc as DemoService),
};
export default meta;

type Story = StoryObj<Args>;

/** Léo Morvan, CP pupil at the école: his class's resources and the free national offer. */
export const CpPupil: Story = {};
export const English: Story = { args: { lang: 'en' } };
export const Dark: Story = { args: { theme: 'dark' }, globals: { backgrounds: { value: 'dark' } } };
export const Loading: Story = {
  render: (args, { loaded }) => render(args, loaded.svc as DemoService, () => new Promise<Response>(() => {})),
};

const listing = (n: number) => ({
  school: { uai: '0561800C', name: 'École élémentaire Les Korrigans' },
  schools: [{ uai: '0561800C', name: 'École élémentaire Les Korrigans' }],
  launchUrl: `${ISSUER}/launch`,
  resources: Array.from({ length: n }, (_, i) => ({
    id: `ark:/1/livre-${i}`,
    idType: 'ark',
    name: ['Mon imagier', 'Les nombres', 'Contes à écouter', 'Lire avec Pic', 'Le corps', 'Les saisons'][i % 6]!,
    publisherId: 'p',
    publisherName: 'Éditeur',
    presentationType: { code: 'MUL', nom: 'Multimédia' },
    pedagogicalTypes: [],
    documentTypologies: [],
    levels: [],
    teachingDomains: [],
    techDistributor: '',
    techValidator: '',
    via: 'copy',
    validUntil: '2027-08-15T21:59:59.000Z',
    favourite: false,
  })),
});
const fixed = (n: number): GarClient => {
  const unused = createGarClient({ baseUrl: ISSUER, token: 'unused' });
  return {
    ...unused,
    resources: () => Promise.resolve(listing(n) as never),
    favourites: () => Promise.resolve({ resourceIds: [] }),
  };
};
/** More than the short list: eight tiles, then « Voir encore ». */
export const ShortList: Story = {
  render: (args) => html`<gar-mediacentre variant="young" lang=${args.lang} .client=${fixed(11)}></gar-mediacentre>`,
};
/** Nothing given yet. */
export const Empty: Story = {
  render: (args) => html`<gar-mediacentre variant="young" lang=${args.lang} .client=${fixed(0)}></gar-mediacentre>`,
};
