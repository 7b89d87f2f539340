import { requireSchoolRole } from '../allocation/allocation-access.js';
import { requireOperator } from '../kernel/authorize.js';
import type { ServiceContext } from '../kernel/context.js';
import { GarServiceError } from '../kernel/errors.js';
import type { Actor } from '../kernel/types.js';
import { rolloverSchool, type RolloverSummary } from './rollover-school.js';
import { nationalStatsUseCases } from '../stats/national-stats.js';
import { openingYear, previousSchoolYear, schoolYearOf } from '@opengar/core';

/** The outcome of a rollover for one school. */
export interface RolloverOutcome {
  uai: string;
  year: string;
  /** `true` when the school was already rolled over to that year: nothing was done again. */
  alreadyDone: boolean;
  preview: boolean;
  summary: RolloverSummary;
}

/** Thrown inside a preview's transaction so that it rolls back. */
class PreviewRollback extends Error {
  constructor(readonly summary: RolloverSummary) {
    super('preview');
  }
}

/** The school-year rollover, per school (managers, operator) or for every school (operator, CLI). */
export function rolloverUseCases(ctx: ServiceContext) {
  const { store, clock } = ctx;

  async function one(actor: Actor, uai: string, year: string, preview: boolean): Promise<RolloverOutcome> {
    const done = await store.getRollover(uai, year);
    if (done) return { uai, year, alreadyDone: true, preview, summary: done.summary as RolloverSummary };
    try {
      const summary = await store.transaction(async (tx) => {
        if (await tx.getRollover(uai, year)) return undefined;
        const school = await tx.getSchool(uai);
        if (!school) throw new GarServiceError('not-found', 'no such school');
        const s = await rolloverSchool(tx, school, year, { actor, at: clock.now() });
        if (preview) throw new PreviewRollback(s);
        return s;
      });
      if (!summary) return one(actor, uai, year, preview);
      return { uai, year, alreadyDone: false, preview, summary };
    } catch (e) {
      if (e instanceof PreviewRollback) return { uai, year, alreadyDone: false, preview: true, summary: e.summary };
      throw e;
    }
  }

  const checkYear = (year: string) => {
    if (openingYear(year) === undefined) {
      throw new GarServiceError('validation', 'Invalid school year', {
        issues: [{ pointer: '/year', code: 'invalid_format', message: 'a school year is written 2026-2027' }],
      });
    }
  };

  return {
    /**
     * Rolls one school over to the school year that opens (a manager of the school, or the operator); with `preview`
     * nothing is kept. Re-running a completed rollover changes nothing and says so.
     *
     * @example
     * ```ts
     * const preview = await service.rollover.school(user, '0561641E', '2026-2027', { preview: true });
     * ```
     */
    async rolloverSchool(
      actor: Actor,
      uai: string,
      year: string,
      options: { preview?: boolean } = {},
    ): Promise<RolloverOutcome> {
      checkYear(year);
      if (actor.kind !== 'operator' && actor.kind !== 'system') {
        const { role } = await requireSchoolRole(store, actor, uai);
        if (role !== 'manager')
          throw new GarServiceError('forbidden', "only the school's allocation managers roll it over");
        // A manager rolls over to the school year in progress or the next one, never to a past or far year: a typo
        // (2072-2073) committed would drop every allocation of the school at once. The operator is not limited.
        const current = openingYear(schoolYearOf(clock.now()))!;
        const first = openingYear(year)!;
        if (first !== current && first !== current + 1) {
          throw new GarServiceError('validation', 'Invalid school year', {
            issues: [
              {
                pointer: '/year',
                code: first < current ? 'too_small' : 'too_big',
                message: `a school rolls over to the school year in progress (${current}-${current + 1}) or the next one (${current + 1}-${current + 2})`,
              },
            ],
          });
        }
      }
      return one(actor, uai, year, options.preview ?? false);
    },
    /**
     * Rolls every school over (operator, CLI), one transaction per school; schools already done are left alone.
     *
     * @example
     * ```ts
     * const outcomes = await service.rollover.all({ kind: 'system' }, '2026-2027');
     * ```
     */
    async rolloverAll(
      actor: Actor,
      year: string,
      options: { preview?: boolean; onSchool?: (o: RolloverOutcome) => void } = {},
    ): Promise<RolloverOutcome[]> {
      requireOperator(actor);
      checkYear(year);
      const out: RolloverOutcome[] = [];
      for (const school of await store.listSchools()) {
        const o = await one(actor, school.uai, year, options.preview ?? false);
        options.onSchool?.(o);
        out.push(o);
      }
      // The closing year's statistics are frozen as published (docs/statistics.md).
      if (!options.preview) await nationalStatsUseCases(ctx).archiveSchoolYearStatistics(previousSchoolYear(year));
      return out;
    },
  };
}
