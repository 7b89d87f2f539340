import assert from 'node:assert/strict';
import { connect } from 'node:net';
import { after, before, it } from 'node:test';
import { startMailView, type MailView } from '../src/index.js';

let view: MailView;
before(async () => {
  view = await startMailView({ smtpPort: 0, httpPort: 0 });
});
after(async () => view.close());

/** Speaks SMTP by hand, so the test depends on nothing but the catcher. */
async function send(raw: string): Promise<void> {
  const url = new URL(view.smtpUrl);
  const socket = connect(Number(url.port), url.hostname);
  const lines = [
    'EHLO test',
    'MAIL FROM:<noreply@opengar.test>',
    'RCPT TO:<dir@college.test>',
    'DATA',
    `${raw}\r\n.`,
    'QUIT',
  ];
  let buffer = '';
  await new Promise<void>((resolve, reject) => {
    socket.on('error', reject);
    socket.on('data', (d) => {
      buffer += d.toString();
      const replies = buffer.split('\r\n').filter((l) => /^\d{3} /.test(l));
      if (replies.length > lines.length) return;
      const sent = replies.length - 1;
      if (sent >= 0 && sent < lines.length && buffer.endsWith('\r\n')) socket.write(`${lines[sent]}\r\n`);
    });
    socket.on('close', () => resolve());
  });
}

it('receives a message over SMTP and shows it escaped, with the HTML body in a sandboxed frame', async () => {
  await send(
    [
      'From: opengar <noreply@opengar.test>',
      'To: dir@college.test',
      'Subject: Nouvel abonnement <script>',
      'Message-ID: <abc@opengar.test>',
      'MIME-Version: 1.0',
      'Content-Type: text/html; charset=utf-8',
      '',
      '<p>Bonjour <script>alert(1)</script></p>',
    ].join('\r\n'),
  );
  const messages = view.messages();
  assert.equal(messages.length, 1);
  assert.equal(messages[0]!.messageId, '<abc@opengar.test>');
  assert.deepEqual(messages[0]!.to, ['dir@college.test']);
  const list = await (await fetch(view.httpUrl)).text();
  assert.match(list, /Nouvel abonnement &lt;script&gt;/);
  assert.doesNotMatch(list, /<script>/);
  const detail = await (await fetch(`${view.httpUrl}/messages/1`)).text();
  assert.match(detail, /<iframe sandbox title="Version HTML du message" srcdoc="&lt;p&gt;Bonjour &lt;script&gt;/);
  const api = (await (await fetch(`${view.httpUrl}/api/messages`)).json()) as { subject: string }[];
  assert.equal(api[0]!.subject, 'Nouvel abonnement <script>');
  const missing = await fetch(`${view.httpUrl}/messages/99`);
  assert.equal(missing.status, 404);
  // One h1 and a main landmark on every page; the way back in a navigation header; French spacing before colons.
  for (const html of [list, detail, await missing.text()]) {
    assert.equal(html.match(/<h1>/g)?.length, 1);
    assert.match(html, /<main>[\s\S]*<\/main><\/body>/);
  }
  assert.match(
    detail,
    /<header><nav aria-label="Courriels"><a href="\/">← Tous les messages<\/a><\/nav><\/header><main>/,
  );
  assert.match(detail, /De\u00a0: /);
});
