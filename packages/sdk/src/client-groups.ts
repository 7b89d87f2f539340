import { createConsoleClient, type GarConsoleClient } from './console-client.js';
import type { GarClient } from './create-gar-client.js';
import type { GarMediacentreClient } from './create-mediacentre-client.js';
import { createStatsClient, type GarStatsClient } from './stats-client.js';
import { createTeacherClient, type GarTeacherClient } from './teacher-client.js';

/**
 * The allocation console's calls of a client: its own `console` group when it has one ({@link createGarClient}),
 * otherwise a group made on its transport (a {@link createMediacentreClient} client), with the same credentials.
 *
 * @example
 * ```ts
 * const schools = await consoleOf(client).schools();
 * ```
 */
export function consoleOf(client: GarMediacentreClient | GarClient): GarConsoleClient {
  return 'console' in client ? client.console : createConsoleClient(client.send);
}

/**
 * The statistics calls of a client: its own `stats` group when it has one, otherwise a group made on its transport.
 *
 * @example
 * ```ts
 * const table = await statsOf(client).school('0561641E', { period: '2026-10', by: 'resource' });
 * ```
 */
export function statsOf(client: GarMediacentreClient | GarClient): GarStatsClient {
  return 'stats' in client ? client.stats : createStatsClient(client.send);
}

/**
 * A teacher's calls of a client: its own `teacher` group when it has one, otherwise a group made on its transport.
 *
 * @example
 * ```ts
 * const mine = await teacherOf(client).classes('0561641E');
 * ```
 */
export function teacherOf(client: GarMediacentreClient | GarClient): GarTeacherClient {
  return 'teacher' in client ? client.teacher : createTeacherClient(client.send);
}
