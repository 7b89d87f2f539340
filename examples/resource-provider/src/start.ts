import { serve } from '@hono/node-server';
import type { GarAlgorithm } from '@opengar/verifier';
import { parseArgs } from 'node:util';
import { createResourceProvider } from './create-resource-provider.js';

/**
 * Settings of the example site, from the command line or the environment.
 *
 * @example
 * ```ts
 * const settings: StartSettings = parseStartArgs(['--port', '4100', '--issuer', 'http://127.0.0.1:4000', …]);
 * ```
 */
export interface StartSettings {
  readonly host: string;
  readonly port: number;
  readonly issuer: string;
  readonly audience: string;
  readonly jwksUri: string;
  readonly algorithms: readonly GarAlgorithm[];
  readonly secureCookie: boolean;
}

const usage = `usage: node --import tsx examples/resource-provider/src/main.ts [options]
  --host HOST            listen address (default 127.0.0.1)
  --port PORT            listen port (default 4100, env PORT)
  --issuer URL           the GAR service's issuer (env OPENGAR_ISSUER)
  --jwks-uri URL         the service's JWKS (env OPENGAR_JWKS_URI; default ISSUER/.well-known/jwks.json)
  --audience ID          our idRessource (env OPENGAR_AUDIENCE)
  --algorithms LIST      accepted algorithms, comma-separated (default ES256)
  --secure-cookie        also keep the session in a Secure; SameSite=None cookie (behind https)`;

/**
 * Reads the settings from `argv` and `env`; throws with the usage text when something is missing.
 *
 * @example
 * ```ts
 * parseStartArgs(['--issuer', 'http://127.0.0.1:4000', '--audience', 'ark:/67890/dico'], {});
 * ```
 */
export function parseStartArgs(
  argv: readonly string[],
  env: Readonly<Record<string, string | undefined>> = process.env,
): StartSettings {
  const { values } = parseArgs({
    args: [...argv],
    options: {
      host: { type: 'string', default: '127.0.0.1' },
      port: { type: 'string' },
      issuer: { type: 'string' },
      'jwks-uri': { type: 'string' },
      audience: { type: 'string' },
      algorithms: { type: 'string', default: 'ES256' },
      'secure-cookie': { type: 'boolean', default: false },
      help: { type: 'boolean', default: false },
    },
  });
  const issuer = values.issuer ?? env.OPENGAR_ISSUER;
  const audience = values.audience ?? env.OPENGAR_AUDIENCE;
  const port = Number(values.port ?? env.PORT ?? 4100);
  if (values.help || !issuer || !audience || !Number.isInteger(port) || port < 0 || port > 65_535) {
    throw new Error(usage);
  }
  const jwksUri = values['jwks-uri'] ?? env.OPENGAR_JWKS_URI ?? new URL('/.well-known/jwks.json', issuer).href;
  const algorithms = values.algorithms.split(',').map((a) => a.trim()) as GarAlgorithm[];
  return { host: values.host, port, issuer, audience, jwksUri, algorithms, secureCookie: values['secure-cookie'] };
}

/**
 * Starts the example site on Node and resolves once it listens.
 *
 * @example
 * ```ts
 * await start(['--port', '4100', '--issuer', 'http://127.0.0.1:4000', '--audience', 'ark:/67890/dico']);
 * ```
 */
export async function start(argv: readonly string[] = process.argv.slice(2)): Promise<{ url: string; close(): void }> {
  const settings = parseStartArgs(argv);
  const app = createResourceProvider(settings);
  return new Promise<{ url: string; close(): void }>((resolve) => {
    const server = serve({ fetch: app.fetch, hostname: settings.host, port: settings.port }, (info) => {
      const url = `http://${settings.host}:${info.port}/`;
      console.log(
        `resource provider for ${settings.audience} at ${url} (POST gar_token to it); trusting ${settings.issuer}`,
      );
      resolve({ url, close: () => server.close() });
    });
  });
}
