import assert from 'node:assert/strict';
import { test } from 'node:test';
import { catalogueEntrySchema, type CatalogueEntry } from '@opengar/core';
import type { ContractContext } from './contract.js';

const entry = (resourceId: string, publisherId: string, extra: Partial<CatalogueEntry> = {}): CatalogueEntry =>
  catalogueEntrySchema.parse({
    resourceId,
    name: `Ressource ${resourceId}`,
    publisherId,
    publisherName: 'Éditions',
    distributors: [{ id: `${publisherId}_D`, name: '' }],
    techDistributor: { id: `${publisherId}_T`, name: 'Tech' },
    displayable: true,
    diffusable: true,
    ...extra,
  });

export function catalogueContract({ withStore }: ContractContext): void {
  test('a delivery replaces exactly its publisher’s entries; lists come in idRessource order', () =>
    withStore(async (store) => {
      const a1 = entry('ark:/1/b', 'ed-a', {
        levels: [{ uri: 'http://data.education.fr/voc/scolomfr/concept/scolomfr-voc-022-num-027', nom: '6e' }],
        nationalOffers: ['BRNE'],
        free: true,
        declaredAttributes: ['UAI', 'PRO'],
        description: 'Un « dictionnaire »\u202f!',
      });
      const a2 = entry('ark:/1/a', 'ed-a');
      const b1 = entry('ark:/2/a', 'ed-b', { familyParent: true, familyIds: ['ark:/2/a'] });
      await store.replaceCatalogue('ed-a', [a1, a2], '2026-09-01T08:00:00.000Z');
      await store.replaceCatalogue('ed-b', [b1], '2026-09-02T08:00:00.000Z');
      const all = await store.listCatalogue();
      assert.deepEqual(
        all.map((s) => s.entry.resourceId),
        ['ark:/1/a', 'ark:/1/b', 'ark:/2/a'],
      );
      assert.deepEqual(all[1], { entry: a1, publisherId: 'ed-a', deliveredAt: '2026-09-01T08:00:00.000Z' });
      await store.replaceCatalogue('ed-a', [a2], '2026-09-03T08:00:00.000Z');
      assert.deepEqual(
        (await store.listCatalogue()).map((s) => [s.entry.resourceId, s.deliveredAt]),
        [
          ['ark:/1/a', '2026-09-03T08:00:00.000Z'],
          ['ark:/2/a', '2026-09-02T08:00:00.000Z'],
        ],
      );
      assert.deepEqual(
        (await store.listCatalogue({ publisherId: 'ed-b' })).map((s) => s.entry),
        [b1],
      );
      await store.replaceCatalogue('ed-a', [], '2026-09-04T08:00:00.000Z');
      assert.deepEqual(await store.listCatalogue({ publisherId: 'ed-a' }), []);
    }));

  test('a failed transaction leaves the previous catalogue', () =>
    withStore(async (store) => {
      await store.replaceCatalogue('ed-a', [entry('ark:/1/a', 'ed-a')], '2026-09-01T08:00:00.000Z');
      await assert.rejects(
        store.transaction(async (tx) => {
          await tx.replaceCatalogue('ed-a', [entry('ark:/1/z', 'ed-a')], '2026-09-02T08:00:00.000Z');
          throw new Error('abandon');
        }),
        /abandon/,
      );
      assert.deepEqual(
        (await store.listCatalogue()).map((s) => s.entry.resourceId),
        ['ark:/1/a'],
      );
    }));
}
