// ltijs (a stock LTI 1.3 tool library), used as its README says: `Provider.setup` with the ltijs-sequelize database
// plugin on PostgreSQL (the test cluster of the PostgreSQL store tests), `registerPlatform` for opengar, `onConnect`
// and `onDeepLinking`. ltijs's Provider is a process-wide singleton: one tool per test file.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import ltijs from 'ltijs';
import Database from 'ltijs-sequelize';

export interface LtijsTool {
  url: string;
  server: Server;
  /** What the tool saw of each accepted launch (ltijs's token and context). */
  launches: Record<string, unknown>[];
  /** The items the Deep Linking picker answers with (set by the test). */
  items: Record<string, unknown>[];
  register(issuer: string, clientId: string): Promise<void>;
  close(): Promise<void>;
}

/** Starts ltijs on loopback against the PostgreSQL database at `databaseUrl`. */
export async function startLtijsTool(databaseUrl: string): Promise<LtijsTool> {
  const u = new URL(databaseUrl);
  const db = new Database(u.pathname.slice(1), decodeURIComponent(u.username), decodeURIComponent(u.password), {
    host: u.hostname,
    port: Number(u.port),
    dialect: 'postgres',
    logging: false,
  });
  const lti = ltijs.Provider;
  lti.setup(
    'ltijs-test-encryption-key-0123456789',
    { plugin: db },
    {
      appRoute: '/lti',
      loginRoute: '/lti/login',
      keysetRoute: '/lti/keys',
      cookies: { secure: false, sameSite: 'Lax' },
      devMode: false,
      tokenMaxAge: 60,
    },
  );
  const launches: Record<string, unknown>[] = [];
  const items: Record<string, unknown>[] = [];
  lti.onConnect(
    (
      token: Record<string, unknown>,
      _req: unknown,
      res: { json(x: unknown): void; locals: Record<string, unknown> },
    ) => {
      launches.push({ token, context: res.locals.context });
      res.json({ ok: true, user: token.user });
    },
  );
  lti.onDeepLinking(async (token: Record<string, unknown>, _req: unknown, res: { send(x: string): void }) => {
    res.send(await lti.DeepLinking.createDeepLinkingForm(token, items, { message: 'ok' }));
  });
  await lti.deploy({ serverless: true, silent: true });
  const server = createServer(lti.app);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    server,
    launches,
    items,
    async register(issuer, clientId) {
      await lti.registerPlatform({
        url: issuer,
        name: 'opengar',
        clientId,
        authenticationEndpoint: `${issuer}/lti/authorize`,
        accesstokenEndpoint: `${issuer}/oauth/token`,
        authConfig: { method: 'JWK_SET', key: `${issuer}/.well-known/jwks.json` },
      });
    },
    async close() {
      server.closeAllConnections();
      await new Promise((r) => server.close(r));
      await lti.close({ silent: true });
    },
  };
}
