// Property: for any person, resource and school, a native app of the resource gets exactly the claims the hand-off
// token carries (same attribute release, same IDO), and is refused exactly when the hand-off is, for the same reason.
import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import fc from 'fast-check';
import { decodeJwt } from 'jose';
import { FAMILY, R_DICO, R_FAM5, R_FAM6, R_LYCEE, R_MATHS, R_NT, R_OLD, S1, S2, S3 } from '../../helpers/fixtures.js';
import { buildWorld, type HandoffWorld } from '../../helpers/world.js';
import { authorizeUrl, browse, callback, pkce, registerApp, token, userinfo } from './oauth-fixtures.js';

const RESOURCES = [R_MATHS, R_DICO, R_FAM6, R_FAM5, R_OLD, R_LYCEE, R_NT, 'ark:/00000/unknown'];
const PEOPLE = ['eleve-a', 'prof-a', 'nobody-in-directory'];
const SCHOOLS = [S1, S3, S2];
const weighted = (values: string[], weights: number[]) =>
  fc.oneof(...values.map((v, i) => ({ arbitrary: fc.constant(v), weight: weights[i]! })));
const clientOf = (resourceId: string) => `app-${RESOURCES.indexOf(resourceId)}`;

describe('the claims released to a native app', () => {
  let w: HandoffWorld;
  before(async () => {
    w = await buildWorld({ data: 'handoff' });
    for (const resourceId of RESOURCES.slice(0, -1))
      await registerApp(w, { clientId: clientOf(resourceId), resourceId });
  });

  it('equal the hand-off token’s for the same person, resource and school, refusals included', async () => {
    let granted = 0;
    await fc.assert(
      fc.asyncProperty(
        // Weighted towards what is granted, so that equal claims are checked often, not only equal refusals.
        weighted(PEOPLE, [4, 3, 1]),
        fc.constantFrom(...RESOURCES.slice(0, -1)),
        weighted(SCHOOLS, [6, 2, 1]),
        async (personId, resourceId, uai) => {
          const hand = await w.service.handoff.handOff({ entId: 'ENTA', personId, uai, resourceId });
          const { verifier, challenge } = pkce();
          const o = { clientId: clientOf(resourceId), uai, sub: personId };
          if (uai === S2) {
            // A school of another ENT: refused before the ENT round trip, as the hand-off refuses it.
            assert.deepEqual(hand, { ok: false, reason: 'unknown_school' });
            const res = await w.app.request(authorizeUrl(o, challenge));
            assert.equal(new URL(res.headers.get('location')!).searchParams.get('error'), 'invalid_request');
            return;
          }
          if (personId === 'nobody-in-directory') {
            // The ENT's assertion names nobody the directory has: refused at the service, as a launch is.
            assert.deepEqual(hand, { ok: false, reason: 'unknown_person' });
            const res = await callback(w, o, challenge);
            assert.equal(res.status, 403);
            assert.equal(res.headers.get('location'), null);
            return;
          }
          const landed = await browse(w, o, challenge);
          if (!hand.ok) {
            assert.equal(landed.searchParams.get('error'), 'access_denied');
            assert.equal(landed.searchParams.get('error_description'), hand.reason);
            return;
          }
          assert.ok(hand.protocol === 'jwt');
          granted++;
          const code = landed.searchParams.get('code')!;
          const body = (await (
            await token(w, {
              grant_type: 'authorization_code',
              client_id: o.clientId,
              code,
              code_verifier: verifier,
              redirect_uri: 'http://127.0.0.1:53123/callback',
            })
          ).json()) as { access_token: string; id_token: string };
          const { iss, aud, iat, nbf, exp, jti, ...expected } = decodeJwt(hand.token);
          assert.deepEqual(await (await userinfo(w, body.access_token)).json(), expected);
          const { iss: _1, aud: _2, iat: _3, nbf: _4, exp: _5, jti: _6, azp, ...id } = decodeJwt(body.id_token);
          assert.deepEqual(id, expected);
          const {
            client_id,
            iss: _7,
            aud: _8,
            iat: _9,
            nbf: _10,
            exp: _11,
            jti: _12,
            ...access
          } = decodeJwt(body.access_token);
          assert.deepEqual(access, expected);
        },
      ),
      { numRuns: 60 },
    );
    assert.ok(granted >= 3, `${granted} granted runs`);
  });

  it('share one IDO across a family, as the hand-off does', async () => {
    const a = await w.service.handoff.handOff({ entId: 'ENTA', personId: 'eleve-a', uai: S1, resourceId: R_FAM6 });
    const b = await w.service.handoff.handOff({ entId: 'ENTA', personId: 'eleve-a', uai: S1, resourceId: R_FAM5 });
    assert.ok(a.ok && a.protocol === 'jwt' && b.ok && b.protocol === 'jwt', FAMILY);
    assert.equal(decodeJwt(a.token).sub, decodeJwt(b.token).sub);
  });
});
