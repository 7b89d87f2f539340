import { entSchema, isHttpsOrLoopbackUrl } from '@opengar/core';
import type { Ent } from '@opengar/core';
import type { SupportContact } from '../allocation/dashboard-use-cases.js';
import { validate } from '../kernel/context.js';
import { GarServiceError } from '../kernel/errors.js';
import { LOG_LEVELS, type LogLevel } from '../kernel/logger.js';
import { entIssues } from '../registry/ent-issues.js';
import { DEMO_ENT_ID } from '../seed/demo-catalogue.js';
import type { Store } from '../store/types.js';
import { CliError } from './cli-error.js';

/** The `opengar serve` flags these settings read. */
export interface ServeSettingFlags {
  seed?: 'demo';
  demoOrigin?: string[];
  demoConsoleUrl?: string;
  supportName?: string;
  supportEmail?: string;
  supportPhone?: string;
  supportUrl?: string;
}

type Env = Readonly<Record<string, string | undefined>>;

/**
 * The support contact from `--support-*` flags, else `OPENGAR_SUPPORT_*` variables: undefined when none is set; a
 * usage error when the name is missing, or the e-mail, phone or URL is malformed.
 *
 * @example
 * ```ts
 * resolveSupportContact({ supportName: 'Assistance GAR', supportEmail: 'assistance@example.fr' }, {});
 * ```
 */
export function resolveSupportContact(
  flags: Pick<ServeSettingFlags, 'supportName' | 'supportEmail' | 'supportPhone' | 'supportUrl'>,
  env: Env = process.env,
): SupportContact | undefined {
  const pick = (flag: string | undefined, name: string) => (flag ?? env[name] ?? '').trim() || undefined;
  const name = pick(flags.supportName, 'OPENGAR_SUPPORT_NAME');
  const email = pick(flags.supportEmail, 'OPENGAR_SUPPORT_EMAIL');
  const phone = pick(flags.supportPhone, 'OPENGAR_SUPPORT_PHONE');
  const url = pick(flags.supportUrl, 'OPENGAR_SUPPORT_URL');
  if (!name && !email && !phone && !url) return undefined;
  if (!name) throw new CliError('usage', '--support-name (or OPENGAR_SUPPORT_NAME) is needed with a support contact');
  if (name.length > 200) throw new CliError('usage', '--support-name must be at most 200 characters');
  if (email !== undefined && !/^[^\s@<>"]{1,64}@[^\s@<>"]{1,255}\.[^\s@<>"]{2,}$/.test(email))
    throw new CliError('usage', '--support-email must be an e-mail address');
  if (phone !== undefined && !/^\+?[0-9 .()-]{4,30}$/.test(phone))
    throw new CliError('usage', '--support-phone must be a phone number (digits, spaces, dots, dashes, a leading +)');
  if (url !== undefined && !isHttpsOrLoopbackUrl(url))
    throw new CliError('usage', '--support-url must be an https URL (http only on loopback)');
  return {
    name,
    ...(email ? { email } : {}),
    ...(phone ? { phone } : {}),
    ...(url ? { url } : {}),
  };
}

/** `--log-level`, else `OPENGAR_LOG_LEVEL`, else `info`; a usage error for an unknown level in the variable. */
export function resolveLogLevel(flag: LogLevel | undefined, env: Env = process.env): LogLevel {
  const value = flag ?? (env.OPENGAR_LOG_LEVEL?.trim() || 'info');
  if (!(LOG_LEVELS as readonly string[]).includes(value))
    throw new CliError('usage', `OPENGAR_LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')}`);
  return value as LogLevel;
}

/** With `--seed demo`: adds `--demo-origin`s to the demo ENT and sets its console URL (`--demo-console-url`). */
export async function configureDemoEnt(store: Store, flags: ServeSettingFlags): Promise<void> {
  if (!flags.demoOrigin?.length && !flags.demoConsoleUrl) return;
  await store.transaction(async (tx) => {
    const ent = await tx.getEnt(DEMO_ENT_ID);
    if (!ent) return;
    const record = {
      ...ent,
      origins: [...new Set([...ent.origins, ...(flags.demoOrigin ?? [])])],
      ...(flags.demoConsoleUrl ? { consoleUrl: flags.demoConsoleUrl } : {}),
      // The first demo origin is the example portal: GAR-style links and discovery go to its assertion endpoint.
      ...(flags.demoOrigin?.[0]
        ? { assertionEndpoint: `${flags.demoOrigin[0].replace(/\/+$/, '')}/gar/assertion` }
        : {}),
    };
    await tx.putEnt(checkDemoEnt(record));
  });
}

function checkDemoEnt(record: Record<string, unknown>): Ent {
  try {
    return validate(entSchema, record, 'ENT', entIssues);
  } catch (e) {
    if (e instanceof GarServiceError && e.code === 'validation') {
      throw new CliError(
        'usage',
        `--demo-origin or --demo-console-url is not valid: ${e.issues.map((i) => i.message).join('; ')}`,
        { cause: e },
      );
    }
    throw e;
  }
}
