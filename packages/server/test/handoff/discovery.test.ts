import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { garBase64 } from '../../src/gar/index.js';
import { HOSTILE_GRAINS } from '@opengar/test-support';
import { ASSERTION_ENDPOINT, ISSUER, R_MATHS, S1, S3 } from '../helpers/fixtures.js';
import { buildWorld, type HandoffWorld } from '../helpers/world.js';
import { assertProblem, form } from './fixtures/http.js';

const ORIGIN = 'https://x.resource.test';

async function world(): Promise<HandoffWorld> {
  const w = await buildWorld({ data: 'handoff' });
  const maths = (await w.store.getResource(R_MATHS))!;
  await w.store.putResource({ ...maths, grainOrigins: [ORIGIN] });
  for (const uai of [S1, S3]) {
    const s = (await w.store.getSchool(uai))!;
    await w.store.putSchool({ ...s, academie: '14', academieLabel: 'Rennes', locality: 'Vannes' });
  }
  return w;
}

const neutral = (extra = '') => `/launch?idRessource=${encodeURIComponent(garBase64(R_MATHS))}${extra}`;
const toEnt = (res: Response) => {
  assert.equal(res.status, 303);
  const to = new URL(res.headers.get('location')!);
  assert.equal(`${to.origin}${to.pathname}`, new URL(ASSERTION_ENDPOINT).origin + new URL(ASSERTION_ENDPOINT).pathname);
  return to;
};

describe('discovery: a link naming only the resource', () => {
  it('sends a browser without a choice to the discovery page, grain kept', async () => {
    const w = await world();
    const res = await w.app.request(neutral(`&grain=${encodeURIComponent('/chapitre/3?page=42')}`));
    assert.equal(res.status, 303);
    const to = new URL(res.headers.get('location')!, ISSUER);
    assert.equal(to.pathname, '/launch/discover');
    assert.equal(to.searchParams.get('resource'), R_MATHS);
    assert.equal(to.searchParams.get('grain'), `${ORIGIN}/chapitre/3?page=42`);
  });

  it('the page lists académies and ENTs, finds a school by words without accents, in French and English', async () => {
    const w = await world();
    const fr = await w.app.request(`/launch/discover?resource=${encodeURIComponent(R_MATHS)}&q=college+un`);
    assert.equal(fr.status, 200);
    assert.match(fr.headers.get('content-security-policy') ?? '', /form-action 'self' https:\/\/ent-a\.test/);
    const html = await fr.text();
    assert.match(html, /<html lang="fr">/);
    assert.match(html, /Ouvrir «\u202f/);
    assert.match(html, /<option value="14">Rennes<\/option>/);
    assert.match(html, new RegExp(`value="ENTA:${S1}"`));
    assert.doesNotMatch(html, new RegExp(`value="ENTA:${S3}"`));
    const en = await (
      await w.app.request(`/launch/discover?resource=${encodeURIComponent(R_MATHS)}&academie=14&lang=en`)
    ).text();
    assert.match(en, /<html lang="en">/);
    assert.match(en, /2 schools found/);
  });

  it('a chosen school is remembered on the browser and the next link goes straight through its ENT', async () => {
    const w = await world();
    const grain = `${ORIGIN}/chapitre/3`;
    const res = await w.app.request(
      '/launch/discover',
      form({ resource: R_MATHS, school: `ENTA:${S1}`, grain, remember: '1' }),
    );
    const to = toEnt(res);
    assert.ok(to.searchParams.get('state'));
    const cookie = res.headers.get('set-cookie')!;
    assert.match(cookie, new RegExp(`^opengar_where=ENTA:${S1}; Path=/launch; Max-Age=\\d+; HttpOnly; SameSite=Lax`));
    const again = await w.app.request(neutral(), { headers: { cookie: cookie.split(';')[0]! } });
    toEnt(again);
    const asked = await w.app.request(neutral('&prompt=select'), { headers: { cookie: cookie.split(';')[0]! } });
    assert.match(asked.headers.get('location') ?? '', /^\/launch\/discover\?/);
    // A tampered cookie naming a school of another ENT is ignored.
    const forged = await w.app.request(neutral(), { headers: { cookie: 'opengar_where=ENTB:0000001A' } });
    assert.match(forged.headers.get('location') ?? '', /^\/launch\/discover\?/);
  });

  it('idp_hint skips the choice; a choice without remember sets no cookie', async () => {
    const w = await world();
    toEnt(await w.app.request(neutral('&idp_hint=ENTA')));
    await assertProblem(await w.app.request(neutral('&idp_hint=NOPE')), 404, 'not-found');
    await assertProblem(await w.app.request(neutral('&idp_hint=%3Cx%3E')), 400, 'validation');
    const res = await w.app.request('/launch/discover', form({ resource: R_MATHS, school: 'ENTA:' }));
    toEnt(res);
    assert.equal(res.headers.get('set-cookie'), null);
  });

  it('refuses hostile grains, foreign posts, a school of another ENT and unknown resources', async () => {
    const w = await world();
    for (const [raw] of HOSTILE_GRAINS) {
      if (raw === '') continue;
      const grain = raw.replaceAll('lecture.editeur.example', 'x.resource.test');
      const viaLink = await w.app.request(neutral(`&grain=${encodeURIComponent(grain)}`));
      assert.equal(viaLink.status, 400, grain);
      assert.equal(viaLink.headers.get('location'), null);
      const viaPage = await w.app.request(
        `/launch/discover?resource=${encodeURIComponent(R_MATHS)}&grain=${encodeURIComponent(grain)}`,
      );
      assert.equal(viaPage.status, 400, grain);
      const viaForm = await w.app.request('/launch/discover', form({ resource: R_MATHS, school: `ENTA:${S1}`, grain }));
      assert.equal(viaForm.status, 400, grain);
      assert.equal(viaForm.headers.get('location'), null);
    }
    const foreign = await w.app.request('/launch/discover', {
      ...form({ resource: R_MATHS, school: `ENTA:${S1}` }),
      headers: { 'content-type': 'application/x-www-form-urlencoded', origin: 'https://evil.example' },
    });
    await assertProblem(foreign, 403, 'forbidden');
    await assertProblem(
      await w.app.request('/launch/discover', form({ resource: R_MATHS, school: `ENTB:${S1}` })),
      404,
      'not-found',
    );
    await assertProblem(await w.app.request('/launch/discover?resource=ark%3A%2F0%2Fnone'), 404, 'not-found');
    await assertProblem(await w.app.request('/launch?idRessource=***'), 400, 'validation');
  });

  it('a hand-off from the médiacentre remembers the ENT and school on the browser', async () => {
    const w = await world();
    const res = await w.app.request('/launch', form({ assertion: await w.assertion(), resource: R_MATHS, uai: S1 }));
    assert.equal(res.status, 200);
    assert.match(res.headers.get('set-cookie') ?? '', new RegExp(`opengar_where=ENTA:${S1};`));
  });

  it('escapes what it shows', async () => {
    const w = await world();
    const html = await (
      await w.app.request(
        `/launch/discover?resource=${encodeURIComponent(R_MATHS)}&q=${encodeURIComponent('"><script>x</script>')}`,
      )
    ).text();
    assert.doesNotMatch(html, /<script>x/);
  });
});
