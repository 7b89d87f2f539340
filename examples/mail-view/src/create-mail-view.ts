import { serve, type ServerType } from '@hono/node-server';
import { Hono } from 'hono';
import { escapeToBuffer } from 'hono/utils/html';
import { simpleParser } from 'mailparser';
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';

/** A message the catcher received. */
export interface CaughtMail {
  id: number;
  receivedAt: string;
  from: string;
  to: string[];
  subject: string;
  messageId: string;
  text: string;
  html?: string;
}

/** Options of {@link startMailView}. */
export interface MailViewOptions {
  /** Loopback address to listen on (default 127.0.0.1). */
  host?: string;
  /** SMTP port (default 2525; 0 picks a free one). */
  smtpPort?: number;
  /** Web page port (default 4300; 0 picks a free one). */
  httpPort?: number;
  /** Oldest messages are dropped past this many (default 500). */
  maxMessages?: number;
}

/** A running mail catcher. */
export interface MailView {
  /** `smtp://host:port`, to give the service as its SMTP URL. */
  smtpUrl: string;
  /** The web page listing what arrived. */
  httpUrl: string;
  /** What arrived so far, oldest first. */
  messages(): CaughtMail[];
  close(): Promise<void>;
}

// Hono's escaper, the one opengar's server uses (this example depends on Hono, not on the server).
function escapeHtml(text: string): string {
  const buffer: [string] = [''];
  escapeToBuffer(text, buffer);
  return buffer[0];
}

/** A page of the mail view: an optional navigation header, then the body as the `main` landmark. */
function page(title: string, body: string, nav = ''): string {
  return `<!doctype html><html lang="fr"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<style>body{font:16px/1.5 system-ui,sans-serif;margin:2rem auto;padding:0 1rem;max-width:60rem;color:#1d1d1f;overflow-wrap:anywhere}
h1{font-size:1.6rem}code{overflow-wrap:anywhere}table{border-collapse:collapse;width:100%}
td,th{border-bottom:1px solid #ddd;padding:.4rem;text-align:left}iframe{width:100%;height:32rem;border:1px solid #ccc}pre{white-space:pre-wrap;background:#f6f6f6;padding:1rem}</style>
</head><body>${nav ? `<header><nav aria-label="Courriels">${nav}</nav></header>` : ''}<main>${body}</main></body></html>`;
}

/**
 * Starts a local mail catcher for the demo: an SMTP server on loopback that keeps what it receives in memory, and a
 * web page that lists and shows it (HTML bodies in a sandboxed frame that runs no script). For development only.
 *
 * @example
 * ```ts
 * const mail = await startMailView({ smtpPort: 0, httpPort: 0 });
 * // opengar serve --smtp-url ${mail.smtpUrl}
 * ```
 */
export async function startMailView(options: MailViewOptions = {}): Promise<MailView> {
  const host = options.host ?? '127.0.0.1';
  const max = options.maxMessages ?? 500;
  const store: CaughtMail[] = [];
  let next = 1;
  const smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    size: 2 * 1024 * 1024,
    logger: false,
    onData(stream, session, callback) {
      simpleParser(stream)
        .then((mail) => {
          const to = session.envelope.rcptTo.map((r) => r.address);
          store.push({
            id: next++,
            receivedAt: new Date().toISOString(),
            from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
            to,
            subject: mail.subject ?? '',
            messageId: mail.messageId ?? '',
            text: mail.text ?? '',
            ...(typeof mail.html === 'string' ? { html: mail.html } : {}),
          });
          while (store.length > max) store.shift();
          callback();
        })
        .catch((error: unknown) => callback(error instanceof Error ? error : new Error('unreadable message')));
    },
  });
  await new Promise<void>((resolve, reject) => {
    smtp.once('error', reject);
    smtp.listen(options.smtpPort ?? 2525, host, () => resolve());
  });
  const smtpPort = (smtp.server.address() as AddressInfo).port;

  const app = new Hono();
  app.get('/', (c) => {
    const rows = [...store]
      .reverse()
      .map(
        (m) =>
          `<tr><td>${escapeHtml(m.receivedAt)}</td><td>${escapeHtml(m.to.join(', '))}</td><td><a href="/messages/${m.id}">${escapeHtml(m.subject || '(sans objet)')}</a></td></tr>`,
      )
      .join('');
    return c.html(
      page(
        'Courriels reçus',
        `<h1>Courriels reçus (démo)</h1><p>Serveur SMTP local : <code>smtp://${escapeHtml(host)}:${smtpPort}</code>. ${store.length} message(s).</p>
<table><thead><tr><th>Reçu</th><th>À</th><th>Objet</th></tr></thead><tbody>${rows || '<tr><td colspan="3">Aucun message pour l’instant.</td></tr>'}</tbody></table>`,
      ),
    );
  });
  app.get('/messages/:id', (c) => {
    const m = store.find((x) => String(x.id) === c.req.param('id'));
    if (!m)
      return c.html(
        page('Introuvable', '<h1>Message introuvable</h1><p><a href="/">Retour à la liste des courriels</a></p>'),
        404,
      );
    const html = m.html
      ? `<h2>Version HTML</h2><iframe sandbox title="Version HTML du message" srcdoc="${escapeHtml(m.html)}"></iframe>`
      : '';
    return c.html(
      page(
        m.subject,
        `<h1>${escapeHtml(m.subject || '(sans objet)')}</h1>
<p>De : ${escapeHtml(m.from)}<br>À : ${escapeHtml(m.to.join(', '))}<br>Message-ID : <code>${escapeHtml(m.messageId)}</code></p>
${html}<h2>Version texte</h2><pre>${escapeHtml(m.text)}</pre>`,
        '<a href="/">← Tous les messages</a>',
      ),
    );
  });
  app.get('/api/messages', (c) => c.json(store));
  let http: ServerType | undefined;
  const httpPort = await new Promise<number>((resolve) => {
    http = serve({ fetch: app.fetch, hostname: host, port: options.httpPort ?? 4300 }, (info) => resolve(info.port));
  });
  return {
    smtpUrl: `smtp://${host}:${smtpPort}`,
    httpUrl: `http://${host}:${httpPort}`,
    messages: () => [...store],
    close: async () => {
      await new Promise<void>((resolve) => smtp.close(() => resolve()));
      await new Promise<void>((resolve) => (http ? http.close(() => resolve()) : resolve()));
    },
  };
}
