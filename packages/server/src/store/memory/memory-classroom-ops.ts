import { cloneJson, compareText, instant } from '../shared/fold.js';
import type { ClassroomStore } from '../types-classroom.js';
import type { MemoryContext } from './memory-context.js';

const newestFirst = <T extends { createdAt: string; id: string }>(a: T, b: T) =>
  instant(b.createdAt) - instant(a.createdAt) || compareText(b.id, a.id);

/** Teachers' pins and class requests in memory. */
export function memoryClassroomOps({ state: s, read, write }: MemoryContext): ClassroomStore {
  return {
    putPin: (pin) => write((j) => s.pins.set(j, cloneJson(pin))),
    getPin: (id) => read(() => cloneJson(s.pins.get(id))),
    listPins: (f) =>
      read(() =>
        s.pins
          .find('uai', f.uai)
          .filter(
            (p) =>
              (f.teacherId === undefined || p.teacherId === f.teacherId) &&
              (f.groupCodes === undefined || p.groupCodes.some((g) => f.groupCodes!.includes(g))) &&
              (f.activeAt === undefined || instant(p.untilAt) > instant(f.activeAt)),
          )
          .map((p) => cloneJson(p))
          .sort(newestFirst),
      ),
    deletePin: (id) => write((j) => s.pins.delete(j, id) !== undefined),
    putClassRequest: (request) => write((j) => s.classRequests.set(j, cloneJson(request))),
    getClassRequest: (id) => read(() => cloneJson(s.classRequests.get(id))),
    listClassRequests: (f) =>
      read(() =>
        s.classRequests
          .find('uai', f.uai)
          .filter(
            (r) =>
              (f.teacherId === undefined || r.teacherId === f.teacherId) &&
              (f.status === undefined || r.status === f.status),
          )
          .map((r) => cloneJson(r))
          .sort(newestFirst),
      ),
  };
}
