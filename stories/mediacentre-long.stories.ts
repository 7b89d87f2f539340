// <gar-mediacentre> with a long listing (issue 22): 2,000 resources and 100 favourites, the grid rendered in pieces and
// in groups of tiles (grouped again after a filter: rows stay full), the favourites row bounded to one line with
// « Tout afficher (100) », and that row opened.
import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { createGarClient, type GarClient } from '@opengar/sdk';
import { html } from 'lit';
import { ISSUER } from '../packages/elements/test/fixtures/demo-service.js';

interface Args {
  count: number;
  favourites: number;
  lang: 'fr' | 'en';
}

const WORDS = ['Mathématiques', 'Français', 'Histoire', 'Géographie', 'Sciences', 'Anglais', 'Atlas', 'Lecture'];
const TYPES = [
  ['MAN', 'Manuels numériques'],
  ['DIC', 'Dictionnaires et encyclopédies'],
  ['MUL', 'Ressources d’enseignement multimédias'],
] as const;

function longClient(count: number, favourites: number): GarClient {
  const resources = Array.from({ length: count }, (_, i) => ({
    id: `ark:/story/${i}`,
    idType: 'ark',
    name: `${WORDS[i % WORDS.length]} ${(i % 4) + 3}e – n° ${i}`,
    publisherId: `pub-${i % 6}`,
    publisherName: `Éditions ${WORDS[(i * 3) % WORDS.length]}`,
    presentationType: { code: TYPES[i % 3]?.[0] ?? 'MAN', nom: TYPES[i % 3]?.[1] ?? '' },
    pedagogicalTypes: [],
    documentTypologies: [],
    levels: [{ uri: `lvl-${i % 4}`, nom: ['6e', '5e', '4e', '3e'][i % 4] ?? '' }],
    teachingDomains: [],
    techDistributor: '',
    techValidator: '',
    via: 'copy' as const,
    validUntil: '2030-08-15T21:59:59.000Z',
    favourite: false,
  }));
  let ids = resources.slice(0, favourites).map((r) => r.id);
  const school = { uai: '0561641E', name: 'Collège Anne de Bretagne' };
  return {
    baseUrl: `${ISSUER}/`,
    resources: () => Promise.resolve({ school, schools: [school], resources, launchUrl: `${ISSUER}/launch` }),
    favourites: () => Promise.resolve({ resourceIds: ids }),
    setFavourites: (next) => {
      ids = [...next];
      return Promise.resolve({ resourceIds: ids });
    },
    launchForm: (resource, uai) =>
      Promise.resolve({ action: `${ISSUER}/launch`, method: 'post', fields: { assertion: '', resource, uai } }),
    admin: createGarClient({ baseUrl: ISSUER, token: 'unused' }).admin,
  };
}

const meta: Meta<Args> = {
  title: 'Médiacentre/gar-mediacentre (long listing)',
  component: 'gar-mediacentre',
  args: { count: 2000, favourites: 100, lang: 'fr' },
  argTypes: { lang: { control: 'inline-radio', options: ['fr', 'en'] } },
  render: (args) =>
    html`<gar-mediacentre lang=${args.lang} .storage=${null} .client=${longClient(args.count, args.favourites)}></gar-mediacentre>`,
};
export default meta;

type Story = StoryObj<Args>;

/** 2,000 resources, 100 favourites: one line of favourites, the first tiles on the first screen. */
export const TwoThousandResources: Story = {};

export const English: Story = { args: { lang: 'en' } };

/** « Tout afficher (100) » pressed: every favourite, and « Afficher moins ». */
export const AllFavouritesShown: Story = {
  play: async ({ canvasElement }) => {
    const el = canvasElement.querySelector('gar-mediacentre');
    for (let i = 0; i < 200 && el?.status !== 'ready'; i++) await new Promise((r) => setTimeout(r, 25));
    await el?.updateComplete;
    el?.shadowRoot?.querySelector<HTMLButtonElement>('[part="show-all"]')?.click();
  },
};

/** A type chosen among the 2,000: the tiles left are grouped again, every row full down to the last. */
export const FilteredByType: Story = {
  args: { favourites: 0 },
  play: async ({ canvasElement }) => {
    const el = canvasElement.querySelector('gar-mediacentre');
    for (let i = 0; i < 200 && el?.status !== 'ready'; i++) await new Promise((r) => setTimeout(r, 25));
    await el?.updateComplete;
    const select = el?.shadowRoot?.querySelector<HTMLSelectElement>('select[data-facet="presentationType"]');
    if (!select) return;
    select.value = 'DIC';
    select.dispatchEvent(new Event('change'));
  },
};
