import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { HEAD_A, R_MATHS, S1 } from '../helpers/fixtures.js';
import { buildWorld } from '../helpers/world.js';
import { createTestService } from '../helpers/service.js';

describe('dashboard', () => {
  it('shows what to do: not allocated, new, remaining, ending soon, over-allocated, suggestions, counts per audience', async () => {
    const w = await buildWorld({ data: 'allocation', pupils: 4 });
    await w.store.putResource({
      ...(await w.store.getResource(R_MATHS))!,
      levels: [{ uri: 'http://data.education.fr/voc/scolomfr/concept/6e', nom: '6e' }],
    });
    await w.service.allocation.allocate(HEAD_A, S1, {
      subscriptionId: 'NT-5',
      targets: [{ kind: 'division', code: '6A' }],
    });
    const nt = (await w.store.getSubscription('NT-5'))!;
    await w.store.updateSubscription({
      ...nt,
      licences: { kind: 'global', count: 2 },
      validUntil: '2026-02-01T00:00:00.000Z',
    });
    const d = await w.service.allocation.dashboard(HEAD_A, S1);
    assert.deepEqual(d.notAllocated.map((s) => s.subscriptionId).sort(), ['ABO-MATHS-S1', 'ETABL-5', 'INDIV-10']);
    assert.deepEqual(d.newSubscriptions.map((s) => s.subscriptionId).sort(), ['ETABL-5', 'INDIV-10', 'NT-5']);
    assert.deepEqual(
      d.endingSoon.map((s) => s.subscriptionId),
      ['NT-5'],
    );
    assert.deepEqual(
      d.overAllocated.map((s) => [s.subscriptionId, s.usage[0]!.remaining]),
      [['NT-5', -2]],
    );
    assert.deepEqual(
      d.remaining.find((r) => r.subscriptionId === 'ETABL-5')!.usage.map((u) => [u.pool, u.remaining]),
      [
        ['ELEVE', 5],
        ['ENSEIGNANT', 'ILLIMITE'],
      ],
    );
    // The 6e pupils, as a level: every subscription not yet allocated that covers pupils and holds them.
    const level6e = d.suggestions
      .filter((s) => s.target.kind === 'level' && s.target.mefStat4 === '1001')
      .map((s) => [s.subscriptionId, s.takes, s.text])
      .sort();
    assert.deepEqual(level6e, [
      ['ABO-MATHS-S1', 4, 'Tous les élèves de 6e (4\u00a0licences)'],
      ['ETABL-5', 4, 'Tous les élèves de 6e (4\u00a0licences)'],
      ['INDIV-10', 4, 'Tous les élèves de 6e (4\u00a0licences)'],
    ]);
    assert.equal(
      d.allocatedPerAudience['ELEVE'],
      4 + 2,
      'six copies: 4 of NT-5, and eleve-a’s two copies of the fixtures',
    );
    assert.equal(d.supportContact, undefined);
  });

  it('counts as new only what came since the last look, or in the last 7 days', async () => {
    const w = await buildWorld({ data: 'allocation', pupils: 0 });
    w.clock.advance(10 * 86_400_000);
    assert.deepEqual((await w.service.allocation.dashboard(HEAD_A, S1)).newSubscriptions, []);
  });

  it('suggests the librarians for a librarian resource, and shows the deployment’s support contact', async () => {
    const w = await buildWorld({ data: 'allocation', pupils: 0 });
    const service = createTestService({
      store: w.store,
      clock: w.clock,
      supportContact: { name: 'Assistance', email: 'aide@example.fr' },
    });
    const sub = (await w.store.getSubscription('INDIV-10'))!;
    await w.store.updateSubscription({ ...sub, audiences: ['DOCUMENTALISTE'] });
    const d = await service.allocation.dashboard(HEAD_A, S1);
    assert.deepEqual(
      d.suggestions.filter((s) => s.subscriptionId === 'INDIV-10').map((s) => s.target),
      [{ kind: 'audience', audience: 'DOCUMENTALISTE' }],
    );
    assert.deepEqual(d.supportContact, { name: 'Assistance', email: 'aide@example.fr' });
  });
});
