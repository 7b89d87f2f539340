import assert from 'node:assert/strict';
import { test } from 'node:test';
import { feedFiles, generateFeedModel } from '@opengar/test-support';
import { startNotificationJobs } from '../../src/notifications/notification-jobs.js';
import { TestClock } from '../helpers/clock.js';
import { sources } from '../feeds/feed-sources.js';
import { FEED_ENT as ENT, SYSTEM as system } from '../helpers/fixtures.js';
import { buildWorld } from '../helpers/world.js';
import { startSmtp } from './smtp-fixture.js';

test("serve's notification jobs, two instances: a new subscription reaches the manager once by e-mail; erasure runs", async () => {
  const { service, store, clock } = await buildWorld({ data: 'feed', clock: new TestClock('2026-09-01T06:00:00Z') });
  const model = generateFeedModel({ schools: 1, pupilsPerSchool: 5 });
  const uai = model.schools[0]!.uai;
  await service.feeds.import(system, ENT, sources([...feedFiles(model)]));
  await store.insertSubscription({
    id: 'ABO-NEW',
    distributorId: 'D_0000000000000001',
    resourceId: 'ark:/1/new',
    resourceIdType: 'ark',
    resourceLabel: 'Atlas',
    validFrom: '2026-08-01T00:00:00Z',
    validUntil: '2027-08-15T21:59:59Z',
    uai,
    category: 'transferable',
    type: 'ETABL',
    licences: { kind: 'global', count: 'ILLIMITE' },
    audiences: ['ELEVE'],
    automatic: false,
    createdAt: '2026-08-31T10:00:00Z',
    updatedAt: '2026-08-31T10:00:00Z',
  });
  const smtp = await startSmtp();
  let erasures = 0;
  const options = {
    store,
    clock,
    smtpUrl: smtp.url,
    mode: 'immediate' as const,
    consoleUrl: 'https://gar.test/console',
    everyMs: 25,
    erase: async () => ++erasures,
  };
  const jobs = [
    startNotificationJobs({ ...options, holder: 'i1' }),
    startNotificationJobs({ ...options, holder: 'i2' }),
  ];
  try {
    for (let i = 0; i < 200 && smtp.received.length === 0; i++) await new Promise((r) => setTimeout(r, 25));
    await new Promise((r) => setTimeout(r, 200));
  } finally {
    for (const j of jobs) await j.stop();
    await smtp.close();
  }
  assert.equal(smtp.received.length, 1);
  assert.deepEqual(smtp.received[0]!.to, [`ce.${uai.toLowerCase()}@ac-test.invalid`]);
  assert.match(smtp.received[0]!.subject, /nouvel abonnement/);
  assert.ok(erasures > 0);
  assert.equal((await store.listOutbox({ status: 'sent' })).length, 1);
});
