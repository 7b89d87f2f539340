/**
 * Lower case without accents, so that `Élodie` matches `elodie`: the one folding that searches and name sorting use
 * (stores keep it in their sort and search columns, so changing it means re-folding stored rows).
 *
 * @example
 * ```ts
 * foldText('Élodie LEFÈVRE'); // 'elodie lefevre'
 * ```
 */
export function foldText(value: string): string {
  return value.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
}
