// For random copies and random pins (any resource of the school, including one nobody can open, any taught classes,
// any last day), every pupil's recommendations name only resources the pupil can open now, one per resource: a pupil
// without a copy learns nothing of a pin, and the answer is the same as if the pins they cannot open did not exist.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { pupil, R_DICO, R_MATHS, R_OLD, S1 } from '../helpers/fixtures.js';
import { buildClassroomWorld, PUPIL } from './world.js';

const RESOURCES = [R_MATHS, R_DICO, R_OLD];
const pinArb = fc.record({
  resource: fc.integer({ min: 0, max: RESOURCES.length - 1 }),
  groups: fc.subarray(['6A', 'LATIN'], { minLength: 1 }),
  days: fc.integer({ min: 0, max: 40 }),
});

describe('pins never reveal what a pupil cannot open (property)', () => {
  it('recommendations ⊆ the pupil’s médiacentre, and unchanged by pins on anything else', async () => {
    const w = await buildClassroomWorld(8);
    const teacher = { kind: 'ent-user', entId: 'ENTA', personId: 'prof-a' } as const;
    await fc.assert(
      fc.asyncProperty(
        fc.subarray([1, 2, 3, 4, 5, 6, 7, 8]),
        fc.array(pinArb, { maxLength: 6 }),
        async (holders, pins) => {
          // Reset: copies of maths to exactly `holders`, no pins.
          await w.store.deleteCopies('INDIV-10', [1, 2, 3, 4, 5, 6, 7, 8].map(pupil));
          for (const p of await w.store.listPins({ uai: S1 })) await w.store.deletePin(p.id);
          if (holders.length)
            await w.service.allocation.allocate({ kind: 'ent-user', entId: 'ENTA', personId: 'head-a' }, S1, {
              subscriptionId: 'INDIV-10',
              targets: holders.map((i) => ({ kind: 'person' as const, personId: pupil(i) })),
            });
          const made: { id: string; resourceId: string }[] = [];
          for (const p of pins) {
            const until = new Date(w.clock.now().getTime() + p.days * 86_400_000).toISOString().slice(0, 10);
            const pin = await w.service.classroom.pin(teacher, {
              uai: S1,
              resourceId: RESOURCES[p.resource]!,
              groupCodes: p.groups,
              until,
            });
            made.push({ id: pin.id, resourceId: pin.resourceId });
          }
          for (let i = 1; i <= 8; i++) {
            const listing = await w.service.mediacentre.resources(PUPIL(i), { uai: S1 });
            const openable = new Set(listing.resources.map((r) => r.id));
            const seen = await w.service.mediacentre.recommendations(PUPIL(i), { uai: S1 });
            for (const item of seen.items)
              assert.ok(openable.has(item.resourceId), `${pupil(i)} sees ${item.resourceId}`);
            assert.equal(new Set(seen.items.map((x) => x.resourceId)).size, seen.items.length, 'one per resource');
            assert.ok(!seen.items.some((x) => x.resourceId === R_OLD), 'an ended subscription shows nothing');
            if (!holders.includes(i)) assert.ok(!seen.items.some((x) => x.resourceId === R_MATHS));
            // Without the pins on what this pupil cannot open, the answer is the same.
            const hidden = made.filter((m) => !openable.has(m.resourceId));
            const kept = await Promise.all(hidden.map((m) => w.store.getPin(m.id)));
            for (const m of hidden) await w.store.deletePin(m.id);
            assert.deepEqual(await w.service.mediacentre.recommendations(PUPIL(i), { uai: S1 }), seen);
            for (const p of kept) if (p) await w.store.putPin(p);
          }
        },
      ),
      { numRuns: 25 },
    );
  });
});
