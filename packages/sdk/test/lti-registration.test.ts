// The operator registers an LTI 1.3 tool through the SDK (`admin.resources`): its block comes with `protocol: 'lti'`.
import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { GarApiError, createGarClient } from '@opengar/sdk';
import { createGarService, createHttpApp, createMemoryStore, silentLogger } from '@opengar/server';
import { DEMO_CREDENTIALS, DEMO_PUBLISHERS, seedDemo } from '@opengar/server/demo';

const ISSUER = 'http://opengar.test';
let app: ReturnType<typeof createHttpApp>;

before(async () => {
  const store = createMemoryStore();
  await seedDemo(store);
  app = createHttpApp(createGarService({ store, issuer: ISSUER, logger: silentLogger }));
});

describe('registering an LTI tool', () => {
  it('creates, reads and refuses an LTI resource without its tool block', async () => {
    const admin = createGarClient({
      baseUrl: ISSUER,
      token: DEMO_CREDENTIALS.operatorSecret,
      fetch: (req) => app.fetch(req),
      retry: 0,
    }).admin;
    const publisher = DEMO_PUBLISHERS[0]!;
    const body = {
      id: 'ark:/99999/outil-lti',
      idType: 'ark',
      name: 'Outil LTI',
      publisherId: publisher.id,
      publisherName: publisher.name,
      distributorIds: [...publisher.distributorIds],
      accessUrl: 'https://outil.example/lti/launch',
      presentationType: { code: 'OUT', nom: 'Outils et services' },
      protocol: 'lti' as const,
      grainOrigins: ['https://outil.example'],
      lti: {
        clientId: 'opengar-outil',
        loginUrl: 'https://outil.example/lti/login',
        redirectUris: ['https://outil.example/lti/launch'],
        jwksUrl: 'https://outil.example/lti/keys',
        deploymentIds: ['d1'],
        deepLinkingUrl: 'https://outil.example/lti/launch',
      },
    };
    const created = await admin.resources.create(body);
    assert.equal(created.protocol, 'lti');
    assert.deepEqual((await admin.resources.get(body.id)).lti, body.lti);
    const { lti: _, ...bare } = { ...body, id: 'ark:/99999/sans-bloc' };
    await assert.rejects(
      admin.resources.create(bare),
      (e) =>
        e instanceof GarApiError && e.status === 400 && e.problem?.errors?.some((x) => x.pointer === '/lti') === true,
    );
    const noKeys = { ...body, id: 'ark:/99999/sans-cles', lti: { ...body.lti, jwksUrl: undefined } };
    await assert.rejects(admin.resources.create(noKeys), (e) => e instanceof GarApiError && e.status === 400);
  });
});
