import { commonErrorsEn } from '../../shared/common-texts.js';
import type { CatalogueTranslation } from './translation.js';

const n = (count: number, one: string, many: string) => `${count.toLocaleString('en-GB')} ${count === 1 ? one : many}`;

/** English. */
export const catalogueEn: CatalogueTranslation = {
  locale: 'en-GB',
  title: 'Resource catalogue',
  loading: 'Loading the catalogue…',
  search: 'Search for a resource',
  searchHint: 'Title, publisher, level, subject… Accents and small typos are forgiven.',
  filters: 'Filters',
  filtersSummary: (chosen) => (chosen === 0 ? 'Filters' : `Filters (${chosen} chosen)`),
  facets: {
    status: 'At this school',
    level: 'Level',
    subject: 'Subject',
    type: 'Type',
    price: 'Cost',
    offer: 'National offer',
    publisher: 'Publisher',
  },
  statuses: { subscribed: 'Already subscribed here', 'not-subscribed': 'Not yet', ended: 'Subscription ended' },
  statusBadge: (status, until) =>
    status === 'subscribed'
      ? `Already subscribed here${until ? ` until ${until}` : ''}`
      : status === 'ended'
        ? `Subscription ended${until ? ` on ${until}` : ''}`
        : 'Not subscribed yet',
  prices: { free: 'Free', paid: 'Paid' },
  offers: { EDUTHEQUE: 'Éduthèque', BRNE: 'BRNE' },
  facetOption: (label, count) => `${label} (${count.toLocaleString('en-GB')})`,
  clearFilters: 'Clear filters',
  results: (shown, total) =>
    shown === total
      ? n(total, 'resource', 'resources')
      : `${shown.toLocaleString('en-GB')} of ${n(total, 'resource', 'resources')}`,
  showMore: (more) => `Show ${n(more, 'more resource', 'more resources')}`,
  empty: 'The catalogue is empty.',
  emptyHint: 'No publisher has delivered a resource yet.',
  noMatch: (query) => (query ? `No resource matches “${query}”.` : 'No resource matches these filters.'),
  noMatchHint: 'Try another word, or clear the filters.',
  select: (name) => `Select ${name}`,
  selectAllShown: 'Select all',
  selected: (count) => n(count, 'resource selected', 'resources selected'),
  copyReferences: 'Copy the references',
  clearSelection: 'Clear the selection',
  copied: (count) => `${n(count, 'reference copied', 'references copied')}: paste them into your order form.`,
  copyFallback: 'The clipboard is not available: select the text below and copy it.',
  resource: 'Resource',
  reference: 'Reference',
  publisher: 'Publisher',
  distributor: 'Distributor',
  data: 'Data sent',
  dataIntro: 'When opened, the resource receives only:',
  retry: 'Try again',
  refused: 'The catalogue is for the school’s heads, librarians and teachers.',
  errors: {
    ...commonErrorsEn,
    forbidden: 'The catalogue is for the school’s heads, librarians and teachers.',
    notEntitled: 'This school cannot be found.',
    notConfigured: 'The catalogue is not configured (the service address is missing).',
    badLink: 'This link is not valid.',
  },
};
