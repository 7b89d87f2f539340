import type { Mef } from '@opengar/core';

/** One level of a school (6e, 2nde…) with its divisions and MEF. */
export interface LevelSpec {
  uai: string;
  /** Short key used in group codes (`6`, `2`, `T`…). */
  key: string;
  /** Label of the level (`6e`, `2nde`, `Tle`). */
  label: string;
  divisions: { code: string; label: string }[];
  mef: Mef;
  /** Age of the pupils at the start of the school year. */
  age: number;
  /** Inclusive bounds of a division's size. */
  size: readonly [number, number];
  /** LV2 and option groups of the level: code suffix and label. */
  groups: { suffix: string; label: string; share: number }[];
  /** Specialities (lycée, 1re and Tle): each pupil takes `count` of them. */
  specialities?: { count: number; list: { suffix: string; label: string }[] };
}

const LV2 = (level: string) => [
  { suffix: 'ESP', label: `LV2 espagnol ${level}`, share: 0.65 },
  { suffix: 'ALL', label: `LV2 allemand ${level}`, share: 0.35 },
];

const mef = (uai: string, code: string, label: string, mefStat11: string): Mef => ({ uai, code, label, mefStat11 });

/** The collège's levels: 6e to 3e, four divisions each (A–D). */
export function collegeLevels(uai: string): LevelSpec[] {
  const level = (
    key: string,
    label: string,
    mefCode: string,
    mefLabel: string,
    ms11: string,
    age: number,
    groups: LevelSpec['groups'],
  ): LevelSpec => ({
    uai,
    key,
    label,
    divisions: ['A', 'B', 'C', 'D'].map((l) => ({ code: `${key}${l}`, label: `${label} ${l}` })),
    mef: mef(uai, mefCode, mefLabel, ms11),
    age,
    size: [26, 30],
    groups,
  });
  return [
    level('6', '6e', '10010012110', '6EME', '10010001110', 11, [
      { suffix: 'ANG-BILANGUE', label: 'Bilangue anglais-allemand 6e', share: 0.15 },
    ]),
    level('5', '5e', '10110001110', '5EME', '10110001110', 12, [
      ...LV2('5e'),
      { suffix: 'LATIN', label: 'Option latin 5e', share: 0.2 },
    ]),
    level('4', '4e', '10210001110', '4EME', '10210001110', 13, [
      ...LV2('4e'),
      { suffix: 'LATIN', label: 'Option latin 4e', share: 0.18 },
    ]),
    level('3', '3e', '10310019110', '3EME', '10310019110', 14, [
      ...LV2('3e'),
      { suffix: 'LATIN', label: 'Option latin 3e', share: 0.15 },
    ]),
  ];
}

const SPECIALITIES = [
  { suffix: 'SPE-MATHS', label: 'Spécialité mathématiques' },
  { suffix: 'SPE-PC', label: 'Spécialité physique-chimie' },
  { suffix: 'SPE-SVT', label: 'Spécialité SVT' },
  { suffix: 'SPE-SES', label: 'Spécialité SES' },
  { suffix: 'SPE-HGGSP', label: 'Spécialité HGGSP' },
  { suffix: 'SPE-LLCER', label: 'Spécialité LLCER anglais' },
];

/** The lycée's levels: 2nde, 1re and Tle, ten divisions each. */
export function lyceeLevels(uai: string): LevelSpec[] {
  const level = (
    key: string,
    label: string,
    codePrefix: string,
    mefCode: string,
    mefLabel: string,
    ms11: string,
    age: number,
    extra: Partial<LevelSpec>,
  ): LevelSpec => ({
    uai,
    key,
    label,
    divisions: Array.from({ length: 10 }, (_, i) => ({ code: `${codePrefix}${i + 1}`, label: `${label} ${i + 1}` })),
    mef: mef(uai, mefCode, mefLabel, ms11),
    age,
    size: [33, 37],
    groups: LV2(label),
    ...extra,
  });
  return [
    level('2', '2nde', '2NDE', '20010018110', '2NDE GENERALE & TECHNO YC BT', '20010018110', 15, {
      groups: [...LV2('2nde'), { suffix: 'EURO-ANG', label: 'Section européenne anglais 2nde', share: 0.15 }],
    }),
    level('1', '1re', '1ERE', '20110019110', '1ERE GENERALE', '20110019110', 16, {
      specialities: { count: 3, list: SPECIALITIES.map((s) => ({ ...s, label: `${s.label} 1re` })) },
    }),
    level('T', 'Tle', 'TLE', '20211019110', 'TERMINALE GENERALE', '20211019110', 17, {
      specialities: { count: 2, list: SPECIALITIES.map((s) => ({ ...s, label: `${s.label} Tle` })) },
    }),
  ];
}
