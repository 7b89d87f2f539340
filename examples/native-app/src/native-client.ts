import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createNativeAppClient, type FetchLike, type NativeAppTokens } from '@opengar/sdk';

/** What {@link runNativeClient} needs. */
export interface NativeClientOptions {
  /** The opengar service (its issuer URL). */
  serviceUrl: string;
  /** The app's registered client id. */
  clientId: string;
  /** The registered loopback redirect's path (default `/callback`); the port is chosen when the app starts. */
  callbackPath?: string;
  /** The port to listen on, on 127.0.0.1 (default 0: any free port, as RFC 8252 §7.3 allows). */
  port?: number;
  /** The ENT to sign in through (`idp_hint`), when the service serves several. */
  idpHint?: string;
  /** The school, when the person is at several. */
  uai?: string;
  /** Opens the authorization URL in the system browser (the test drives a simulated one). */
  openBrowser(url: string): void | Promise<void>;
  /** How long to wait for the browser to come back, in ms (default 5 minutes). */
  timeoutMs?: number;
  /** The fetch to reach the service with (default: the global one). */
  fetch?: FetchLike;
}

/** What the app obtained: its tokens and the claims `userinfo` answered (`sub` = the IDO, the declared attributes). */
export interface NativeClientResult {
  tokens: NativeAppTokens;
  claims: Record<string, string | string[]>;
}

const DONE_PAGE = `<!doctype html><html lang="fr"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1"><title>Connexion terminée</title>
<style>body{font:18px/1.5 system-ui,sans-serif;max-width:36rem;margin:3rem auto;padding:0 1rem;color:#1b1b1f}</style></head>
<body><main><h1>Connexion terminée</h1><p>Vous pouvez fermer cet onglet et revenir à l’application.</p>
<p lang="en">Signed in: you may close this tab and go back to the app.</p></main></body></html>`;

/**
 * A native app's sign-in, as RFC 8252 describes it: listens on a loopback port, opens the system browser at the
 * service's authorization endpoint (PKCE S256, `state`, `nonce`), receives the redirect on loopback, exchanges the code
 * and reads the claims. Nothing secret is printed or put in a URL but the one-time code the redirect carries.
 *
 * @example
 * ```ts
 * const { claims } = await runNativeClient({ serviceUrl: 'http://127.0.0.1:4000', clientId: 'demo-lecteur', openBrowser });
 * ```
 */
export async function runNativeClient(options: NativeClientOptions): Promise<NativeClientResult> {
  const path = options.callbackPath ?? '/callback';
  let arrived: (url: URL) => void = () => undefined;
  const redirect = new Promise<URL>((resolve) => {
    arrived = resolve;
  });
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? '/', `http://127.0.0.1:${(server.address() as AddressInfo).port}`);
    if (req.method !== 'GET' || url.pathname !== path) {
      res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' }).end('not found');
      return;
    }
    res
      .writeHead(200, {
        'content-type': 'text/html; charset=utf-8',
        'cache-control': 'no-store',
        'referrer-policy': 'no-referrer',
      })
      .end(DONE_PAGE);
    arrived(url);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', resolve);
  });
  let timer: ReturnType<typeof setTimeout> | undefined;
  try {
    const { port } = server.address() as AddressInfo;
    const app = createNativeAppClient({
      serviceUrl: options.serviceUrl,
      clientId: options.clientId,
      redirectUri: `http://127.0.0.1:${port}${path}`,
      ...(options.fetch ? { fetch: options.fetch } : {}),
    });
    const pending = await app.start({
      ...(options.idpHint === undefined ? {} : { idpHint: options.idpHint }),
      ...(options.uai === undefined ? {} : { uai: options.uai }),
    });
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () => reject(new Error('the browser did not come back in time')),
        options.timeoutMs ?? 300_000,
      );
    });
    await options.openBrowser(pending.url);
    const landed = await Promise.race([redirect, timeout]);
    const tokens = await app.exchange(landed, pending);
    return { tokens, claims: await app.userinfo(tokens.access_token) };
  } finally {
    clearTimeout(timer);
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}
