import type { CatalogueEntry } from '@opengar/core';
import type { CatalogueStore, StoredCatalogueEntry } from '../types-catalogue.js';
import type { SqlContext } from './sql-context.js';

interface Row {
  publisher_id: string;
  entry: string;
  delivered_at: string;
}

const toStored = (r: Row): StoredCatalogueEntry => ({
  entry: JSON.parse(r.entry) as CatalogueEntry,
  publisherId: r.publisher_id,
  deliveredAt: r.delivered_at,
});

/** The catalogue over SQL: one delete and one unnest insert per delivery. */
export function sqlCatalogueOps(ctx: SqlContext): CatalogueStore {
  return {
    replaceCatalogue: (publisherId, entries, deliveredAt) =>
      ctx.run('replaceCatalogue', async (q) => {
        await q.query('DELETE FROM catalogue_entries WHERE publisher_id = $1::text', [publisherId]);
        if (entries.length === 0) return;
        await q.query(
          `INSERT INTO catalogue_entries (resource_id, publisher_id, entry, delivered_at)
           SELECT id, $2::text, doc::jsonb, $3::text FROM unnest($1::text[], $4::text[]) AS t(id, doc)`,
          [entries.map((e) => e.resourceId), publisherId, deliveredAt, entries.map((e) => JSON.stringify(e))],
        );
      }),
    listCatalogue: (filter) =>
      ctx.run('listCatalogue', async (q) => {
        const by = filter?.publisherId !== undefined;
        const { rows } = await q.query(
          `SELECT publisher_id, entry::text AS entry, delivered_at FROM catalogue_entries
           ${by ? 'WHERE publisher_id = $1::text' : ''} ORDER BY resource_id`,
          by ? [filter.publisherId] : [],
        );
        return (rows as unknown as Row[]).map(toStored);
      }),
  };
}
