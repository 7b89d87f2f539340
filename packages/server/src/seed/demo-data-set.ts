import { schoolYearOf } from '@opengar/core';
import type { OperatorRecord } from '../store/types.js';
import { DEMO_UAI, demoCatalogue, type DemoCatalogue, type DemoCatalogueOptions } from './demo-catalogue.js';
import { demoDirectory, type DemoDirectory } from './demo-directory.js';
import { demoEcole } from './demo-ecole.js';
import { demoSubscriptions, type DemoSubscriptions } from './demo-subscriptions.js';
import { createPrng } from './prng.js';

/** The demo's default "now": a Monday of September, early in the 2026-2027 school year. */
export const DEMO_REFERENCE_DATE = '2026-09-14T08:00:00.000Z';
/** The demo's default seed. */
export const DEMO_SEED = 'opengar-demo';

/** Options of {@link demoDataSet}. */
export interface DemoDataSetOptions extends DemoCatalogueOptions {
  /** Seed of the generator: the same seed always gives the same data. Default {@link DEMO_SEED}. */
  seed?: string | number;
  /** The instant the demo is "now" (validity windows, allocation dates). Default {@link DEMO_REFERENCE_DATE}. */
  referenceDate?: string;
}

/** Everything the demo seeds: registry, directory, subscriptions with allocations, and the demo operator. */
export interface DemoDataSet extends DemoCatalogue, DemoDirectory, DemoSubscriptions {
  referenceDate: string;
  /** The school year the reference date falls in. */
  schoolYear: string;
  /** The demo operator, without its secret hash (see `DEMO_CREDENTIALS`). */
  operator: Omit<OperatorRecord, 'secretHash'>;
}

/**
 * The demo data, as plain values (no I/O): one ENT, a collège, a lycée and an école, ~1,600 pupils, teachers, staff,
 * five publishers, twenty-one resources (a SAML 2.0 provider and an LTI 1.3 tool among them), subscriptions of every
 * kind and allocations that respect the licence rules.
 * Deterministic: a seeded generator, and a reference date instead of the clock.
 *
 * @example
 * ```ts
 * const data = demoDataSet({ seed: 'opengar-demo', referenceDate: '2026-09-14T08:00:00.000Z' });
 * data.people.length; // ≈ 1,630
 * ```
 */
export function demoDataSet(options: DemoDataSetOptions = {}): DemoDataSet {
  const referenceDate = new Date(options.referenceDate ?? DEMO_REFERENCE_DATE).toISOString();
  const schoolYear = schoolYearOf(referenceDate);
  const seed = options.seed ?? DEMO_SEED;
  const catalogue = demoCatalogue(options);
  const ref = Date.parse(referenceDate);
  const directory = demoDirectory({
    rng: createPrng(`${seed}:directory`),
    entId: catalogue.ent.id,
    college: DEMO_UAI.college,
    lycee: DEMO_UAI.lycee,
    schoolYearStart: Number(schoolYear.slice(0, 4)),
    delegatedAt: new Date(ref - 10 * 86_400_000).toISOString(),
  });
  // The école comes after, from its own generator: the collège and lycée stay as they were before it.
  const ecole = demoEcole({
    rng: createPrng(`${seed}:ecole`),
    entId: catalogue.ent.id,
    uai: DEMO_UAI.ecole,
    schoolYearStart: Number(schoolYear.slice(0, 4)),
  });
  for (const key of Object.keys(ecole) as (keyof DemoDirectory)[])
    (directory[key] as unknown[]).push(...(ecole[key] as unknown[]));
  const subscriptions = demoSubscriptions({
    rng: createPrng(`${seed}:subscriptions`),
    resources: catalogue.resources,
    directory,
    college: DEMO_UAI.college,
    lycee: DEMO_UAI.lycee,
    ecole: DEMO_UAI.ecole,
    referenceDate,
    schoolYear,
  });
  return {
    ...catalogue,
    ...directory,
    ...subscriptions,
    referenceDate,
    schoolYear,
    operator: {
      id: 'demo-operator',
      label: 'Demo operator (demo only)',
      createdAt: new Date(ref - 30 * 86_400_000).toISOString(),
    },
  };
}
