import type { StoreOps } from '../store/types.js';

/**
 * Erases a person from the pins and class requests of some schools (GDPR erasure): their pins go; requests they made
 * or decided keep their fate for the school but name the pseudonym, and lose the teacher's message.
 *
 * @example
 * ```ts
 * await eraseFromClassroom(tx, { entId: 'ENTA', personId: 'prof-a', uais: ['0561641E'], pseudonym });
 * ```
 */
export async function eraseFromClassroom(
  tx: StoreOps,
  o: { entId: string; personId: string; uais: readonly string[]; pseudonym: string },
): Promise<void> {
  for (const uai of o.uais) {
    for (const p of await tx.listPins({ uai, teacherId: o.personId }))
      if (p.entId === o.entId) await tx.deletePin(p.id);
    for (const r of await tx.listClassRequests({ uai })) {
      if (r.entId !== o.entId || (r.teacherId !== o.personId && r.decidedBy !== o.personId)) continue;
      const { message: _dropped, ...rest } = r;
      await tx.putClassRequest({
        ...(r.teacherId === o.personId ? rest : r),
        ...(r.teacherId === o.personId ? { teacherId: o.pseudonym } : {}),
        ...(r.decidedBy === o.personId ? { decidedBy: o.pseudonym } : {}),
      });
    }
  }
}
