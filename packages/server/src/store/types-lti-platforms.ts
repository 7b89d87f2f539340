import type { LtiPlatform } from '@opengar/core';

/**
 * The LTI 1.3 platforms (Moodle sites) where opengar is registered as a tool; the issuer is unique.
 *
 * @example
 * ```ts
 * const platform = await store.getLtiPlatformByIssuer('https://moodle.ac-rennes.example');
 * ```
 */
export interface LtiPlatformStore {
  /** Adds or replaces a platform. @throws {@link StoreConflictError} when another platform has this issuer. */
  putLtiPlatform(platform: LtiPlatform): Promise<void>;
  getLtiPlatform(id: string): Promise<LtiPlatform | undefined>;
  /** The platform whose `iss` this is, compared exactly. */
  getLtiPlatformByIssuer(issuer: string): Promise<LtiPlatform | undefined>;
  /** Every platform, by id. */
  listLtiPlatforms(): Promise<LtiPlatform[]>;
  /** `true` when there was such a platform. */
  deleteLtiPlatform(id: string): Promise<boolean>;
}
