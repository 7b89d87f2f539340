/**
 * Where the verifier remembers the `jti`s it has accepted, so that each token is used once. Implement it over
 * Redis or SQL when several processes verify tokens for the same resource.
 *
 * `consume` must be atomic: it records `jti` and answers `true` the first time, `false` when `jti` is already
 * recorded. `expiresAt` (seconds since the epoch) is when the record may be forgotten: the token can no longer be
 * accepted after it. A store that fails should reject; the verifier passes that error on unchanged.
 *
 * @example
 * ```ts
 * // Redis (node-redis v4): SET NX with an absolute expiry is atomic.
 * const redisReplayStore: ReplayStore = {
 *   async consume(jti, expiresAt) {
 *     const ok = await redis.set(`gar:jti:${jti}`, '1', { NX: true, EXAT: Math.ceil(expiresAt) });
 *     return ok === 'OK';
 *   },
 * };
 * ```
 */
export interface ReplayStore {
  consume(jti: string, expiresAt: number): Promise<boolean>;
}
