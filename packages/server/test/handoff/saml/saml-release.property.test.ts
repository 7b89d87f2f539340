// For any person, school, groups and declared attributes, the attributes a SAML resource receives (read by the stock
// SP library) are exactly the claims a JWT resource of the same family receives: one release, two wire forms.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { decodeJwt } from 'jose';
import { ATTRIBUTE_NAMES, type Profile } from '@opengar/core';
import { S1, person, resource, subscription, copy } from '../../helpers/fixtures.js';
import { R_SAML, buildSamlWorld } from './saml-fixtures.js';

const R_JWT = 'ark:/77777/jwt-twin';
const FAMILY = 'ark:/77777/famille';
const REGISTERED = new Set(['iss', 'aud', 'sub', 'iat', 'nbf', 'exp', 'jti', 'GRAIN']);
// The subscriptions' audiences are pupils and teachers: the two sides of `P_MEL` (never for a pupil).
const PROFILES: Profile[] = ['National_elv', 'National_ens'];
// Names with what XML must escape, accents, and spaces at the ends.
const text = fc.stringMatching(/^[A-Za-zÀ-ÿ' <>&"-]{1,20}$/).filter((t) => t.trim().length > 0 && t === t.trim());
const asArrays = (o: Record<string, unknown>) =>
  Object.fromEntries(Object.entries(o).map(([k, v]) => [k, Array.isArray(v) ? v.map(String) : [String(v)]]));

describe('SAML attributes = JWT claims (property)', () => {
  it('for any person, school, groups and declared attributes', async () => {
    const s = await buildSamlWorld();
    const { store, service } = s.w;
    const now = s.clock.now();
    const validFrom = new Date(now.getTime() - 86_400_000).toISOString();
    const validUntil = new Date(now.getTime() + 86_400_000).toISOString();
    await store.insertSubscription(subscription({ id: 'ABO-JWT-TWIN', resourceId: R_JWT, validFrom, validUntil }));
    await store.insertCopies([copy({ subscriptionId: 'ABO-JWT-TWIN', personId: 'eleve-a' })]);
    const saml = (await store.getResource(R_SAML))!;
    await fc.assert(
      fc.asyncProperty(
        fc.record({
          profile: fc.constantFrom(...PROFILES),
          lastName: text,
          firstName: text,
          civility: fc.option(fc.constantFrom('M.', 'Mme'), { nil: undefined }),
          email: fc.option(fc.constantFrom('a@b.test', 'x&y@z.test'), { nil: undefined }),
          declared: fc.subarray([...ATTRIBUTE_NAMES]),
          groups: fc.uniqueArray(
            fc.record({ code: fc.stringMatching(/^[A-Z0-9]{1,6}$/), label: text, division: fc.boolean() }),
            {
              maxLength: 3,
              selector: (g) => g.code,
            },
          ),
        }),
        async (p) => {
          const audience = p.profile === 'National_elv' ? 'ELEVE' : 'ENSEIGNANT';
          await store.putPerson(
            person({
              lastName: p.lastName,
              firstName: p.firstName,
              profiles: [{ uai: S1, profile: p.profile }],
              ...(p.civility ? { civility: p.civility } : {}),
              ...(p.email ? { email: p.email } : {}),
            }),
          );
          for (const m of await store.listMemberships({ uai: S1, personId: 'eleve-a' }))
            await store.deleteMembership(m);
          for (const g of p.groups) {
            await store.putGroup({ uai: S1, code: g.code, label: g.label, status: g.division ? 'DIVISION' : 'GROUPE' });
            await store.putMembership({ uai: S1, groupCode: g.code, personId: 'eleve-a' });
          }
          for (const subscriptionId of ['ABO-SAML-S1', 'ABO-JWT-TWIN']) {
            await store.deleteCopies(subscriptionId, ['eleve-a']);
            await store.insertCopies([copy({ subscriptionId, personId: 'eleve-a', audience })]);
          }
          const family = { familyParentId: FAMILY, declaredAttributes: p.declared };
          await store.putResource({ ...saml, ...family });
          await store.putResource(resource({ id: R_JWT, publisherId: 'S', ...family }));
          const who = { entId: 'ENTA', personId: 'eleve-a', uai: S1 };
          const jwt = await service.handoff.handOff({ ...who, resourceId: R_JWT });
          const sso = await service.handoff.handOff({ ...who, resourceId: R_SAML });
          assert.ok(jwt.ok && jwt.protocol === 'jwt', JSON.stringify(jwt));
          assert.ok(sso.ok && sso.protocol === 'saml', JSON.stringify(sso));
          const claims = Object.fromEntries(Object.entries(decodeJwt(jwt.token)).filter(([k]) => !REGISTERED.has(k)));
          const { profile } = await (await s.stockSp()).validatePostResponseAsync({ SAMLResponse: sso.samlResponse });
          assert.ok(profile);
          assert.equal(profile.nameID, claims.IDO);
          assert.deepEqual(asArrays(profile.attributes as Record<string, unknown>), asArrays(claims));
        },
      ),
      { numRuns: 30 },
    );
  });
});
