import {
  checkGrain,
  PIN_MAX_DAYS,
  pinInputSchema,
  teacherQuerySchema,
  withParisOffset,
  type Pin,
  type Recommendations,
} from '@opengar/core';
import { validate, type ServiceContext } from '../kernel/context.js';
import { randomId } from '../kernel/crypto.js';
import { GarServiceError, invalid } from '../kernel/errors.js';
import type { Actor } from '../kernel/types.js';
import { mediacentreUseCases } from '../mediacentre/mediacentre-use-cases.js';
import type { StoredPin } from '../store/types-classroom.js';
import { readClassRoster } from './class-roster.js';
import { requireTeacher, taughtClasses, teacherName, type TeacherAt } from './teacher-access.js';

/** Most pins a teacher keeps showing at one school. */
export const MAX_ACTIVE_PINS = 50;

/** Today's date in Europe/Paris (`YYYY-MM-DD`). */
const parisDay = (at: Date) =>
  new Intl.DateTimeFormat('en-CA', {
    timeZone: 'Europe/Paris',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(at);

/** A teacher's pins, and the recommendations pupils see of them. */
export function pinUseCases(ctx: ServiceContext) {
  const { store, clock } = ctx;
  const mediacentre = mediacentreUseCases(ctx);

  async function views(teacher: TeacherAt, pins: readonly StoredPin[]): Promise<Pin[]> {
    if (pins.length === 0) return [];
    const roster = await readClassRoster(store, teacher.school, teacher.classes, clock.now());
    return pins.map((p) => ({
      id: p.id,
      uai: p.uai,
      resourceId: p.resourceId,
      resourceName: roster.resources.get(p.resourceId)?.name ?? p.resourceId,
      groupCodes: p.groupCodes,
      ...(p.note === undefined ? {} : { note: p.note }),
      ...(p.grain === undefined ? {} : { grain: p.grain }),
      ...(p.grainTitle === undefined ? {} : { grainTitle: p.grainTitle }),
      until: p.until,
      createdAt: p.createdAt,
      classes: p.groupCodes.flatMap((code) => {
        const group = teacher.classes.find((g) => g.code === code);
        if (!group) return [];
        const pupils = roster.members.get(code) ?? [];
        const lacking = pupils.filter((x) => !roster.entitled.get(x.id)?.has(p.resourceId));
        return [
          {
            groupCode: code,
            groupLabel: group.label || code,
            pupils: pupils.length,
            lacking: lacking.map((x) => ({ id: x.id, lastName: x.lastName, firstName: x.firstName })),
          },
        ];
      }),
    }));
  }

  return {
    /**
     * Recommends a resource to divisions or groups the caller teaches, until a day. The pin grants nothing: pupils
     * without a copy see nothing of it, and the answer names them per class so the teacher can ask the responsable.
     *
     * @example
     * ```ts
     * const pin = await service.classroom.pin(teacher, { uai: '0561641E', resourceId, groupCodes: ['6A'], until: '2027-01-31' });
     * pin.classes[0].lacking; // pupils of 6A without a copy
     * ```
     * @throws {@link GarServiceError} `validation`, `forbidden` (a class the caller does not teach), `not-found`,
     * `conflict` (too many pins showing).
     */
    async createPin(actor: Actor, input: unknown): Promise<Pin> {
      const q = validate(pinInputSchema, input, 'pin');
      const teacher = await requireTeacher(store, actor, q.uai);
      taughtClasses(teacher, q.groupCodes, '/groupCodes');
      const now = clock.now();
      const today = parisDay(now);
      const last = parisDay(new Date(now.getTime() + PIN_MAX_DAYS * 86_400_000));
      if (q.until < today) throw invalid('/until', 'too_small', 'the day has passed');
      if (q.until > last) throw invalid('/until', 'too_big', `at most ${PIN_MAX_DAYS} days ahead`);
      const subs = await store.listSubscriptions({ uai: q.uai, resourceId: q.resourceId });
      if (subs.length === 0) throw invalid('/resourceId', 'not_found', 'the school has no subscription to it');
      let grain: string | undefined;
      if (q.grain !== undefined) {
        const checked = checkGrain(q.grain, (await store.getResource(q.resourceId))?.grainOrigins ?? []);
        if (!checked.ok) throw invalid('/grain', 'invalid_grain', 'outside the origins the resource declared');
        grain = checked.url;
      }
      const active = await store.listPins({ uai: q.uai, teacherId: teacher.person.id, activeAt: now.toISOString() });
      if (active.length >= MAX_ACTIVE_PINS)
        throw new GarServiceError('conflict', `at most ${MAX_ACTIVE_PINS} pins showing; remove one first`);
      const pin: StoredPin = {
        id: randomId(),
        entId: teacher.user.entId,
        uai: q.uai,
        teacherId: teacher.person.id,
        resourceId: q.resourceId,
        groupCodes: q.groupCodes,
        ...(q.note === undefined ? {} : { note: q.note }),
        ...(grain === undefined ? {} : { grain }),
        ...(grain === undefined || q.grainTitle === undefined ? {} : { grainTitle: q.grainTitle }),
        until: q.until,
        untilAt: new Date(withParisOffset(`${q.until}T23:59:59`)).toISOString(),
        createdAt: now.toISOString(),
      };
      await store.putPin(pin);
      return (await views(teacher, [pin]))[0]!;
    },

    /**
     * The caller's pins at a school, newest first, each with who of each class lacks a copy.
     *
     * @example
     * ```ts
     * const pins = await service.classroom.pins(teacher, { uai: '0561641E' });
     * ```
     */
    async listPins(actor: Actor, query: unknown): Promise<Pin[]> {
      const q = validate(teacherQuerySchema, query, 'query');
      const teacher = await requireTeacher(store, actor, q.uai);
      return views(teacher, await store.listPins({ uai: q.uai, teacherId: teacher.person.id }));
    },

    /**
     * Removes one of the caller's pins (another's is not found).
     *
     * @example `await service.classroom.unpin(teacher, '0561641E', pinId)`
     */
    async deletePin(actor: Actor, uai: string, id: string): Promise<void> {
      const teacher = await requireTeacher(store, actor, uai);
      const pin = await store.getPin(id);
      if (!pin || pin.uai !== uai || pin.entId !== teacher.user.entId || pin.teacherId !== teacher.person.id)
        throw new GarServiceError('not-found', 'no such pin');
      await store.deletePin(id);
    },

    /**
     * The recommendations of the caller's teachers at a school (`uai` as the médiacentre reads it): only pins on a
     * resource the caller can open now, for a class they are in and their teacher still teaches; one per resource,
     * newest first.
     *
     * @example
     * ```ts
     * const { items } = await service.mediacentre.recommendations(pupil, { uai: '0561641E' });
     * items[0].by; // 'M. Martin'
     * ```
     */
    async recommendations(actor: Actor, query: unknown = {}): Promise<Recommendations> {
      const listing = await mediacentre.listMediacentre(actor, query);
      if (actor.kind !== 'ent-user') throw new GarServiceError('forbidden', 'ENT users only');
      const uai = listing.school.uai;
      const openable = new Set(listing.resources.map((r) => r.id));
      const mine = (await store.listMemberships({ uai, personId: actor.personId })).map((m) => m.groupCode);
      if (mine.length === 0 || openable.size === 0) return { uai, items: [] };
      const pins = await store.listPins({ uai, groupCodes: mine, activeAt: clock.now().toISOString() });
      const taught = new Map<string, Set<string>>();
      const names = new Map<string, string | undefined>();
      const items: Recommendations['items'] = [];
      for (const pin of pins) {
        if (pin.entId !== actor.entId || !openable.has(pin.resourceId)) continue;
        if (items.some((i) => i.resourceId === pin.resourceId)) continue;
        if (!taught.has(pin.teacherId))
          taught.set(
            pin.teacherId,
            new Set((await store.listTeachings({ uai, personId: pin.teacherId })).map((t) => t.groupCode)),
          );
        const codes = taught.get(pin.teacherId)!;
        if (!pin.groupCodes.some((g) => mine.includes(g) && codes.has(g))) continue;
        if (!names.has(pin.teacherId)) {
          const person = await store.getPerson(pin.entId, pin.teacherId);
          names.set(pin.teacherId, person ? teacherName(person) : undefined);
        }
        const by = names.get(pin.teacherId);
        if (by === undefined) continue;
        items.push({
          resourceId: pin.resourceId,
          by,
          ...(pin.note === undefined ? {} : { note: pin.note }),
          until: pin.until,
          ...(pin.grain === undefined ? {} : { grain: pin.grain }),
          ...(pin.grainTitle === undefined ? {} : { grainTitle: pin.grainTitle }),
        });
      }
      return { uai, items };
    },
  };
}
