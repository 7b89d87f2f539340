import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { SchoolCatalogueEntry } from '@opengar/core';
import { editDistance, indexCatalogue, narrowCatalogue, searchCatalogue } from '../src/catalogue/search-catalogue.js';

const entry = (id: string, name: string, extra: Partial<SchoolCatalogueEntry> = {}): SchoolCatalogueEntry => ({
  resourceId: id,
  name,
  publisherId: 'ed',
  publisherName: 'Éditions',
  distributors: [],
  techDistributor: { id: 'ed', name: '' },
  displayable: true,
  diffusable: true,
  familyParent: false,
  familyIds: [],
  levels: [],
  teachingDomains: [],
  pedagogicalTypes: [],
  documentTypologies: [],
  nationalOffers: [],
  declaredAttributes: [],
  status: 'not-subscribed',
  ...extra,
});
const L6 = { uri: 'l6', nom: '6e' };
const L5 = { uri: 'l5', nom: '5e' };
const items = [
  entry('a', 'Mathématiques 6e', { levels: [L6], free: false, status: 'subscribed' }),
  entry('b', 'Dictionnaire Élémentaire', { levels: [L6, L5], free: true, nationalOffers: ['BRNE'] }),
  entry('c', 'Histoire-géographie', { levels: [L5], free: false, status: 'ended' }),
];
const index = indexCatalogue(items);
const ids = (q: string) => searchCatalogue(index, q).map((i) => items[i]!.resourceId);

describe('catalogue search', () => {
  test('ignores accents and case, matches starts and insides, best first', () => {
    assert.deepEqual(ids('MATHEMATIQUES'), ['a']);
    assert.deepEqual(ids('elem'), ['b']);
    assert.deepEqual(ids('geo'), ['c']);
    assert.deepEqual(ids(''), ['a', 'b', 'c']);
    assert.deepEqual(ids('  ,;  '), ['a', 'b', 'c']);
  });

  test('forgives one typo from 4 letters and two from 8, past the first letter; every word must match', () => {
    assert.deepEqual(ids('dictionaire'), ['b']);
    assert.deepEqual(ids('mathematiqeus'), ['a']);
    assert.deepEqual(ids('histiore'), ['c']);
    assert.deepEqual(ids('xistoire'), []);
    assert.deepEqual(ids('dictionnaire histoire'), []);
    assert.deepEqual(ids('zq'), []);
  });

  test('edit distance counts a swap as one and stops early', () => {
    assert.equal(editDistance('ab', 'ba', 2), 1);
    assert.equal(editDistance('kitten', 'sitting', 3), 3);
    assert.equal(editDistance('a', 'abcdef', 1), 2);
  });

  test('facets: several values of one facet add up, facets narrow, counts keep the other facets’ choices', () => {
    const all = searchCatalogue(index, '');
    const none = narrowCatalogue(index, all, {});
    assert.deepEqual(
      none.counts.level.map((c) => [c.value, c.count]),
      [
        ['l5', 2],
        ['l6', 2],
      ],
    );
    const six = narrowCatalogue(index, all, { level: new Set(['l6']) });
    assert.deepEqual(six.results, [0, 1]);
    // The level counts ignore the level choice; the price counts follow it.
    assert.deepEqual(
      six.counts.level.map((c) => c.count),
      [2, 2],
    );
    assert.deepEqual(
      six.counts.price.map((c) => [c.value, c.count]),
      [
        ['free', 1],
        ['paid', 1],
      ],
    );
    const both = narrowCatalogue(index, all, { level: new Set(['l6', 'l5']), price: new Set(['paid']) });
    assert.deepEqual(both.results, [0, 2]);
    const gone = narrowCatalogue(index, all, { offer: new Set(['EDUTHEQUE']) });
    assert.deepEqual(gone.results, []);
    assert.deepEqual(gone.counts.offer, [
      { value: 'BRNE', label: 'BRNE', count: 1 },
      { value: 'EDUTHEQUE', label: 'EDUTHEQUE', count: 0 },
    ]);
  });

  test('a chosen value no entry has any more stays listed, with its label and 0', () => {
    const maths = narrowCatalogue(index, searchCatalogue(index, 'mathematiques'), { level: new Set(['l5']) });
    assert.deepEqual(maths.results, []);
    assert.deepEqual(
      maths.counts.level.find((c) => c.value === 'l5'),
      { value: 'l5', label: '5e', count: 0 },
    );
  });

  test('entries missing lists from a host’s source are indexed, not a crash', () => {
    const odd = indexCatalogue([{ resourceId: 'x', name: 'Atlas' } as SchoolCatalogueEntry, null as never]);
    assert.deepEqual(searchCatalogue(odd, 'atlas'), [0]);
    assert.equal(odd.entries[0]!.levels.length, 0);
  });
});
