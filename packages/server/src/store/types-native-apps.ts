import type { NativeApp } from '@opengar/core';

/**
 * An authorization code of the native-app flow, as stored: the SHA-256 of the code (never the code), the app it was
 * issued to, what it stands for, and its state. The row outlives the code until the token issued from it expires, so
 * that a replay is recognised and revokes that token (RFC 6749 §4.1.2).
 */
export interface AuthorizationCodeRecord {
  /** SHA-256 (hex) of the code. */
  id: string;
  clientId: string;
  /** What the code stands for (the service's, opaque to the store). */
  payload: unknown;
  /** When the code stops being redeemable, ISO 8601. */
  expiresAt: string;
  /** Until when the row is kept, ISO 8601 (≥ `expiresAt`). */
  keepUntil: string;
  /** `issued`, then `redeemed` once, then `revoked` when presented again. */
  status: 'issued' | 'redeemed' | 'revoked';
  /** The `jti` of the access token issued when it was redeemed. */
  tokenId?: string;
}

/** What redeeming a code found: it is now spent, it had expired, it was spent before (now revoked), or no such code. */
export type CodeRedemption =
  | { outcome: 'redeemed'; record: AuthorizationCodeRecord }
  | { outcome: 'reused'; record: AuthorizationCodeRecord }
  | { outcome: 'expired' }
  | { outcome: 'unknown' };

/**
 * Native apps registered per resource, and the single-use authorization codes of their OAuth 2.0 flow.
 *
 * @example
 * ```ts
 * const r = await store.redeemAuthorizationCode(codeHash, now, jti, keepUntil);
 * if (r.outcome === 'reused') r.record.tokenId; // now revoked
 * ```
 */
export interface NativeAppStore {
  /** Adds or replaces an app. */
  putNativeApp(app: NativeApp): Promise<void>;
  getNativeApp(clientId: string): Promise<NativeApp | undefined>;
  /** Apps by client id, optionally one resource's. */
  listNativeApps(filter?: { resourceId?: string }): Promise<NativeApp[]>;
  /** `true` when there was such an app. */
  deleteNativeApp(clientId: string): Promise<boolean>;
  /** @throws {@link StoreConflictError} when the id exists. */
  putAuthorizationCode(record: AuthorizationCodeRecord): Promise<void>;
  /**
   * Atomically spends a code: an `issued`, unexpired code becomes `redeemed` with the token id and the new keep-until
   * time; a code already redeemed (or revoked) becomes `revoked` and is answered `reused`. Of two concurrent
   * redemptions, exactly one is `redeemed`.
   */
  redeemAuthorizationCode(id: string, now: string, tokenId: string, keepUntil: string): Promise<CodeRedemption>;
  /** The code a token was issued from, by the token's `jti`. */
  getAuthorizationGrant(tokenId: string): Promise<AuthorizationCodeRecord | undefined>;
}
