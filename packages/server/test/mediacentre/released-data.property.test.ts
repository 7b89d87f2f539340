// « Données transmises » is the hand-off's own release: for random people, resources and schools, the names the
// person is shown are exactly the attribute claims of the token a real hand-off signs for them.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ATTRIBUTE_NAMES, PROFILES, type AttributeName, type Profile } from '@opengar/core';
import fc from 'fast-check';
import { decodeJwt } from 'jose';
import { S1, S3, person, resource, subscription } from '../helpers/fixtures.js';
import { buildWorld } from '../helpers/world.js';

const REGISTERED = new Set(['iss', 'aud', 'sub', 'iat', 'nbf', 'exp', 'jti']);
const ALL_AUDIENCES = ['ELEVE', 'ENSEIGNANT', 'DOCUMENTALISTE', 'AUTRE PERSONNEL'] as const;

const caseArb = fc.record({
  uai: fc.constantFrom(S1, S3),
  profile: fc.constantFrom<Profile>(...PROFILES),
  civility: fc.option(fc.constantFrom<'M.' | 'Mme'>('M.', 'Mme'), { nil: undefined }),
  email: fc.boolean(),
  mef: fc.constantFrom<'none' | 'ms11' | 'ms4' | 'unknown'>('none', 'ms11', 'ms4', 'unknown'),
  division: fc.boolean(),
  group: fc.boolean(),
  declared: fc.subarray<AttributeName>([...ATTRIBUTE_NAMES]),
  family: fc.boolean(),
});

describe('« données transmises » equals what a real hand-off releases', () => {
  it('for random people, resources and schools, the names shown are the token’s attribute claims', async () => {
    const w = await buildWorld({ data: 'handoff' });
    const { store, service } = w;
    for (const uai of [S1, S3]) {
      await store.putGroup({ uai, code: 'DIVP', label: 'Division', status: 'DIVISION' });
      await store.putGroup({ uai, code: 'GRPP', label: 'Groupe', status: 'GROUPE' });
      await store.putMef({ uai, code: 'MS11', label: '3e', mefStat11: '10310019110' });
      await store.putMef({ uai, code: 'MS4', label: 'CM1', mefStat4: '2113' });
    }
    let n = 0;
    await fc.assert(
      fc.asyncProperty(caseArb, async (c) => {
        n += 1;
        const personId = `p-${n}`;
        const resourceId = `ark:/99999/r-${n}`;
        await store.putPerson(
          person({
            id: personId,
            profiles: [{ uai: c.uai, profile: c.profile }],
            ...(c.civility ? { civility: c.civility } : {}),
            ...(c.email ? { email: `${personId}@example.test` } : {}),
            mefs:
              c.mef === 'none'
                ? []
                : [{ uai: c.uai, code: c.mef === 'ms11' ? 'MS11' : c.mef === 'ms4' ? 'MS4' : 'NOPE' }],
          }),
        );
        if (c.division) await store.putMembership({ uai: c.uai, groupCode: 'DIVP', personId });
        if (c.group) await store.putMembership({ uai: c.uai, groupCode: 'GRPP', personId });
        await store.putResource(
          resource({
            id: resourceId,
            publisherId: 'P',
            declaredAttributes: c.declared,
            freeOffer: { audiences: [...ALL_AUDIENCES] },
            ...(c.family ? { familyParentId: 'ark:/99999/famille' } : {}),
          }),
        );
        await store.insertSubscription(
          subscription({
            id: `AUTO_${c.uai}_${n}`,
            uai: c.uai,
            resourceId,
            type: 'ETABL',
            automatic: true,
            licences: { kind: 'global', count: 'ILLIMITE' },
            audiences: [...ALL_AUDIENCES],
          }),
        );
        const user = { kind: 'ent-user', entId: 'ENTA', personId, uai: c.uai } as const;
        const shown = await service.mediacentre.releasedData(user, { resource: resourceId, uai: c.uai });
        const handed = await service.handoff.handOff({ entId: 'ENTA', personId, uai: c.uai, resourceId });
        assert.ok(handed.ok && handed.protocol === 'jwt', `hand-off refused: ${JSON.stringify(handed)}`);
        const claims = Object.keys(decodeJwt(handed.token)).filter((k) => !REGISTERED.has(k));
        assert.deepEqual([...shown.attributes].sort(), claims.sort());
        assert.equal(shown.address, c.profile === 'National_elv' ? 'tu' : 'vous');
        assert.equal(shown.attributes[0], 'IDO');
        for (const name of shown.attributes) assert.ok(name === 'IDO' || c.declared.includes(name), name);
      }),
      { numRuns: 120 },
    );
  });
});
