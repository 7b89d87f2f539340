import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { decodeJwt } from 'jose';
import { garBase64, garLaunchUrl } from '../../src/gar/index.js';
import { HOSTILE_GRAINS } from '@opengar/test-support';
import { ISSUER, R_CAS, R_DICO, R_MATHS, S1 } from '../helpers/fixtures.js';
import { buildWorld, type HandoffWorld } from '../helpers/world.js';
import { assertProblem, form, readLaunchPage } from './fixtures/http.js';

const ORIGIN = 'https://x.resource.test';
const CAS_ORIGIN = 'https://cas.resource.test';
/** The hostile list written for the test origins (the core's list uses lecture.editeur.example). */
const HOSTILE = HOSTILE_GRAINS.map(([g]) => g.replaceAll('lecture.editeur.example', 'x.resource.test'));

async function grainWorld(): Promise<HandoffWorld> {
  const w = await buildWorld({ data: 'handoff' });
  const maths = (await w.store.getResource(R_MATHS))!;
  await w.store.putResource({ ...maths, grainOrigins: [ORIGIN] });
  const cas = (await w.store.getResource(R_CAS))!;
  await w.store.putResource({ ...cas, grainOrigins: [CAS_ORIGIN] });
  return w;
}

const link = (grain: string, resourceId = R_MATHS) => {
  const url = new URL(garLaunchUrl(ISSUER, 'ENTA', S1, resourceId));
  url.searchParams.set('grain', grain);
  return `${url.pathname}${url.search}`;
};

async function assertNothingSigned(w: HandoffWorld, res: Response): Promise<void> {
  assert.equal(res.headers.get('location'), null, 'no redirect');
  const body = await res.clone().text();
  assert.doesNotMatch(body, /gar_token|eyJ/, 'no token in the answer');
  const events = await w.store.listHandoffEvents({});
  assert.ok(
    events.every((e) => e.outcome !== 'success'),
    'no successful hand-off',
  );
}

describe('grains: a deep link travels through every way in', () => {
  it('POST /launch: the token carries the grain as GRAIN, absolute', async () => {
    const w = await grainWorld();
    const res = await w.app.request(
      '/launch',
      form({ assertion: await w.assertion(), resource: R_MATHS, uai: S1, grain: '/chapitre/3?page=42' }),
    );
    assert.equal(res.status, 200);
    const { token, action } = readLaunchPage(await res.text());
    assert.equal(action, 'https://x.resource.test/gar', 'posted to the access URL, never to the grain');
    assert.equal(decodeJwt(token).GRAIN, `${ORIGIN}/chapitre/3?page=42`);
  });

  it('POST /launch without a grain: no GRAIN claim', async () => {
    const w = await grainWorld();
    const res = await w.app.request('/launch', form({ assertion: await w.assertion(), resource: R_MATHS, uai: S1 }));
    assert.equal(decodeJwt(readLaunchPage(await res.text()).token).GRAIN, undefined);
  });

  it('GAR-style link → ENT → callback: the state carries the grain, the token has it; the link holds no token', async () => {
    const w = await grainWorld();
    const res = await w.app.request(link(`${ORIGIN}/chapitre/3?page=42`));
    assert.equal(res.status, 303);
    const target = new URL(res.headers.get('location')!);
    const state = target.searchParams.get('state')!;
    assert.deepEqual([...target.searchParams.keys()].sort(), ['lang', 'return_to', 'state']);
    const page = await w.app.request('/launch/callback', form({ assertion: await w.assertion(), state }));
    assert.equal(page.status, 200);
    assert.equal(decodeJwt(readLaunchPage(await page.text()).token).GRAIN, `${ORIGIN}/chapitre/3?page=42`);
  });

  it('a grain given twice in a link is refused', async () => {
    const w = await grainWorld();
    const p = await assertProblem(
      await w.app.request(`${link('/a')}&grain=${encodeURIComponent('/b')}`),
      400,
      'validation',
    );
    assert.deepEqual(
      p.errors?.map((e) => e.pointer),
      ['/grain'],
    );
  });

  it(`refuses ${HOSTILE.length} hostile grains on POST /launch before anything is signed`, async () => {
    const w = await grainWorld();
    for (const grain of HOSTILE) {
      const res = await w.app.request(
        '/launch',
        form({ assertion: await w.assertion(), resource: R_MATHS, uai: S1, grain }),
      );
      // An empty field is simply absent; every other hostile grain is a 400 naming /grain.
      if (grain === '') continue;
      await assertNothingSigned(w, res);
      const p = await assertProblem(res, 400, 'validation');
      assert.equal(p.reason ?? 'invalid_grain', 'invalid_grain', grain);
      assert.deepEqual(
        p.errors?.map((e) => e.pointer),
        ['/grain'],
      );
    }
  });

  it(`refuses ${HOSTILE.length} hostile grains on GAR-style links before any redirect or state`, async () => {
    const w = await grainWorld();
    for (const grain of HOSTILE) {
      const res = await w.app.request(link(grain));
      await assertNothingSigned(w, res);
      const p = await assertProblem(res, 400, 'validation');
      assert.equal(p.reason ?? 'invalid_grain', 'invalid_grain', grain);
    }
  });

  it('refuses any grain for a resource that declares none, on both ways in', async () => {
    const w = await grainWorld();
    const viaLink = await assertProblem(await w.app.request(link('/chapitre/3', R_DICO)), 400, 'validation');
    assert.equal(viaLink.errors?.[0]?.code, 'no_grains');
    const res = await w.app.request(
      '/launch',
      form({ assertion: await w.assertion(), resource: R_DICO, uai: S1, grain: '/chapitre/3' }),
    );
    await assertNothingSigned(w, res);
    assert.equal((await assertProblem(res, 400, 'validation')).errors?.[0]?.code, 'no_grains');
  });

  it('CAS: a service inside the declared origins gets a ticket bound to it; hostile services are refused', async () => {
    const w = await grainWorld();
    const service = `${CAS_ORIGIN}/chapitre/3?page=42`;
    const start = await w.app.request(`/cas/login?service=${encodeURIComponent(service)}&idENT=ENTA&idEtab=${S1}`);
    assert.equal(start.status, 303);
    const state = new URL(start.headers.get('location')!).searchParams.get('state')!;
    const back = await w.app.request('/launch/callback', form({ assertion: await w.assertion(), state }));
    assert.equal(back.status, 303);
    const location = new URL(back.headers.get('location')!);
    assert.equal(`${location.origin}${location.pathname}${location.search.replace(/&ticket=.*$/, '')}`, service);
    const ticket = location.searchParams.get('ticket')!;
    const ok = await w.app.request(
      `/cas/p3/serviceValidate?service=${encodeURIComponent(service)}&ticket=${encodeURIComponent(ticket)}`,
    );
    assert.match(await ok.text(), /authenticationSuccess/);
    for (const hostile of HOSTILE.map((g) => g.replaceAll('x.resource.test', 'cas.resource.test'))) {
      const res = await w.app.request(`/cas/login?service=${encodeURIComponent(hostile)}&idENT=ENTA`);
      assert.ok(res.status === 400, `${hostile}: ${res.status}`);
      assert.equal(res.headers.get('location'), null);
    }
    // The grain of a GAR-style link to a CAS resource becomes its service.
    const viaLink = await w.app.request(link(`${CAS_ORIGIN}/chapitre/4`, R_CAS));
    const s2 = new URL(viaLink.headers.get('location')!).searchParams.get('state')!;
    const cb = await w.app.request('/launch/callback', form({ assertion: await w.assertion(), state: s2 }));
    assert.equal(new URL(cb.headers.get('location')!).pathname, '/chapitre/4');
  });

  it('a CAS service of another resource’s origins is not this resource’s', async () => {
    const w = await grainWorld();
    const res = await w.app.request(
      `/cas/login?service=${encodeURIComponent(`${ORIGIN}/chapitre/3`)}&idENT=ENTA&idEtab=${S1}`,
    );
    await assertProblem(res, 400, 'bad-request');
  });

  it('the grain is checked again at the hand-off: a registration narrowed after the link was followed wins', async () => {
    const w = await grainWorld();
    const res = await w.app.request(link('/chapitre/3'));
    const state = new URL(res.headers.get('location')!).searchParams.get('state')!;
    const maths = (await w.store.getResource(R_MATHS))!;
    await w.store.putResource({ ...maths, grainOrigins: [] });
    const page = await w.app.request('/launch/callback', form({ assertion: await w.assertion(), state }));
    await assertNothingSigned(w, page);
    assert.equal((await assertProblem(page, 400, 'validation')).errors?.[0]?.code, 'no_grains');
    assert.equal(garBase64('x').length > 0, true);
  });
});
