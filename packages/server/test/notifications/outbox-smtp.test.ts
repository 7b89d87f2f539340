import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { createTransport } from 'nodemailer';
import { createMailWorker } from '../../src/notifications/mail-worker.js';
import { createMemoryStore, type OutboxMessage, type Store } from '../../src/store/index.js';
import { TestClock } from '../helpers/clock.js';
import { startSmtp } from './smtp-fixture.js';

function message(id: string, at: string): OutboxMessage {
  return {
    id,
    uai: '0561641E',
    to: 'ce.0561641e@ac-test.invalid',
    subject: `Sujet ${id}`,
    text: 'Bonjour',
    html: '<p>Bonjour</p>',
    status: 'pending',
    attempts: 0,
    nextAttemptAt: at,
    createdAt: at,
  };
}

async function fill(store: Store, n: number, at: string) {
  for (let i = 0; i < n; i++) await store.enqueueOutbox(message(`m${i}`, at));
}

describe('the outbox through a real SMTP server', () => {
  test('SMTP down: the message waits; SMTP up: it is delivered once, with its stable Message-ID', async () => {
    const store = createMemoryStore();
    const clock = new TestClock('2026-09-01T08:00:00Z');
    const probe = await startSmtp();
    const port = probe.port;
    await probe.close();
    await fill(store, 1, clock.now().toISOString());
    const worker = createMailWorker({
      store,
      smtp: `smtp://127.0.0.1:${port}`,
      from: 'GAR <no-reply@gar.test>',
      messageIdDomain: 'gar.test',
      clock,
      holder: 'w1',
    });
    const down = await worker.runOnce();
    assert.deepEqual([down.sent, down.failed], [0, 1]);
    const waiting = await store.listOutbox({ status: 'pending' });
    assert.equal(waiting.length, 1);
    assert.match(waiting[0]!.lastError ?? '', /^E[A-Z]+$/, 'the error code is kept, not the message');
    const smtp = await startSmtp(port);
    try {
      assert.equal((await worker.runOnce()).sent, 0, 'not before the retry time');
      clock.advance(61_000);
      assert.equal((await worker.runOnce()).sent, 1);
      clock.advance(3_600_000);
      await worker.runOnce();
      assert.equal(smtp.received.length, 1, 'delivered once');
      assert.equal(smtp.received[0]!.messageId, '<m0@gar.test>');
      assert.equal((await store.listOutbox({ status: 'sent' })).length, 1);
    } finally {
      worker.close();
      await smtp.close();
    }
  });

  test('a crash after the server accepted a message: the retry is the same message (same Message-ID)', async () => {
    const store = createMemoryStore();
    const clock = new TestClock('2026-09-01T08:00:00Z');
    const smtp = await startSmtp();
    const real = createTransport(smtp.url);
    let first = true;
    const flaky = {
      sendMail: async (mail: Parameters<typeof real.sendMail>[0]) => {
        const info = await real.sendMail(mail);
        if (first) {
          first = false;
          throw Object.assign(new Error('connection lost before the acknowledgement was recorded'), {
            code: 'ECONNRESET',
          });
        }
        return info;
      },
      close: () => real.close(),
    } as unknown as typeof real;
    await fill(store, 1, clock.now().toISOString());
    const worker = createMailWorker({
      store,
      smtp: flaky,
      from: 'GAR <no-reply@gar.test>',
      messageIdDomain: 'gar.test',
      clock,
      holder: 'w1',
    });
    try {
      await worker.runOnce();
      clock.advance(61_000);
      await worker.runOnce();
      assert.equal(smtp.received.length, 2, 'at least once');
      assert.equal(smtp.received[0]!.messageId, smtp.received[1]!.messageId);
      assert.equal((await store.listOutbox({ status: 'sent' })).length, 1);
    } finally {
      worker.close();
      await smtp.close();
    }
  });

  test('two workers at once never send a message twice', async () => {
    const store = createMemoryStore();
    const clock = new TestClock('2026-09-01T08:00:00Z');
    const smtp = await startSmtp(0, 20);
    await fill(store, 6, clock.now().toISOString());
    const make = (holder: string) =>
      createMailWorker({ store, smtp: smtp.url, from: 'GAR <no-reply@gar.test>', clock, holder });
    const [w1, w2] = [make('w1'), make('w2')];
    try {
      const results = await Promise.all([w1.runOnce(), w2.runOnce(), w1.runOnce(), w2.runOnce()]);
      assert.equal(
        results.reduce((s, r) => s + r.sent, 0),
        6,
      );
      clock.advance(3_600_000);
      await Promise.all([w1.runOnce(), w2.runOnce()]);
      const ids = smtp.received.map((r) => r.messageId);
      assert.equal(ids.length, 6);
      assert.equal(new Set(ids).size, 6);
    } finally {
      w1.close();
      w2.close();
      await smtp.close();
    }
  });
});
