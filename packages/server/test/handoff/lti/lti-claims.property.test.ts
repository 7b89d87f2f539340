// Property: for any person, resource and school, an LTI launch releases exactly what the JWT hand-off releases (the
// same release function, the same IDO as `sub`), in the claim `https://opengar.org/lti/claim/gar`, and is refused
// exactly when the hand-off is, for the same reason.
import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import fc from 'fast-check';
import { decodeJwt } from 'jose';
import type { Resource } from '@opengar/core';
import { R_DICO, R_FAM5, R_FAM6, R_LYCEE, R_MATHS, R_NT, R_OLD, S1, S2, S3 } from '../../helpers/fixtures.js';
import { buildWorld, type HandoffWorld } from '../../helpers/world.js';

const RESOURCES = [R_MATHS, R_DICO, R_FAM6, R_FAM5, R_OLD, R_LYCEE, R_NT];
const PEOPLE = ['eleve-a', 'prof-a', 'nobody-in-directory'];
const SCHOOLS = [S1, S3, S2];
const GAR = 'https://opengar.org/lti/claim/gar';
const weighted = (values: string[], weights: number[]) =>
  fc.oneof(...values.map((v, i) => ({ arbitrary: fc.constant(v), weight: weights[i]! })));

const asTool = (r: Resource): Resource => ({
  ...r,
  protocol: 'lti',
  lti: {
    clientId: `tool-${r.id}`,
    loginUrl: 'https://tool.example/login',
    redirectUris: ['https://tool.example/lti'],
    jwksUrl: 'https://tool.example/keys',
    deploymentIds: ['d1'],
  },
});

describe('the attributes released to an LTI tool', () => {
  let w: HandoffWorld;
  const originals = new Map<string, Resource>();
  before(async () => {
    w = await buildWorld({ data: 'handoff' });
    for (const id of RESOURCES) originals.set(id, (await w.store.getResource(id))!);
  });

  it('equal the JWT hand-off’s for the same person, resource and school, refusals included', async () => {
    let granted = 0;
    await fc.assert(
      fc.asyncProperty(
        weighted(PEOPLE, [4, 3, 1]),
        fc.constantFrom(...RESOURCES),
        weighted(SCHOOLS, [6, 2, 1]),
        async (personId, resourceId, uai) => {
          const original = originals.get(resourceId)!;
          await w.store.putResource(original);
          const jwt = await w.service.handoff.handOff({ entId: 'ENTA', personId, uai, resourceId });
          await w.store.putResource(asTool(original));
          const lti = await w.service.handoff.handOff({ entId: 'ENTA', personId, uai, resourceId });
          if (!jwt.ok) {
            assert.deepEqual(lti, jwt);
            return;
          }
          assert.ok(jwt.protocol === 'jwt' && lti.ok && lti.protocol === 'lti');
          granted++;
          const r = await w.service.lti.authorize({
            response_type: 'id_token',
            response_mode: 'form_post',
            scope: 'openid',
            prompt: 'none',
            client_id: `tool-${resourceId}`,
            redirect_uri: 'https://tool.example/lti',
            login_hint: lti.fields.login_hint,
            lti_message_hint: lti.fields.lti_message_hint,
            nonce: crypto.randomUUID(),
          });
          await w.store.putResource(original);
          assert.ok(r.ok, JSON.stringify(r));
          const { iss, aud, iat, nbf, exp, jti, sub, ...released } = decodeJwt(jwt.token);
          const idToken = decodeJwt(r.idToken);
          assert.deepEqual(idToken[GAR], released);
          assert.equal(idToken.sub, sub);
          assert.equal((idToken[GAR] as { IDO: string }).IDO, sub);
        },
      ),
      { numRuns: 60 },
    );
    assert.ok(granted >= 3, `${granted} granted runs`);
  });
});
