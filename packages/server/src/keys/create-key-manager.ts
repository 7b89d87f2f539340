import type { SigningAlgorithm } from '@opengar/core';
import { importJWK, type JWK } from 'jose';
import type { LeaseStore, SigningKeyRecord, SigningKeyStore } from '../store/types.js';
import { KeyError } from './key-error.js';
import { importKeyEncryptionKey, type KeyEncryptionKey } from './key-encryption-key.js';
import { KEY_ALGORITHMS, generateSigningKey, sealContext } from './generate-signing-key.js';

/** The lease the scheduled rotation takes, so that several instances never rotate twice. */
export const KEY_ROTATION_LEASE = 'keys.rotation';

/** The store operations the key manager uses. */
export type KeyStore = SigningKeyStore & LeaseStore;

/** Options of {@link createKeyManager}. */
export interface KeyManagerOptions {
  store: KeyStore;
  /**
   * Makes the signing function of a decrypted private key (default: none, tokens are signed by `jose` with
   * WebCrypto). On Node, `nodeJwsSigner` of `@opengar/server/node` signs with `node:crypto` key objects, about twice
   * as fast (`bench/handoff.bench.ts`).
   */
  signer?: JwsSignerFactory;
  /** `OPENGAR_KEK` (base64url of 32 bytes) or an imported key-encryption key. */
  kek: string | KeyEncryptionKey;
  /** Default: the system clock. */
  clock?: { now(): Date };
  /** Algorithms to keep a key for (default ES256, RS256 and EdDSA: resources may ask for any). */
  algorithms?: readonly SigningAlgorithm[];
  /** A key signs for this long before the schedule replaces it (default 30 days). */
  rotationIntervalMs?: number;
  /** A scheduled next key is published this long before it signs, so verifiers' JWKS caches see it (default 1 day). */
  prepublishMs?: number;
  /** The longest lifetime of a token the service signs (default and maximum 120 s). */
  tokenLifetimeMs?: number;
  /** Extra time a retired key stays published after its last token expired (default 5 min). */
  marginMs?: number;
  /** Name of this instance in the rotation lease (default: a random id). */
  holder?: string;
  /** How long the list of keys is cached in memory (default 10 s; 0 reads the store every time). */
  cacheMs?: number;
}

/** Signs a JWS signing input (`header.payload` as bytes) and returns the signature as JWS wants it (raw r‖s for ES256). */
export type JwsSigner = (signingInput: Uint8Array) => Uint8Array | Promise<Uint8Array>;

/** Makes the {@link JwsSigner} of a private JWK, once per key. */
export type JwsSignerFactory = (privateJwk: JWK, alg: SigningAlgorithm) => JwsSigner | Promise<JwsSigner>;

/** A key that may sign now. */
export interface ActiveSigningKey {
  kid: string;
  alg: SigningAlgorithm;
  /** The private key (WebCrypto), decrypted in memory only, never exported. */
  key: CryptoKey;
  /** The signing function from the manager's `signer`, when it has one (used instead of `key`). */
  sign?: JwsSigner;
}

/** Options of {@link KeyManager.rotate}. */
export interface RotateOptions {
  /** Only this algorithm (default: every managed one). */
  alg?: SigningAlgorithm;
  /** The new key signs at once instead of after the pre-publication delay (after a compromise, say). */
  immediate?: boolean;
}

/**
 * Token-signing keys: generated, stored encrypted, published as JWKS, rotated with overlap.
 *
 * @example
 * ```ts
 * const keys = createKeyManager({ store, kek: process.env.OPENGAR_KEK! });
 * const { kid, key } = await keys.signingKey('ES256');
 * const jwks = await keys.jwks(); // served at /.well-known/jwks.json
 * ```
 */
export interface KeyManager {
  /** The public keys to publish: every key not yet expired, the next ones included. */
  jwks(): Promise<{ keys: Record<string, unknown>[] }>;
  /** The key that signs now for `alg` (default ES256); creates the first one when there is none. */
  signingKey(alg?: SigningAlgorithm): Promise<ActiveSigningKey>;
  /** Creates a key for every managed algorithm that has none. Returns the new records. */
  ensureKeys(): Promise<SigningKeyRecord[]>;
  /** Rotates now (by command): publishes the next key and retires the current one when it activates. */
  rotate(options?: RotateOptions): Promise<SigningKeyRecord[]>;
  /** The scheduled job: under a lease, rotates keys older than the interval and removes expired ones. `true` if it rotated. */
  maybeRotate(): Promise<boolean>;
}

const DAY = 86_400_000;
const iso = (ms: number): string => new Date(ms).toISOString();
const at = (value: string | undefined): number => (value === undefined ? Number.POSITIVE_INFINITY : Date.parse(value));

/**
 * Whether a key may sign at `now` (milliseconds): activated, and not yet retired.
 *
 * @example
 * ```ts
 * isSigning(record, Date.now()); // false for a pre-published next key
 * ```
 */
export function isSigning(key: SigningKeyRecord, now: number): boolean {
  return Date.parse(key.activatesAt) <= now && now < at(key.retiresAt);
}

/**
 * Creates a {@link KeyManager} over a store. The private keys are sealed with AES-256-GCM under the key-encryption key
 * and only ever decrypted in memory; a wrong key-encryption key gives a {@link KeyError} `wrong-kek`.
 *
 * Rotation: the next key is stored with `activatesAt` in the future (published, not signing); the current key gets
 * `retiresAt` = that instant (it stops signing) and `expiresAt` = `retiresAt` + token lifetime + margin (it leaves the
 * JWKS once its last token has expired, and the scheduled job deletes it).
 *
 * @example
 * ```ts
 * const keys = createKeyManager({ store, kek, clock, rotationIntervalMs: 30 * 86_400_000 });
 * setInterval(() => void keys.maybeRotate(), 3_600_000);
 * ```
 */
export function createKeyManager(options: KeyManagerOptions): KeyManager {
  const { store } = options;
  const now = (): number => (options.clock ?? { now: () => new Date() }).now().getTime();
  const algorithms = options.algorithms ?? KEY_ALGORITHMS;
  for (const alg of algorithms)
    if (!KEY_ALGORITHMS.includes(alg))
      throw new KeyError('unsupported-algorithm', `unsupported signing algorithm ${String(alg)}`);
  const interval = options.rotationIntervalMs ?? 30 * DAY;
  const prepublish = options.prepublishMs ?? DAY;
  const tokenLifetime = options.tokenLifetimeMs ?? 120_000;
  if (tokenLifetime > 120_000) throw new TypeError('tokens live at most 120 s');
  const margin = options.marginMs ?? 5 * 60_000;
  const holder = options.holder ?? `keys-${crypto.randomUUID()}`;
  const cacheMs = options.cacheMs ?? 10_000;
  let kekPromise: Promise<KeyEncryptionKey> | undefined;
  const kek = (): Promise<KeyEncryptionKey> =>
    (kekPromise ??=
      typeof options.kek === 'string' ? importKeyEncryptionKey(options.kek) : Promise.resolve(options.kek));
  const decrypted = new Map<string, Promise<{ key: CryptoKey; sign?: JwsSigner }>>();
  let cached: { at: number; keys: SigningKeyRecord[] } | undefined;

  const list = async (fresh = false): Promise<SigningKeyRecord[]> => {
    const t = now();
    if (!fresh && cached && t - cached.at < cacheMs && t >= cached.at) return cached.keys;
    const keys = await store.listSigningKeys();
    cached = { at: t, keys };
    return keys;
  };
  const invalidate = (): void => {
    cached = undefined;
  };

  const decrypt = (record: SigningKeyRecord): Promise<{ key: CryptoKey; sign?: JwsSigner }> => {
    let p = decrypted.get(record.kid);
    if (!p) {
      p = (async () => {
        const jwk = JSON.parse(
          await (await kek()).open(record.encryptedPrivateJwk, sealContext(record.kid, record.alg)),
        ) as JWK;
        const key = await importJWK(jwk, record.alg);
        if (key instanceof Uint8Array) throw new KeyError('unsupported-algorithm', 'a signing key must be asymmetric');
        return options.signer ? { key, sign: await options.signer(jwk, record.alg) } : { key };
      })();
      p.catch(() => decrypted.delete(record.kid));
      decrypted.set(record.kid, p);
    }
    return p;
  };

  const create = async (alg: SigningAlgorithm, activatesAt: number): Promise<SigningKeyRecord> => {
    const record = await generateSigningKey(alg, await kek(), { createdAt: iso(now()), activatesAt: iso(activatesAt) });
    await store.putSigningKey(record);
    invalidate();
    return record;
  };

  // Concurrent first signatures share one new key instead of each making their own.
  const creating = new Map<SigningAlgorithm, Promise<SigningKeyRecord>>();
  const createOnce = (alg: SigningAlgorithm): Promise<SigningKeyRecord> => {
    let p = creating.get(alg);
    if (!p) {
      p = create(alg, now()).finally(() => creating.delete(alg));
      creating.set(alg, p);
    }
    return p;
  };

  const newest = (keys: readonly SigningKeyRecord[], alg: SigningAlgorithm): SigningKeyRecord | undefined =>
    keys.filter((k) => k.alg === alg).sort((a, b) => Date.parse(b.activatesAt) - Date.parse(a.activatesAt))[0];

  const ensureKeys = async (): Promise<SigningKeyRecord[]> => {
    const keys = await list(true);
    const made: SigningKeyRecord[] = [];
    for (const alg of algorithms)
      if (!keys.some((k) => k.alg === alg && at(k.expiresAt) > now())) made.push(await create(alg, now()));
    return made;
  };

  const rotateAlg = async (alg: SigningAlgorithm, immediate: boolean): Promise<SigningKeyRecord> => {
    const t = now();
    const activatesAt = immediate ? t : t + prepublish;
    const keys = await list(true);
    const next = await create(alg, activatesAt);
    for (const k of keys) {
      if (k.alg !== alg || at(k.retiresAt) <= activatesAt) continue;
      const retiresAt = Math.max(activatesAt, Date.parse(k.activatesAt));
      await store.putSigningKey({
        ...k,
        retiresAt: iso(retiresAt),
        expiresAt: iso(retiresAt + tokenLifetime + margin),
      });
    }
    invalidate();
    return next;
  };

  const removeExpired = async (): Promise<void> => {
    const t = now();
    for (const k of await list(true)) {
      if (at(k.expiresAt) <= t) {
        await store.deleteSigningKey(k.kid);
        decrypted.delete(k.kid);
      }
    }
    invalidate();
  };

  const withLease = async <T>(fn: () => Promise<T>): Promise<T | undefined> => {
    const t = now();
    if (!(await store.acquireLease(KEY_ROTATION_LEASE, holder, iso(t + 10 * 60_000), iso(t)))) return undefined;
    try {
      return await fn();
    } finally {
      await store.releaseLease(KEY_ROTATION_LEASE, holder);
    }
  };

  return {
    async jwks() {
      const t = now();
      const keys = (await list())
        .filter((k) => at(k.expiresAt) > t)
        .sort((a, b) => Date.parse(b.activatesAt) - Date.parse(a.activatesAt) || a.kid.localeCompare(b.kid));
      return { keys: keys.map((k) => ({ ...k.publicJwk })) };
    },

    async signingKey(alg = 'ES256') {
      if (!algorithms.includes(alg))
        throw new KeyError('unsupported-algorithm', `this service does not sign with ${String(alg)}`);
      const pick = (keys: readonly SigningKeyRecord[]): SigningKeyRecord | undefined =>
        keys
          .filter((k) => k.alg === alg && isSigning(k, now()))
          .sort((a, b) => Date.parse(b.activatesAt) - Date.parse(a.activatesAt))[0];
      let record = pick(await list()) ?? pick(await list(true));
      if (!record && !(await list(true)).some((k) => k.alg === alg && at(k.retiresAt) > now()))
        record = await createOnce(alg);
      if (!record) throw new KeyError('no-active-key', `no ${alg} key may sign now`);
      return { kid: record.kid, alg, ...(await decrypt(record)) };
    },

    ensureKeys,

    async rotate(opts = {}) {
      if (opts.alg && !algorithms.includes(opts.alg))
        throw new KeyError('unsupported-algorithm', `this service does not sign with ${String(opts.alg)}`);
      const algs = opts.alg ? [opts.alg] : algorithms;
      const made: SigningKeyRecord[] = [];
      for (const alg of algs) made.push(await rotateAlg(alg, opts.immediate ?? false));
      return made;
    },

    async maybeRotate() {
      const rotated = await withLease(async () => {
        await removeExpired();
        let did = false;
        for (const alg of algorithms) {
          const last = newest(await list(true), alg);
          if (!last) {
            await create(alg, now());
            continue;
          }
          if (now() >= Date.parse(last.activatesAt) + interval - prepublish) {
            await rotateAlg(alg, false);
            did = true;
          }
        }
        return did;
      });
      return rotated ?? false;
    },
  };
}
