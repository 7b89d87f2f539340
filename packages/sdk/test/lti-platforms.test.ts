// The operator's LTI platforms through the SDK, against the reference service in process.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { GarApiError, createGarClient } from '@opengar/sdk';
import { createGarService, createHttpApp, createMemoryStore, silentLogger } from '@opengar/server';
import { DEMO_CREDENTIALS, DEMO_ENT_ID, DEMO_REFERENCE_DATE, seedDemo } from '@opengar/server/demo';

describe('client.admin.ltiPlatforms', () => {
  it('creates, reads, lists, updates and deletes a platform; refusals are typed', async () => {
    const store = createMemoryStore();
    await seedDemo(store);
    const service = createGarService({
      store,
      issuer: 'http://opengar.test',
      clock: { now: () => new Date(DEMO_REFERENCE_DATE) },
      logger: silentLogger,
    });
    const app = createHttpApp(service);
    const admin = createGarClient({
      baseUrl: 'http://opengar.test',
      token: DEMO_CREDENTIALS.operatorSecret,
      fetch: (req: Request) => app.fetch(req),
      retry: 0,
    }).admin;
    const input = {
      id: 'moodle-demo',
      name: 'Moodle de démonstration',
      issuer: 'https://moodle.demo.example',
      clientIds: ['abc123'],
      authEndpoint: 'https://moodle.demo.example/mod/lti/auth.php',
      jwksUrl: 'https://moodle.demo.example/mod/lti/certs.php',
      deploymentIds: ['1'],
      entIds: [DEMO_ENT_ID],
    };
    assert.deepEqual(await admin.ltiPlatforms.create(input), input);
    assert.deepEqual(await admin.ltiPlatforms.get('moodle-demo'), input);
    assert.deepEqual(
      (await admin.ltiPlatforms.list()).map((p) => p.id),
      ['moodle-demo'],
    );
    const updated = await admin.ltiPlatforms.update('moodle-demo', { ...input, deploymentIds: ['1', '2'] });
    assert.deepEqual(updated.deploymentIds, ['1', '2']);
    await assert.rejects(
      admin.ltiPlatforms.create({ ...input, id: 'other' }),
      (e) => e instanceof GarApiError && e.code === 'conflict',
    );
    await assert.rejects(
      admin.ltiPlatforms.create({ ...input, id: 'bad', issuer: 'https://x.example', entIds: ['NOPE'] }),
      (e) => e instanceof GarApiError && e.code === 'validation',
    );
    await admin.ltiPlatforms.delete('moodle-demo');
    await assert.rejects(admin.ltiPlatforms.get('moodle-demo'), (e) => e instanceof GarApiError && e.status === 404);
    assert.throws(() => admin.ltiPlatforms.get(''), TypeError);
  });
});
