// Verifier throughput: verify() with cached keys, as a ratio to a bare node:crypto signature check of the same
// tokens measured in the same run, per algorithm, one at a time and 8 in flight. Every verification gets a fresh
// token made beforehand (replays are refused); each round uses a new verifier (new replay store) over the same tokens.
// jose's jwtVerify on the same tokens is printed as a reference. Target: ≥ 0.8 one at a time.
import { createPublicKey, generateKeyPairSync, randomUUID, sign, verify, type KeyObject } from 'node:crypto';
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { createVerifier, type GarAlgorithm, type GarVerifier } from '../packages/verifier/src/node/index.js';
import { quick, writeReport, type BenchRow } from './lib/report.js';

// jose is a dependency of the verifier, not of the workspace root: resolve it from there.
const fromVerifier = createRequire(new URL('../packages/verifier/package.json', import.meta.url));
const { jwtVerify } = (await import(pathToFileURL(fromVerifier.resolve('jose')).href)) as {
  jwtVerify(token: string, key: KeyObject, options: Record<string, unknown>): Promise<unknown>;
};

const ISSUER = 'https://gar.example';
const AUDIENCE = 'ark:/67890/dico';
const NOW = Math.floor(Date.now() / 1000);
const IDO =
  'a82fc3e862fe123c5df20ffd5405adfbb0c8d86784d88ec974a4e19d76603f0d8ada3601a44f1a2a553897cead46d38fc5123c4347fa056d0038c1ee2f9e7cf3';
const ROUNDS = quick ? 3 : 7;
const IN_FLIGHT = 8;

function keyPair(alg: GarAlgorithm): { privateKey: KeyObject; publicKey: KeyObject } {
  if (alg === 'ES256') return generateKeyPairSync('ec', { namedCurve: 'P-256' });
  if (alg === 'RS256') return generateKeyPairSync('rsa', { modulusLength: 2048 });
  return generateKeyPairSync('ed25519');
}

const b64 = (v: unknown) => Buffer.from(JSON.stringify(v)).toString('base64url');

function signToken(alg: GarAlgorithm, key: KeyObject): string {
  const input = `${b64({ alg, typ: 'gar+jwt', kid: 'k1' })}.${b64({
    iss: ISSUER,
    aud: AUDIENCE,
    sub: IDO,
    IDO,
    UAI: ['0561234A'],
    PRO: 'National_elv',
    NOM: 'Durand',
    PRE: 'Léa',
    DIV: ['5A##5e A'],
    E_MS4: ['1004'],
    iat: NOW,
    nbf: NOW,
    exp: NOW + 120,
    jti: randomUUID(),
  })}`;
  const data = Buffer.from(input);
  const sig =
    alg === 'ES256'
      ? sign('sha256', data, { key, dsaEncoding: 'ieee-p1363' })
      : sign(alg === 'RS256' ? 'sha256' : null, data, key);
  return `${input}.${sig.toString('base64url')}`;
}

/** The baseline: split the token, decode the signature, one node:crypto verify. */
function bareCheck(alg: GarAlgorithm, key: KeyObject, token: string): boolean {
  const dot = token.lastIndexOf('.');
  const data = Buffer.from(token.slice(0, dot));
  const sig = Buffer.from(token.slice(dot + 1), 'base64url');
  if (alg === 'ES256') return verify('sha256', data, { key, dsaEncoding: 'ieee-p1363' }, sig);
  return verify(alg === 'RS256' ? 'sha256' : null, data, key, sig);
}

/** Runs `check` over `tokens` with `inFlight` verifications in flight; returns the elapsed milliseconds. */
async function run(tokens: readonly string[], inFlight: number, check: (t: string) => unknown): Promise<number> {
  let next = 0;
  const worker = async () => {
    while (next < tokens.length) {
      const ok = await check(tokens[next++]!);
      if (ok === false) throw new Error('a bench token was refused');
    }
  };
  const t0 = performance.now();
  await Promise.all(Array.from({ length: inFlight }, worker));
  return performance.now() - t0;
}

const CHUNK = 250;
const gc = (globalThis as { gc?: () => void }).gc;

/**
 * Measures `subject` against `baseline` over the same tokens, alternating chunks of {@link CHUNK} tokens so that
 * both see the same machine load; returns their throughputs in verifications per second.
 */
async function compare(
  tokens: readonly string[],
  inFlight: number,
  baseline: (t: string) => unknown,
  subject: (t: string) => unknown,
): Promise<{ base: number; ours: number }> {
  let baseMs = 0;
  let oursMs = 0;
  gc?.();
  for (let i = 0; i < tokens.length; i += CHUNK) {
    const chunk = tokens.slice(i, i + CHUNK);
    if ((i / CHUNK) % 2 === 0) {
      baseMs += await run(chunk, inFlight, baseline);
      oursMs += await run(chunk, inFlight, subject);
    } else {
      oursMs += await run(chunk, inFlight, subject);
      baseMs += await run(chunk, inFlight, baseline);
    }
  }
  return { base: tokens.length / (baseMs / 1000), ours: tokens.length / (oursMs / 1000) };
}

const median = (xs: readonly number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const rows: BenchRow[] = [];
const meta: Record<string, unknown> = { rounds: ROUNDS, node: process.version };

for (const alg of ['ES256', 'RS256', 'EdDSA'] as const) {
  const count = alg === 'RS256' ? (quick ? 500 : 4_000) : quick ? 1_000 : 10_000;
  const { privateKey, publicKey } = keyPair(alg);
  const jwk = { ...publicKey.export({ format: 'jwk' }), kid: 'k1', alg };
  const tokens = Array.from({ length: count }, () => signToken(alg, privateKey));
  const warm = Array.from({ length: 200 }, () => signToken(alg, privateKey));
  const key = createPublicKey(publicKey.export({ format: 'pem', type: 'spki' }));
  meta[alg] = { tokens: count };

  const freshVerifier = async (): Promise<GarVerifier> => {
    const v = createVerifier({
      issuer: ISSUER,
      audience: AUDIENCE,
      algorithms: [alg],
      keys: [jwk as { kty: string }],
      clockTolerance: 5,
    });
    for (const t of warm) await v.verify(t);
    return v;
  };

  const row = (name: string, runs: Array<{ base: number; ours: number }>, target: string, min?: number): BenchRow => {
    const ratios = runs.map((r) => r.ours / r.base);
    const at = ratios.indexOf(median(ratios));
    const ratio = ratios[at]!;
    return {
      name,
      value: runs[at]!.ours,
      unit: 'ops/s',
      baseline: runs[at]!.base,
      baselineName: 'node:crypto verify',
      ratio,
      target,
      ok: min === undefined || ratio >= min,
    };
  };
  const bare = (t: string) => bareCheck(alg, key, t);
  for (const inFlight of [1, IN_FLIGHT]) {
    const runs = [];
    for (let r = 0; r < ROUNDS; r++) {
      const v = await freshVerifier();
      runs.push(await compare(tokens, inFlight, bare, (t) => v.verify(t)));
    }
    const label = inFlight === 1 ? 'one at a time' : `${inFlight} in flight`;
    rows.push(
      row(`verify() ${alg}, ${label}`, runs, inFlight === 1 ? '≥ 0.8' : 'reported', inFlight === 1 ? 0.8 : undefined),
    );
  }
  const joseRuns = [];
  const joseOptions = {
    issuer: ISSUER,
    audience: AUDIENCE,
    algorithms: [alg],
    typ: 'gar+jwt',
    currentDate: new Date(NOW * 1000),
  };
  for (let r = 0; r < ROUNDS; r++)
    joseRuns.push(await compare(tokens, 1, bare, (t) => jwtVerify(t, publicKey, joseOptions)));
  rows.push(row(`jose jwtVerify ${alg} (reference), one at a time`, joseRuns, 'reference'));
}

writeReport('verifier', rows, meta);
