import type { Mef } from './entities.js';
import type { VocabularyTerm } from './primitives.js';
import { foldText } from '../rules/fold.js';

/** One educational level of ScoLOMFR's vocabulary (`scolomfr-voc-022`) and the MEFSTAT4 codes of the classes at it. */
export interface LevelEntry {
  /** The last segment of the ScoLOMFR concept URI (`college`, `6e`…). */
  key: string;
  /** The ScoLOMFR label, as resources write it (`collège`). */
  label: string;
  /** MEFSTAT4 codes (the first four digits of a MEFSTAT11) of the classes at this level. */
  mefStat4: readonly string[];
}

/**
 * The level ↔ MEF table (our rule). Source: the ScoLOMFR "niveau éducatif détaillé" labels for secondary general
 * education, matched to the MEFSTAT4 codes of the national MEF nomenclature (BCN, table N_MEF): 6e `1001`, 5e `1011`,
 * 4e `1021`, 3e `1031`, 2nde GT `2001`, 1re générale `2011`, Tle générale `2021`; at écoles, where 1D feeds give the
 * MEFSTAT4 directly, CP `2111` to CM2 `2115` (`PRIMARY_LEVELS`); cycle 3 spans CM1, CM2 and 6e. A resource level
 * not in this table suggests nothing; extend the table, not the code.
 */
export const LEVEL_TABLE: readonly LevelEntry[] = [
  { key: 'college', label: 'collège', mefStat4: ['1001', '1011', '1021', '1031'] },
  { key: 'ecole-elementaire', label: 'école élémentaire', mefStat4: ['2111', '2112', '2113', '2114', '2115'] },
  { key: 'cycle-2', label: 'cycle 2', mefStat4: ['2111', '2112', '2113'] },
  { key: 'cp', label: 'CP', mefStat4: ['2111'] },
  { key: 'ce1', label: 'CE1', mefStat4: ['2112'] },
  { key: 'ce2', label: 'CE2', mefStat4: ['2113'] },
  { key: 'cm1', label: 'CM1', mefStat4: ['2114'] },
  { key: 'cm2', label: 'CM2', mefStat4: ['2115'] },
  { key: 'cycle-3', label: 'cycle 3', mefStat4: ['2114', '2115', '1001'] },
  { key: 'cycle-4', label: 'cycle 4', mefStat4: ['1011', '1021', '1031'] },
  { key: '6e', label: '6e', mefStat4: ['1001'] },
  { key: '5e', label: '5e', mefStat4: ['1011'] },
  { key: '4e', label: '4e', mefStat4: ['1021'] },
  { key: '3e', label: '3e', mefStat4: ['1031'] },
  {
    key: 'lycee-general-et-technologique',
    label: 'lycée général et technologique',
    mefStat4: ['2001', '2011', '2021'],
  },
  { key: 'lycee', label: 'lycée', mefStat4: ['2001', '2011', '2021'] },
  { key: '2nde', label: 'seconde générale et technologique', mefStat4: ['2001'] },
  { key: '1re', label: 'première générale', mefStat4: ['2011'] },
  { key: 'tle', label: 'terminale générale', mefStat4: ['2021'] },
];

const fold = (s: string) => foldText(s).trim();

/**
 * The MEFSTAT4 codes of a resource's educational levels, matched by the concept URI's last segment or by label.
 *
 * @example
 * ```ts
 * mefStat4ForLevels([{ uri: 'http://data.education.fr/voc/scolomfr/concept/college', nom: 'collège' }]); // Set {'1001','1011','1021','1031'}
 * ```
 */
export function mefStat4ForLevels(levels: readonly VocabularyTerm[]): Set<string> {
  const out = new Set<string>();
  for (const level of levels) {
    const segment = fold(level.uri.split(/[/#]/).pop() ?? '');
    const label = fold(level.nom);
    for (const entry of LEVEL_TABLE) {
      if (entry.key === segment || fold(entry.label) === label) for (const code of entry.mefStat4) out.add(code);
    }
  }
  return out;
}

/**
 * The MEFSTAT4 code of a MEF: its own `mefStat4`, else the first four digits of its MEFSTAT11.
 *
 * @example
 * ```ts
 * mefStat4Of({ mefStat11: '10010001110' }); // '1001'
 * ```
 */
export function mefStat4Of(mef: Pick<Mef, 'mefStat4' | 'mefStat11'>): string | undefined {
  return mef.mefStat4 ?? mef.mefStat11?.slice(0, 4);
}
