import {
  classRequestDecisionSchema,
  classRequestInputSchema,
  teacherQuerySchema,
  type ClassRequest,
  type ClassResources,
  type ClassUsage,
  type Group,
  type TaughtClass,
} from '@opengar/core';
import { requireSchoolReader, requireSchoolRole } from '../allocation/allocation-access.js';
import { validate, type ServiceContext } from '../kernel/context.js';
import { randomId } from '../kernel/crypto.js';
import { GarServiceError, invalid } from '../kernel/errors.js';
import type { Actor } from '../kernel/types.js';
import { notifyManagers } from '../notifications/notify.js';
import { STATS_K } from '../stats/school-stats.js';
import type { StoreOps } from '../store/types.js';
import type { StoredClassRequest } from '../store/types-classroom.js';
import { readClassRoster, type ClassRoster } from './class-roster.js';
import { protectClassUsage } from './protect-class-usage.js';
import { requireTeacher, taughtClasses, teacherName } from './teacher-access.js';

/** Most requests a teacher may have pending at one school. */
export const MAX_PENDING_REQUESTS = 30;

const collator = new Intl.Collator('fr', { sensitivity: 'base' });

function taught(classes: readonly Group[], roster: ClassRoster): TaughtClass[] {
  return classes.map((g) => ({
    code: g.code,
    label: g.label || g.code,
    status: g.status,
    pupils: roster.members.get(g.code)?.length ?? 0,
  }));
}

/** Resource ids some pupil of the classes can open, by name. */
function heldResources(roster: ClassRoster): string[] {
  const ids = new Set<string>();
  for (const pupils of roster.members.values())
    for (const p of pupils) for (const r of roster.entitled.get(p.id) ?? []) ids.add(r);
  return [...ids].sort((a, b) =>
    collator.compare(roster.resources.get(a)?.name ?? a, roster.resources.get(b)?.name ?? b),
  );
}

async function requestView(tx: StoreOps, r: StoredClassRequest): Promise<ClassRequest> {
  const [resource, group, teacher] = await Promise.all([
    tx.getResource(r.resourceId),
    tx.getGroup(r.uai, r.groupCode),
    tx.getPerson(r.entId, r.teacherId),
  ]);
  return {
    id: r.id,
    uai: r.uai,
    resourceId: r.resourceId,
    resourceName: resource?.name ?? r.resourceId,
    groupCode: r.groupCode,
    groupLabel: group?.label || r.groupCode,
    teacherId: r.teacherId,
    teacherName: teacher ? teacherName(teacher) : r.teacherId,
    ...(r.message === undefined ? {} : { message: r.message }),
    status: r.status,
    createdAt: r.createdAt,
    ...(r.decidedAt === undefined ? {} : { decidedAt: r.decidedAt }),
    ...(r.answer === undefined ? {} : { answer: r.answer }),
  };
}

/** A teacher's classes, their usage, and requests to the school's responsables. */
export function classUseCases(ctx: ServiceContext) {
  const { store, clock } = ctx;
  return {
    /**
     * The divisions and groups the caller teaches at a school, and the resources their pupils can open, with how many
     * pupils of each class can open each.
     *
     * @example
     * ```ts
     * const mine = await service.classroom.classes(teacher, { uai: '0561641E' });
     * ```
     */
    async classResources(actor: Actor, query: unknown): Promise<ClassResources> {
      const q = validate(teacherQuerySchema, query, 'query');
      const teacher = await requireTeacher(store, actor, q.uai);
      const roster = await readClassRoster(store, teacher.school, teacher.classes, clock.now());
      return {
        uai: q.uai,
        classes: taught(teacher.classes, roster),
        resources: heldResources(roster).map((id) => {
          const r = roster.resources.get(id)!;
          return {
            resourceId: id,
            name: r.name,
            presentationType: r.presentationType,
            holders: teacher.classes.map(
              (g) => (roster.members.get(g.code) ?? []).filter((p) => roster.entitled.get(p.id)?.has(id)).length,
            ),
            ...(r.protocol === 'lti' && r.lti?.deepLinkingUrl ? { deepLinking: true } : {}),
          };
        }),
      };
    },

    /**
     * How many pupils of each class opened each resource they hold (copies opened at least once; free offers, which
     * have no copies, are left out), under the statistics' disclosure control: no figure under 5, none recoverable.
     *
     * @example
     * ```ts
     * const usage = await service.classroom.usage(teacher, { uai: '0561641E' });
     * ```
     */
    async classUsage(actor: Actor, query: unknown): Promise<ClassUsage> {
      const q = validate(teacherQuerySchema, query, 'query');
      const teacher = await requireTeacher(store, actor, q.uai);
      const now = clock.now();
      const roster = await readClassRoster(store, teacher.school, teacher.classes, now);
      const withCopies = new Set(roster.subscriptions.filter((s) => !s.automatic).map((s) => s.resourceId));
      const rows = heldResources(roster).filter((id) => withCopies.has(id));
      const holders = rows.map((id) =>
        teacher.classes.map((g) =>
          (roster.members.get(g.code) ?? []).filter((p) => roster.entitled.get(p.id)?.has(id)).map((p) => p.id),
        ),
      );
      const opened = rows.map((id) => {
        const set = new Set<string>();
        for (const [pupil, ids] of roster.opened) if (ids.has(id)) set.add(pupil);
        return set;
      });
      const table = protectClassUsage({ rows, columns: teacher.classes.map((g) => g.code), holders, opened }, STATS_K);
      return {
        uai: q.uai,
        classes: taught(teacher.classes, roster),
        table: { ...table, rows: rows.map((id) => ({ key: id, label: roster.resources.get(id)?.name ?? id })) },
        generatedAt: now.toISOString(),
      };
    },

    /**
     * Asks the school's responsables for a resource for one of the caller's classes: they find it in their
     * notifications (and e-mail, by their preferences); the teacher follows its fate in `listMyRequests` (`service.classroom.requests`).
     *
     * @example
     * ```ts
     * const r = await service.classroom.request(teacher, { uai: '0561641E', resourceId, groupCode: '6A' });
     * r.status; // 'pending'
     * ```
     * @throws {@link GarServiceError} `validation`, `forbidden`, `not-found`, `conflict` (already pending).
     */
    async createRequest(actor: Actor, input: unknown): Promise<ClassRequest> {
      const q = validate(classRequestInputSchema, input, 'request');
      const teacher = await requireTeacher(store, actor, q.uai);
      const [group] = taughtClasses(teacher, [q.groupCode], '/groupCode');
      const resource = await store.getResource(q.resourceId);
      if (!resource?.displayable) throw invalid('/resourceId', 'not_found', 'no such resource');
      const now = clock.now();
      const request: StoredClassRequest = {
        id: randomId(),
        entId: teacher.user.entId,
        uai: q.uai,
        teacherId: teacher.person.id,
        resourceId: q.resourceId,
        groupCode: q.groupCode,
        ...(q.message === undefined ? {} : { message: q.message }),
        status: 'pending',
        createdAt: now.toISOString(),
      };
      await store.transaction(async (tx) => {
        const pending = await tx.listClassRequests({ uai: q.uai, teacherId: teacher.person.id, status: 'pending' });
        if (pending.some((r) => r.resourceId === q.resourceId && r.groupCode === q.groupCode))
          throw new GarServiceError('conflict', 'a request for this resource and class is already pending');
        if (pending.length >= MAX_PENDING_REQUESTS)
          throw new GarServiceError('conflict', `at most ${MAX_PENDING_REQUESTS} pending requests`);
        await tx.putClassRequest(request);
        await notifyManagers(tx, {
          uai: q.uai,
          kind: 'class.request',
          key: request.id,
          data: {
            requestId: request.id,
            resourceId: resource.id,
            resourceLabel: resource.name,
            groupLabel: group!.label || group!.code,
            teacherName: teacherName(teacher.person),
          },
          at: now,
          mode: 'immediate',
        });
      });
      return requestView(store, request);
    },

    /**
     * The caller's requests at a school, newest first, with their fate.
     *
     * @example `await service.classroom.requests(teacher, { uai: '0561641E' })`
     */
    async listMyRequests(actor: Actor, query: unknown): Promise<ClassRequest[]> {
      const q = validate(teacherQuerySchema, query, 'query');
      const teacher = await requireTeacher(store, actor, q.uai);
      const list = await store.listClassRequests({ uai: q.uai, teacherId: teacher.person.id });
      return Promise.all(list.map((r) => requestView(store, r)));
    },

    /**
     * Teachers' requests at a school, newest first, for its managers, delegates and librarian.
     *
     * @example `await service.allocation.classRequests(head, '0561641E')`
     */
    async listSchoolRequests(actor: Actor, uai: string): Promise<ClassRequest[]> {
      await requireSchoolReader(store, actor, uai);
      const list = await store.listClassRequests({ uai });
      return Promise.all(list.map((r) => requestView(store, r)));
    },

    /**
     * Grants or declines a pending request (a manager or delegate). Granting records the answer; the copies themselves
     * are allocated in the console.
     *
     * @example
     * ```ts
     * await service.allocation.decideClassRequest(head, '0561641E', id, { status: 'granted' });
     * ```
     * @throws {@link GarServiceError} `validation`, `forbidden`, `not-found`, `conflict` (already decided).
     */
    async decideRequest(actor: Actor, uai: string, id: string, input: unknown): Promise<ClassRequest> {
      const { person } = await requireSchoolRole(store, actor, uai);
      const d = validate(classRequestDecisionSchema, input, 'decision');
      const decided = await store.transaction(async (tx) => {
        const r = await tx.getClassRequest(id);
        if (!r || r.uai !== uai) throw new GarServiceError('not-found', 'no such request');
        if (r.status !== 'pending') throw new GarServiceError('conflict', 'the request was already answered');
        const next: StoredClassRequest = {
          ...r,
          status: d.status,
          decidedAt: clock.now().toISOString(),
          decidedBy: person.id,
          ...(d.answer === undefined ? {} : { answer: d.answer }),
        };
        await tx.putClassRequest(next);
        return next;
      });
      return requestView(store, decided);
    },
  };
}
