import type { FeedDegree, FeedKind } from './feed-schema.js';

/** What a feed file's name says. */
export interface FeedFileName {
  entId: string;
  /** `yyyyMMdd_HHmmss`. */
  exportedAt: string;
  degree: FeedDegree;
  kind: FeedKind;
  /** The file's number within its kind (`0000`, `0001`…). */
  part: number;
}

const NAME =
  /^([A-Za-z0-9._-]{1,64})_GAR-ENT_Complet_(\d{8}_\d{6})_(1D|2D)_(Eleve|Enseignant|Etab|Groupe|RespAff)_(\d{4})\.xml$/;

/**
 * Reads GAR's feed file name `{idENT}_GAR-ENT_Complet_{yyyyMMdd_HHmmss}_{2D|1D}_{Kind}_{0000}.xml` (the base name;
 * folders are ignored); `undefined` when it does not follow it.
 *
 * @example
 * ```ts
 * parseFeedFileName('ENTBRE_GAR-ENT_Complet_20260901_120000_2D_Eleve_0001.xml');
 * // { entId: 'ENTBRE', exportedAt: '20260901_120000', degree: '2D', kind: 'Eleve', part: 1 }
 * ```
 */
export function parseFeedFileName(path: string): FeedFileName | undefined {
  const base = path.split(/[/\\]/).pop() ?? '';
  const m = NAME.exec(base);
  if (!m) return undefined;
  return { entId: m[1]!, exportedAt: m[2]!, degree: m[3] as FeedDegree, kind: m[4] as FeedKind, part: Number(m[5]) };
}

/**
 * The file name of one part of a feed.
 *
 * @example
 * ```ts
 * feedFileName({ entId: 'ENTBRE', exportedAt: '20260901_120000', degree: '2D', kind: 'Etab', part: 0 });
 * // 'ENTBRE_GAR-ENT_Complet_20260901_120000_2D_Etab_0000.xml'
 * ```
 */
export function feedFileName(name: FeedFileName): string {
  return `${name.entId}_GAR-ENT_Complet_${name.exportedAt}_${name.degree}_${name.kind}_${String(name.part).padStart(4, '0')}.xml`;
}
