/**
 * The exit codes of the `opengar` command, the same for every command:
 *
 * | code | name          | meaning                                                                                 |
 * | ---- | ------------- | --------------------------------------------------------------------------------------- |
 * | 0    | `ok`          | done (also `--help` and `--version`)                                                    |
 * | 1    | `failure`     | an unexpected failure (a bug), or `conformance` found the publisher nonconformant      |
 * | 2    | `usage`       | a bad command, flag or flag value; nothing was done                                     |
 * | 3    | `input`       | a file or input the command reads is missing, unreadable or malformed (feed, secrets)  |
 * | 4    | `refused`     | refused by a rule or by the store's state (a feed refused, a conflict, no such ENT)     |
 * | 5    | `unavailable` | the store, the database or the port cannot be reached or used; try again later          |
 *
 * @example
 * ```ts
 * if (process.exitCode === EXIT_CODES.unavailable) console.error('retry later');
 * ```
 */
export const EXIT_CODES = {
  ok: 0,
  failure: 1,
  usage: 2,
  input: 3,
  refused: 4,
  unavailable: 5,
} as const;

/** A name of {@link EXIT_CODES}. */
export type ExitCodeName = keyof typeof EXIT_CODES;
