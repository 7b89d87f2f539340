// The listing's helpers that the first screen of a long listing runs (issue 22): counts grouped without
// Intl.NumberFormat, and a filter that folds no search text until there is something to search for.
import assert from 'node:assert/strict';
import { it } from 'node:test';
import type { MediacentreResource } from '@opengar/core';
import { matcher, type IndexedResource } from '../src/mediacentre/filter-resources.js';
import { formatCount, NO_FACETS } from '../src/mediacentre/listing.js';

it('formatCount groups thousands as Intl.NumberFormat does for French and English', () => {
  for (const n of [0, 7, 999, 1000, 2000, 12345, 1234567]) {
    assert.equal(formatCount(n, 'fr-FR'), new Intl.NumberFormat('fr-FR').format(n), `fr ${n}`);
    assert.equal(formatCount(n, 'en-GB'), new Intl.NumberFormat('en-GB').format(n), `en ${n}`);
  }
  assert.equal(formatCount(2000, 'fr-FR'), '2\u202f000');
});

it('matcher reads no search text without words to look for, and reads it once there are', () => {
  let reads = 0;
  const item: IndexedResource = {
    resource: { id: 'r', name: 'Atlas' } as MediacentreResource,
    get text() {
      reads++;
      return 'atlas du monde';
    },
  };
  assert.equal(matcher('', NO_FACETS)(item), true);
  assert.equal(matcher('   ', NO_FACETS)(item), true);
  assert.equal(reads, 0, 'no text folded for an empty search');
  assert.equal(matcher('Monde', NO_FACETS)(item), true);
  assert.equal(matcher('mer', NO_FACETS)(item), false);
  assert.ok(reads >= 2);
  assert.equal(matcher('', { ...NO_FACETS, publisher: 'p1' })(item), false, 'a facet still filters');
  assert.equal(reads, 2, 'a facet alone reads no text');
});
