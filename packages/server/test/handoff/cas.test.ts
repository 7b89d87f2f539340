import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { XMLParser } from 'fast-xml-parser';
import { pairwisePseudonym } from '@opengar/core';
import { casFailureXml, casSuccessXml } from '../../src/handoff/index.js';
import { ASSERTION_ENDPOINT, CAS_SERVICE, R_CAS, R_MATHS, S1, SECRET } from '../helpers/fixtures.js';
import { buildWorld, type HandoffWorld } from '../helpers/world.js';
import { assertProblem, form } from './fixtures/http.js';

const parser = new XMLParser({
  ignoreAttributes: false,
  processEntities: true,
  isArray: (name) =>
    name.startsWith('cas:') &&
    ![
      'cas:serviceResponse',
      'cas:authenticationSuccess',
      'cas:user',
      'cas:attributes',
      'cas:authenticationFailure',
    ].includes(name),
});

interface CasAnswer {
  user?: string;
  attributes?: Record<string, string[]>;
  failure?: string;
}

function readCas(xml: string): CasAnswer {
  const doc = parser.parse(xml) as Record<string, Record<string, Record<string, unknown>>>;
  const root = doc['cas:serviceResponse']!;
  const success = root['cas:authenticationSuccess'];
  if (success) {
    const attrs = (success['cas:attributes'] ?? {}) as Record<string, unknown[]>;
    return {
      user: String(success['cas:user']),
      attributes: Object.fromEntries(Object.entries(attrs).map(([k, v]) => [k.slice(4), v.map(String)])),
    };
  }
  const failure = root['cas:authenticationFailure'] as Record<string, string>;
  return { failure: failure['@_code'] };
}

async function ticketFor(w: HandoffWorld, sub = 'eleve-a'): Promise<string> {
  const res = await w.app.request('/launch', form({ assertion: await w.assertion({ sub }), resource: R_CAS, uai: S1 }));
  assert.equal(res.status, 303);
  assert.equal(res.headers.get('cache-control'), 'no-store');
  assert.equal(res.headers.get('referrer-policy'), 'no-referrer');
  const location = new URL(res.headers.get('location')!);
  assert.equal(`${location.origin}${location.pathname}`, CAS_SERVICE);
  const ticket = location.searchParams.get('ticket')!;
  assert.match(ticket, /^ST-[A-Za-z0-9_-]+$/);
  return ticket;
}

async function validate(w: HandoffWorld, ticket: string, service = CAS_SERVICE): Promise<CasAnswer> {
  const res = await w.app.request(
    `/cas/p3/serviceValidate?service=${encodeURIComponent(service)}&ticket=${encodeURIComponent(ticket)}`,
  );
  assert.equal(res.status, 200);
  assert.match(res.headers.get('content-type') ?? '', /xml/);
  return readCas(await res.text());
}

describe('CAS 3.0', () => {
  it('redirects to the registered service with a ticket whose validation gives the IDO and the released attributes', async () => {
    const w = await buildWorld({ data: 'handoff' });
    const answer = await validate(w, await ticketFor(w));
    const ido = pairwisePseudonym({ secret: SECRET, entId: 'ENTA', personId: 'eleve-a', scope: R_CAS });
    assert.equal(answer.user, ido);
    assert.deepEqual(
      answer.attributes,
      { IDO: [ido], UAI: [S1], PRO: ['National_elv'], DIV: ['3A##3e A'] },
      'P_MEL is declared but never released for a pupil',
    );
    const events = await w.store.listHandoffEvents({ resourceId: R_CAS });
    assert.deepEqual(
      events.map((e) => [e.outcome, e.protocol]),
      [['success', 'cas']],
    );
  });

  it('releases one element per value, staff e-mail included for a teacher', async () => {
    const w = await buildWorld({ data: 'handoff' });
    const answer = await validate(w, await ticketFor(w, 'prof-a'));
    assert.deepEqual(answer.attributes?.P_MEL, ['paul@example.test']);
    assert.deepEqual(answer.attributes?.PRO, ['National_ens']);
  });

  it('redeems a ticket once', async () => {
    const w = await buildWorld({ data: 'handoff' });
    const ticket = await ticketFor(w);
    assert.ok((await validate(w, ticket)).user);
    assert.equal((await validate(w, ticket)).failure, 'INVALID_TICKET');
  });

  it('lets a ticket expire after 10 s', async () => {
    const w = await buildWorld({ data: 'handoff' });
    const ticket = await ticketFor(w);
    w.clock.advance(10_001);
    assert.equal((await validate(w, ticket)).failure, 'INVALID_TICKET');
    const fresh = await ticketFor(w);
    w.clock.advance(9_000);
    assert.ok((await validate(w, fresh)).user, 'still valid at 9 s');
  });

  it('refuses a ticket presented for another service, and spends it', async () => {
    const w = await buildWorld({ data: 'handoff' });
    const ticket = await ticketFor(w);
    assert.equal((await validate(w, ticket, `${CAS_SERVICE}/other`)).failure, 'INVALID_SERVICE');
    assert.equal((await validate(w, ticket)).failure, 'INVALID_TICKET');
  });

  it('answers INVALID_REQUEST without service or ticket, INVALID_TICKET for garbage', async () => {
    const w = await buildWorld({ data: 'handoff' });
    const missing = await w.app.request('/cas/p3/serviceValidate?service=x');
    assert.equal(readCas(await missing.text()).failure, 'INVALID_REQUEST');
    assert.equal((await validate(w, 'not-a-ticket')).failure, 'INVALID_TICKET');
    assert.equal((await validate(w, `ST-${'A'.repeat(43)}`)).failure, 'INVALID_TICKET');
  });

  it('escapes text in CAS XML', () => {
    const xml = casFailureXml('INVALID_SERVICE', 'not for <a href="x">&</a>');
    assert.ok(xml.includes('not for &lt;a href=&quot;x&quot;&gt;&amp;&lt;/a&gt;'));
    const ok = casSuccessXml('u<1>', { NOM: "O'Brien & <Fils>", DIV: ['a<b', 'c'] });
    assert.deepEqual(readCas(ok), { user: 'u<1>', attributes: { NOM: ["O'Brien & <Fils>"], DIV: ['a<b', 'c'] } });
  });

  it('POST /cas/login hands off for a browser with an assertion, to the exact registered service only', async () => {
    const w = await buildWorld({ data: 'handoff' });
    const res = await w.app.request(
      '/cas/login',
      form({ assertion: await w.assertion(), service: CAS_SERVICE, uai: S1 }),
    );
    assert.equal(res.status, 303);
    const ticket = new URL(res.headers.get('location')!).searchParams.get('ticket')!;
    assert.ok((await validate(w, ticket)).user);
    const wrong = await w.app.request(
      '/cas/login',
      form({ assertion: await w.assertion(), service: `${CAS_SERVICE}?x=1`, uai: S1 }),
    );
    const p = await assertProblem(wrong, 400, 'bad-request');
    assert.equal(p.reason, 'invalid_service');
  });

  it('GET /cas/login sends the browser to its ENT, and the callback issues the ticket for that service', async () => {
    const w = await buildWorld({ data: 'handoff' });
    const res = await w.app.request(`/cas/login?service=${encodeURIComponent(CAS_SERVICE)}&idENT=ENTA&idEtab=${S1}`);
    assert.equal(res.status, 303);
    const target = new URL(res.headers.get('location')!);
    assert.ok(target.href.startsWith(new URL(ASSERTION_ENDPOINT).origin));
    const back = await w.app.request(
      '/launch/callback',
      form({ assertion: await w.assertion(), state: target.searchParams.get('state')! }),
    );
    assert.equal(back.status, 303);
    const ticket = new URL(back.headers.get('location')!).searchParams.get('ticket')!;
    assert.ok((await validate(w, ticket)).user);
    await assertProblem(
      await w.app.request(`/cas/login?service=${encodeURIComponent('https://evil.test/')}&idENT=ENTA&idEtab=${S1}`),
      400,
      'bad-request',
    );
    await assertProblem(await w.app.request('/cas/login'), 400, 'validation');
  });

  it('hands a JWT resource no CAS ticket through /cas/login', async () => {
    const w = await buildWorld({ data: 'handoff' });
    const res = await w.app.request(
      '/cas/login',
      form({ assertion: await w.assertion(), service: 'https://x.resource.test/gar', uai: S1 }),
    );
    await assertProblem(res, 400, 'bad-request');
    assert.equal((await w.store.listHandoffEvents({ resourceId: R_MATHS })).length, 0);
  });
});
