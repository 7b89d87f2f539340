import { hkdfSync, randomBytes } from 'node:crypto';
import { chmod, mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

/** The environment variable holding the key-encryption key (32 bytes, base64url). */
export const KEK_ENV = 'OPENGAR_KEK';
/** The environment variable holding the IDO secret. */
export const PSEUDONYM_SECRET_ENV = 'OPENGAR_PSEUDONYM_SECRET';
/** The file the demo keeps its generated secrets in, inside its data directory (mode 0600). */
export const DEMO_SECRETS_FILE = 'opengar-demo-secrets.json';

/** Codes of a {@link SecretsError}: a secret is `missing`, or `invalid` (wrong length or encoding). */
export type SecretsErrorCode = 'missing' | 'invalid';

/**
 * The deployment's secrets are missing or malformed; the service refuses to start. The message names the variable
 * and how to make a value, never a value.
 *
 * @example
 * ```ts
 * try { await loadSecrets(); } catch (e) { if (e instanceof SecretsError) { console.error(e.message); process.exit(1); } }
 * ```
 */
export class SecretsError extends Error {
  readonly code: SecretsErrorCode;
  /** The environment variable concerned. */
  readonly variable: string;
  constructor(code: SecretsErrorCode, variable: string, message: string) {
    super(message);
    this.name = 'SecretsError';
    this.code = code;
    this.variable = variable;
  }
}

/** An optional environment variable for the statistics-pseudonym secret (default: derived, see {@link deriveStatisticsSecret}). */
export const STATISTICS_SECRET_ENV = 'OPENGAR_STATISTICS_SECRET';

/**
 * The statistics-pseudonym secret derived from the IDO secret with HKDF-SHA-256 under its own label: a separate key
 * used for nothing else, that reveals nothing about the IDO secret and needs no extra configuration.
 *
 * @example
 * ```ts
 * deriveStatisticsSecret(process.env.OPENGAR_PSEUDONYM_SECRET!); // 43 base64url characters
 * ```
 */
export function deriveStatisticsSecret(pseudonymSecret: string): string {
  return Buffer.from(hkdfSync('sha256', pseudonymSecret, 'opengar', 'opengar/statistics-pseudonym/v1', 32)).toString(
    'base64url',
  );
}

/** The secrets the service runs with. */
export interface DeploymentSecrets {
  /** `OPENGAR_KEK`: base64url of 32 bytes; encrypts the signing keys at rest, nothing else. */
  kek: string;
  /** `OPENGAR_PSEUDONYM_SECRET`: the IDO secret. */
  pseudonymSecret: string;
  /** The statistics-pseudonym secret: `OPENGAR_STATISTICS_SECRET` when set, else derived from the IDO secret (HKDF). */
  statisticsSecret: string;
  /** Where they came from: the environment, the demo's file, or generated for this run only (demo on a memory store). */
  source: 'environment' | 'demo-file' | 'demo-ephemeral';
  /** The demo's secrets file, when one was read or written. */
  file?: string;
}

/** Options of {@link loadSecrets}. */
export interface LoadSecretsOptions {
  /** Default `process.env`. */
  env?: Readonly<Record<string, string | undefined>>;
  /**
   * The demo: secrets missing from the environment are generated. With `dataDir` they are written there (mode 0600)
   * and read back on the next start; without, they live for this run only.
   */
  demo?: { dataDir?: string };
  /** Told what the demo generated (default: stderr). */
  notice?: (message: string) => void;
}

const HOW_TO = "node -e \"console.log(require('node:crypto').randomBytes(32).toString('base64url'))\"";

function checkKek(value: string): string {
  const v = value.trim();
  if (!/^[A-Za-z0-9_-]{43}$/.test(v) || Buffer.from(v, 'base64url').length !== 32) {
    throw new SecretsError(
      'invalid',
      KEK_ENV,
      `${KEK_ENV} must be 32 random bytes written in base64url (43 characters); make one with: ${HOW_TO}`,
    );
  }
  return v;
}

function checkPseudonymSecret(value: string): string {
  if (new TextEncoder().encode(value).length < 32) {
    throw new SecretsError(
      'invalid',
      PSEUDONYM_SECRET_ENV,
      `${PSEUDONYM_SECRET_ENV} must be at least 32 bytes; make one with: ${HOW_TO}`,
    );
  }
  return value;
}

function withStatistics(
  env: Readonly<Record<string, string | undefined>>,
  secrets: Omit<DeploymentSecrets, 'statisticsSecret'>,
): DeploymentSecrets {
  const own = env[STATISTICS_SECRET_ENV];
  if (own !== undefined && new TextEncoder().encode(own).length < 32) {
    throw new SecretsError(
      'invalid',
      STATISTICS_SECRET_ENV,
      `${STATISTICS_SECRET_ENV}, when set, must be at least 32 bytes`,
    );
  }
  if (own !== undefined && own === secrets.pseudonymSecret) {
    throw new SecretsError(
      'invalid',
      STATISTICS_SECRET_ENV,
      `${STATISTICS_SECRET_ENV} must differ from ${PSEUDONYM_SECRET_ENV}`,
    );
  }
  return { ...secrets, statisticsSecret: own ?? deriveStatisticsSecret(secrets.pseudonymSecret) };
}

async function readDemoFile(file: string): Promise<Partial<Record<string, string>> | undefined> {
  try {
    const parsed: unknown = JSON.parse(await readFile(file, 'utf8'));
    return parsed && typeof parsed === 'object' ? (parsed as Record<string, string>) : undefined;
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw new SecretsError(
      'invalid',
      KEK_ENV,
      `the demo secrets file ${file} cannot be read; delete it to start the demo afresh`,
    );
  }
}

/**
 * Reads `OPENGAR_KEK` and `OPENGAR_PSEUDONYM_SECRET` from the environment. Without them the service refuses to start
 * ({@link SecretsError} `missing`), except the demo, which generates them into its data directory (file mode 0600) and
 * says so.
 *
 * @example
 * ```ts
 * const { kek, pseudonymSecret } = await loadSecrets();                              // production
 * const demo = await loadSecrets({ demo: { dataDir: './.opengar-data' } });         // `opengar serve --seed demo`
 * ```
 */
export async function loadSecrets(options: LoadSecretsOptions = {}): Promise<DeploymentSecrets> {
  const env = options.env ?? process.env;
  const notice = options.notice ?? ((m: string) => process.stderr.write(`${m}\n`));
  const fromEnv = { kek: env[KEK_ENV], pseudonymSecret: env[PSEUDONYM_SECRET_ENV] };
  if (fromEnv.kek && fromEnv.pseudonymSecret) {
    return withStatistics(env, {
      kek: checkKek(fromEnv.kek),
      pseudonymSecret: checkPseudonymSecret(fromEnv.pseudonymSecret),
      source: 'environment',
    });
  }
  if (!options.demo) {
    const variable = fromEnv.kek ? PSEUDONYM_SECRET_ENV : KEK_ENV;
    throw new SecretsError(
      'missing',
      variable,
      `${variable} is not set. The service needs ${KEK_ENV} (encrypts its signing keys) and ${PSEUDONYM_SECRET_ENV} (derives the pseudonyms); ` +
        `set both in the environment (make each with: ${HOW_TO}). Only the demo (--seed demo) generates them.`,
    );
  }
  const generate = (): string => randomBytes(32).toString('base64url');
  const dir = options.demo.dataDir;
  if (dir === undefined) {
    notice(`Demo: generated ${KEK_ENV} and ${PSEUDONYM_SECRET_ENV} for this run only (memory store).`);
    return withStatistics(env, {
      kek: checkKek(fromEnv.kek ?? generate()),
      pseudonymSecret: checkPseudonymSecret(fromEnv.pseudonymSecret ?? generate()),
      source: 'demo-ephemeral',
    });
  }
  await mkdir(dir, { recursive: true });
  const file = join(dir, DEMO_SECRETS_FILE);
  const saved = await readDemoFile(file);
  const kek = fromEnv.kek ?? saved?.[KEK_ENV];
  const pseudonymSecret = fromEnv.pseudonymSecret ?? saved?.[PSEUDONYM_SECRET_ENV];
  if (kek && pseudonymSecret && saved) {
    await chmod(file, 0o600);
    return withStatistics(env, {
      kek: checkKek(kek),
      pseudonymSecret: checkPseudonymSecret(pseudonymSecret),
      source: 'demo-file',
      file,
    });
  }
  const secrets = { [KEK_ENV]: kek ?? generate(), [PSEUDONYM_SECRET_ENV]: pseudonymSecret ?? generate() };
  await writeFile(file, `${JSON.stringify(secrets, null, 2)}\n`, { mode: 0o600 });
  await chmod(file, 0o600);
  notice(
    `Demo: generated ${KEK_ENV} and ${PSEUDONYM_SECRET_ENV} into ${file} (mode 0600). Demo only: set both in the environment for a real deployment.`,
  );
  return withStatistics(env, {
    kek: checkKek(secrets[KEK_ENV]),
    pseudonymSecret: checkPseudonymSecret(secrets[PSEUDONYM_SECRET_ENV]),
    source: 'demo-file',
    file,
  });
}

/**
 * Reads only the key-encryption key, for commands that manage signing keys (`opengar keys rotate`): from
 * `OPENGAR_KEK`, else from the demo's secrets file in `dataDir` when there is one.
 *
 * @example
 * ```ts
 * const kek = await readKek({ dataDir: './.opengar-data' });
 * ```
 */
export async function readKek(
  options: { env?: Readonly<Record<string, string | undefined>>; dataDir?: string } = {},
): Promise<string> {
  const env = options.env ?? process.env;
  const value =
    env[KEK_ENV] ??
    (options.dataDir ? (await readDemoFile(join(options.dataDir, DEMO_SECRETS_FILE)))?.[KEK_ENV] : undefined);
  if (!value)
    throw new SecretsError(
      'missing',
      KEK_ENV,
      `${KEK_ENV} is not set; it encrypts the signing keys (make one with: ${HOW_TO})`,
    );
  return checkKek(value);
}
