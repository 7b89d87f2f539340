import {
  adviseRefusal,
  audienceAt,
  checkAllocation,
  checkWithdrawal,
  foldText,
  licenceUsage,
  mefStat4Of,
  previewByAudience,
  previewRequestSchema,
  schoolDirectoryQuerySchema,
  type AllocationPreview,
  type DirectoryGroup,
  type ManagedSchool,
  type Person,
  type SchoolDirectoryPage,
} from '@opengar/core';
import { expandTargets, lockSchoolSubscription } from './allocation-engine.js';
import { managedSchoolExtras } from './managed-school-extras.js';
import { isLibrarian, isManager, requireSchoolReader, requireSchoolRole } from './allocation-access.js';
import { refusalError, AllocationRuleError } from './allocation-rule-error.js';
import { validate, type ServiceContext } from '../kernel/context.js';
import { GarServiceError } from '../kernel/errors.js';
import type { Actor } from '../kernel/types.js';
import { leaversCopies } from './target-facts.js';

const fold = (s: string) => foldText(s).trim();

/**
 * What the allocation console needs besides the allocation routes: the school's directory to pick targets from
 * (searched and paged on the server, so thousands of pupils stay fast), a preview of an allocation, and the schools
 * the caller manages.
 */
export function consoleDirectoryUseCases(ctx: ServiceContext) {
  const { store } = ctx;

  return {
    /**
     * Divisions, groups (with member counts), levels, subjects (with where they are taught) and one page of people of a school matching a search; each person with
     * the subscriptions they hold a copy of.
     *
     * @example
     * ```ts
     * const { groups, people, totalPeople } = await service.allocation.directory(manager, '0561641E', { search: 'le goff' });
     * ```
     */
    async searchSchoolDirectory(actor: Actor, uai: string, query: unknown = {}): Promise<SchoolDirectoryPage> {
      await requireSchoolReader(store, actor, uai);
      const q = validate(schoolDirectoryQuerySchema, query, 'query');
      const needle = fold(q.search ?? '');
      let groups: DirectoryGroup[] = [];
      if (q.kind !== 'person' && q.personIds === undefined && q.holding === undefined) {
        const members = new Map<string, number>();
        for (const m of await store.listMemberships({ uai }))
          members.set(m.groupCode, (members.get(m.groupCode) ?? 0) + 1);
        groups = (await store.listGroups(uai))
          .map(
            (g): DirectoryGroup => ({
              kind: g.status === 'DIVISION' ? 'division' : 'group',
              code: g.code,
              label: g.label,
              members: members.get(g.code) ?? 0,
            }),
          )
          .filter(
            (g) =>
              (q.kind === undefined || g.kind === q.kind) &&
              (needle === '' || fold(`${g.code} ${g.label}`).includes(needle)),
          )
          .sort((a, b) => a.kind.localeCompare(b.kind) || a.label.localeCompare(b.label, 'fr', { numeric: true }));
      }
      // Levels: the MEFSTAT4 of the school's MEFs, named by their MEF label, with how many pupils are at each.
      const levels: SchoolDirectoryPage['levels'] = [];
      if (q.kind === undefined && q.personIds === undefined && q.holding === undefined) {
        const mefs = await store.listMefs(uai);
        const levelOf = new Map(mefs.map((m) => [m.code, mefStat4Of(m)]));
        const count = new Map<string, number>();
        for (const p of await store.listPeople({ uai, audience: 'ELEVE' }))
          for (const code of new Set(p.mefs.filter((m) => m.uai === uai).map((m) => levelOf.get(m.code))))
            if (code) count.set(code, (count.get(code) ?? 0) + 1);
        for (const m of mefs) {
          const code = mefStat4Of(m);
          if (!code || levels.some((l) => l.mefStat4 === code) || !count.has(code)) continue;
          if (needle === '' || fold(`${m.label} ${code}`).includes(needle))
            levels.push({ mefStat4: code, label: m.label || code, pupils: count.get(code)! });
        }
        levels.sort((a, b) => a.mefStat4.localeCompare(b.mefStat4));
      }
      // Subjects: those someone teaches, with the divisions and groups where they are taught (subject-teacher targets).
      const subjects: SchoolDirectoryPage['subjects'] = [];
      if (q.kind === undefined && q.personIds === undefined && q.holding === undefined) {
        const groupLabels = new Map((await store.listGroups(uai)).map((g) => [g.code, g.label || g.code]));
        const teachings = await store.listTeachings({ uai });
        for (const s of await store.listSubjects(uai)) {
          const mine = teachings.filter((t) => t.subject === s.code && groupLabels.has(t.groupCode));
          if (mine.length === 0) continue;
          const label = s.label || s.code;
          if (needle !== '' && !fold(`${label} ${s.code}`).includes(needle)) continue;
          subjects.push({
            code: s.code,
            label,
            divisions: [...new Set(mine.map((t) => t.groupCode))]
              .map((code) => ({ code, label: groupLabels.get(code)! }))
              .sort((a, b) => a.label.localeCompare(b.label, 'fr', { numeric: true })),
            teachers: new Set(mine.map((t) => t.personId)).size,
          });
        }
        subjects.sort((a, b) => a.label.localeCompare(b.label, 'fr'));
      }
      let people: SchoolDirectoryPage['people'] = [];
      let totalPeople = 0;
      if (q.kind === undefined || q.kind === 'person') {
        const school = await store.getSchool(uai);
        const staff = q.staff === 'true';
        const base = {
          uai,
          ...(q.audience ? { audience: q.audience } : {}),
          ...(staff ? { staff } : {}),
          ...(needle ? { search: q.search } : {}),
        };
        let found: Person[];
        if (q.personIds !== undefined) {
          const ids = q.personIds.split(',').filter(Boolean).slice(0, 200);
          const byId = new Map((school ? await store.getPeople(school.entId, ids) : []).map((p) => [p.id, p]));
          found = ids
            .map((id) => byId.get(id))
            .filter((p): p is Person => p !== undefined && audienceAt(p, uai) !== undefined);
          totalPeople = found.length;
        } else if (q.holding !== undefined) {
          const ids = (await store.listCopies({ subscriptionId: q.holding }))
            .filter((c) => c.uai === uai)
            .map((c) => c.personId);
          const all = (school ? await store.getPeople(school.entId, ids) : [])
            .filter(
              (p): p is Person =>
                p !== undefined &&
                (q.audience === undefined || audienceAt(p, uai) === q.audience) &&
                (!staff || audienceAt(p, uai) !== 'ELEVE'),
            )
            .filter(
              (p) =>
                needle === '' ||
                fold(`${p.lastName} ${p.firstName} ${p.firstName} ${p.lastName} ${p.id}`).includes(needle),
            )
            .sort(
              (a, b) =>
                a.lastName.localeCompare(b.lastName, 'fr') ||
                a.firstName.localeCompare(b.firstName, 'fr') ||
                a.id.localeCompare(b.id),
            );
          totalPeople = all.length;
          const offset = q.offset ?? 0;
          found = all.slice(offset, offset + (q.limit ?? 50));
        } else {
          totalPeople = (await store.listPeople(base)).length;
          found = await store.listPeople({ ...base, offset: q.offset ?? 0, limit: q.limit ?? 50 });
        }
        const held = new Map<string, string[]>();
        for (const p of found) held.set(p.id, []);
        for (const c of await store.listCopies({ uai })) held.get(c.personId)?.push(c.subscriptionId);
        const divisions = new Map(
          (await store.listGroups(uai)).filter((g) => g.status === 'DIVISION').map((g) => [g.code, g.label || g.code]),
        );
        people = [];
        for (const p of found) {
          const audience = audienceAt(p, uai);
          const classes = (await store.listMemberships({ uai, personId: p.id }))
            .map((m) => divisions.get(m.groupCode))
            .filter((l): l is string => l !== undefined)
            .sort((a, b) => a.localeCompare(b, 'fr', { numeric: true }));
          // Homonyms at the school: the end of the ENT identifier tells them apart (not their birth date).
          const namesakes = (await store.listPeople({ uai, search: `${p.firstName} ${p.lastName}` })).filter(
            (x) => fold(x.firstName) === fold(p.firstName) && fold(x.lastName) === fold(p.lastName),
          );
          people.push({
            id: p.id,
            firstName: p.firstName,
            lastName: p.lastName,
            ...(audience ? { audience } : {}),
            subscriptionIds: held.get(p.id) ?? [],
            classes,
            ...(namesakes.length > 1 ? { detail: `…${p.id.slice(-4)}` } : {}),
          });
        }
      }
      return { groups, levels, subjects, people, totalPeople };
    },
    /**
     * What allocating would consume per pool, who already holds a copy, and the refusal it would meet; with
     * `fromPersonIds`, what moving those people's copies to the targets would (their copies count as free). Changes nothing.
     *
     * @example
     * ```ts
     * const p = await service.allocation.preview(manager, '0561641E', { subscriptionId: 'ABO-1', targets: [{ kind: 'division', code: '3A' }] });
     * ```
     */
    async previewAllocation(actor: Actor, uai: string, input: unknown): Promise<AllocationPreview> {
      const req = validate(previewRequestSchema, input, 'allocation');
      return store.transaction(async (tx) => {
        const { school } = await requireSchoolRole(tx, actor, uai);
        const sub = await lockSchoolSubscription(tx, uai, req.subscriptionId);
        const expanded = await expandTargets(tx, school, req.targets);
        let copies = await tx.listCopies({ subscriptionId: sub.id });
        if (req.fromPersonIds) {
          const from = new Set(req.fromPersonIds);
          const moving = copies.filter((c) => from.has(c.personId));
          const held = moving.find((c) => !checkWithdrawal(sub, c).ok);
          if (moving.length !== from.size || held) {
            return {
              granted: 0,
              alreadyHolding: 0,
              uncovered: 0,
              consumption: [],
              audiences: [],
              refusal: held ? { code: 'not-withdrawable', personId: held.personId } : { code: 'not-holding' },
            };
          }
          copies = copies.filter((c) => !from.has(c.personId));
        }
        const usage = licenceUsage(sub, copies);
        const remaining = (pool: string) => usage.find((u) => u.pool === pool)?.remaining ?? 0;
        const candidates = expanded.flat();
        const uncovered = new Set(
          candidates
            .filter((c) => c.audience === undefined || !sub.audiences.includes(c.audience))
            .map((c) => c.personId),
        ).size;
        const named = req.targets.findIndex(
          (t, i) => t.kind === 'person' && !sub.audiences.includes(expanded[i]![0]!.audience!),
        );
        if (named >= 0) {
          return {
            granted: 0,
            alreadyHolding: 0,
            uncovered,
            consumption: [],
            audiences: previewByAudience(sub, copies, expanded.flat()),
            refusal: { code: 'audience-not-covered', audience: expanded[named]![0]!.audience ?? '' },
          };
        }
        const fit = checkAllocation(sub, copies, candidates, { mode: 'skip-uncovered' });
        const audiences = previewByAudience(sub, copies, candidates);
        if (fit.ok) {
          return {
            granted: fit.grant.length,
            alreadyHolding: fit.alreadyHolding.length,
            uncovered,
            consumption: fit.consumption.map((c) => ({ pool: c.pool, count: c.count, remaining: remaining(c.pool) })),
            audiences,
          };
        }
        const freeable =
          fit.reason === 'insufficient_licences' || fit.reason === 'over_allocated'
            ? await leaversCopies(tx, school, sub.id, copies)
            : [];
        const error = refusalError(fit, adviseRefusal(sub, copies, expanded, fit, freeable));
        const refusal =
          error instanceof AllocationRuleError
            ? { code: error.problem, ...error.details }
            : { code: fit.reason.replaceAll('_', '-') };
        return { granted: 0, alreadyHolding: 0, uncovered, consumption: [], audiences, refusal };
      });
    },
    /**
     * The schools of the caller's ENT that they manage (head or RespAff), were delegated, or read as librarian.
     *
     * @example
     * ```ts
     * await service.allocation.schools(head); // [{ uai: '0561641E', name: 'Collège…', role: 'manager' }]
     * ```
     */
    async listManagedSchools(actor: Actor): Promise<ManagedSchool[]> {
      if (actor.kind !== 'ent-user') throw new GarServiceError('forbidden', 'ENT users only');
      const person = await store.getPerson(actor.entId, actor.personId);
      if (!person) return [];
      const uais = new Set(person.profiles.map((p) => p.uai));
      for (const r of await store.listRespAff({ entId: actor.entId, personId: person.id }))
        for (const u of r.uais) uais.add(u);
      const out: ManagedSchool[] = [];
      for (const uai of uais) {
        const school = await store.getSchool(uai);
        if (!school || school.entId !== actor.entId) continue;
        const extra = await managedSchoolExtras(store, person, school);
        if (await isManager(store, person, uai)) out.push({ uai, name: school.name, role: 'manager', ...extra });
        else if ((await store.listDelegations({ uai, delegateId: person.id })).some((d) => d.revokedAt === undefined))
          out.push({ uai, name: school.name, role: 'delegate', ...extra });
        else if (isLibrarian(person, uai)) out.push({ uai, name: school.name, role: 'librarian', ...extra });
      }
      return out.sort((a, b) => a.name.localeCompare(b.name, 'fr'));
    },
  };
}
