// One error vocabulary: every code the server can emit is in core's closed list, the SDK turns each code of that list
// back into a typed error, and no two codes differ only by `_` and `-`.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { PROBLEM_CATALOGUE, PROBLEM_CODES, isProblemCode, problemType, type ProblemCode } from '@opengar/core';
import { GarApiError, createGarClient } from '@opengar/sdk';
import {
  GarServerError,
  GarServiceError,
  KeyError,
  StoreBusyError,
  StoreError,
  WsAbonnementError,
  type GarServiceErrorCode,
  type KeyErrorCode,
  type StoreErrorCode,
  type WsAbonnementErrorCode,
} from '@opengar/server';
import { problemForError, problemResponse } from '../../server/src/http/problem-response.js';
import { AllocationRuleError, type AllocationProblem } from '../../server/src/allocation/allocation-rule-error.js';

const serverSrc = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'server', 'src');

function sources(dir: string): { file: string; text: string }[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && e.name.endsWith('.ts'))
    .map((e) => {
      const file = join(e.parentPath, e.name);
      return { file, text: readFileSync(file, 'utf8') };
    });
}

/** Literal codes in the server's source: problems written directly, and the codes errors are constructed with. */
function scan(): { emitted: Set<string>; constructed: Map<string, Set<string>> } {
  const emitted = new Set<string>();
  const constructed = new Map<string, Set<string>>();
  for (const { file, text } of sources(serverSrc)) {
    for (const m of text.matchAll(/(?:problemResponse|handoffProblem)\(\{[^}]*?\bcode: '([^']+)'/g)) emitted.add(m[1]!);
    if (file.endsWith('handoff-problem.ts')) for (const m of text.matchAll(/\bcode: '([^']+)'/g)) emitted.add(m[1]!);
    for (const m of text.matchAll(
      /new (GarServiceError|StoreError|WsAbonnementError|KeyError|AllocationRuleError)\(\s*'([^']+)'/g,
    )) {
      const set = constructed.get(m[1]!) ?? new Set<string>();
      set.add(m[2]!);
      constructed.set(m[1]!, set);
    }
  }
  return { emitted, constructed };
}

function build(kind: string, code: string): GarServerError {
  switch (kind) {
    case 'GarServiceError':
      return new GarServiceError(code as GarServiceErrorCode, 'm');
    case 'StoreError':
      return new StoreError(code as StoreErrorCode, 'm');
    case 'WsAbonnementError':
      return new WsAbonnementError(code as WsAbonnementErrorCode, '/', 'm');
    case 'KeyError':
      return new KeyError(code as KeyErrorCode, 'm');
    case 'AllocationRuleError':
      return new AllocationRuleError(code as AllocationProblem, 'm', {});
    default:
      throw new TypeError(kind);
  }
}

// The SDK's own codes besides the problem codes (GarSdkErrorCode).
const SDK_ONLY = ['unknown-problem', 'network', 'timeout', 'invalid-response'];

describe('one error vocabulary', () => {
  const { emitted, constructed } = scan();

  it('every problem code the server writes directly is in core’s list', () => {
    // The scan must see the server's writers, or this test would pass on nothing.
    for (const c of [
      'not-found',
      'not-entitled',
      'method-not-allowed',
      'validation',
      'unsupported-media-type',
      'internal',
    ])
      assert.ok(emitted.has(c), c);
    for (const c of emitted) assert.ok(isProblemCode(c), `${c} is written but not in PROBLEM_CATALOGUE`);
  });

  it('every server error is a GarServerError whose problem is in core’s list, with a kebab-case code', () => {
    assert.deepEqual([...constructed.keys()].sort(), [
      'AllocationRuleError',
      'GarServiceError',
      'KeyError',
      'StoreError',
      'WsAbonnementError',
    ]);
    let count = 0;
    for (const [kind, codes] of constructed) {
      for (const code of codes) {
        const e = build(kind, code);
        assert.ok(e instanceof GarServerError, kind);
        assert.ok(isProblemCode(e.problem), `${kind} ${code} → ${e.problem}`);
        assert.equal(e.status, PROBLEM_CATALOGUE[e.problem].status, `${kind} ${code}`);
        assert.match(e.code, /^[a-z]+(?:-[a-z]+)*$/, `${kind} ${code}`);
        if (kind === 'GarServiceError') assert.ok(isProblemCode(e.code), `the service's ${code} is a problem code`);
        count += 1;
      }
    }
    assert.ok(count >= 20, `only ${count} constructed codes found`);
  });

  it('no two codes differ only by `_` and `-`', () => {
    const all = new Set<string>([...PROBLEM_CODES, ...SDK_ONLY, ...emitted]);
    for (const codes of constructed.values()) for (const c of codes) all.add(c);
    const seen = new Map<string, string>();
    for (const c of all) {
      const key = c.replaceAll('_', '-');
      const other = seen.get(key);
      assert.ok(other === undefined, `${c} and ${other}`);
      seen.set(key, c);
    }
  });

  it('the SDK turns every problem code into a GarApiError with that code, status and type', async () => {
    for (const code of PROBLEM_CODES) {
      const client = createGarClient({
        baseUrl: 'http://opengar.test',
        token: 't',
        retry: 0,
        fetch: () => problemResponse({ code, requestId: 'req-1', instance: '/api/v1/me/resources', detail: 'd' }),
      });
      await assert.rejects(client.resources(), (e: unknown) => {
        assert.ok(e instanceof GarApiError, `${code}: ${String(e)}`);
        assert.equal(e.code, code);
        assert.equal(e.status, PROBLEM_CATALOGUE[code].status);
        assert.equal(e.problem.type, problemType(code));
        assert.equal(e.problem.title, PROBLEM_CATALOGUE[code].title);
        return true;
      });
    }
  });

  it('a server error answers with the status, problem and headers it answered with before the one writer', async () => {
    const expected: [GarServerError, ProblemCode, number, string | null][] = [
      [new GarServiceError('validation', 'm'), 'validation', 400, null],
      [new GarServiceError('unauthenticated', 'm'), 'unauthenticated', 401, null],
      [new GarServiceError('token-expired', 'm'), 'token-expired', 401, null],
      [new GarServiceError('forbidden', 'm'), 'forbidden', 403, null],
      [new GarServiceError('not-found', 'm'), 'not-found', 404, null],
      [new GarServiceError('conflict', 'm'), 'conflict', 409, null],
      [new GarServiceError('unavailable', 'm'), 'unavailable', 503, null],
      [new GarServiceError('too-many-requests', 'm', { retryAfterS: 7 }), 'too-many-requests', 429, '7'],
      [new AllocationRuleError('insufficient-licences', 'm', { remaining: 1 }), 'insufficient-licences', 409, null],
      [new StoreError('conflict', 'm'), 'conflict', 409, null],
      [new StoreError('not-found', 'm'), 'not-found', 404, null],
      [new StoreError('invalid-text', 'm'), 'validation', 400, null],
      [new StoreError('unavailable', 'm'), 'unavailable', 503, '5'],
      [new StoreError('locked', 'm'), 'unavailable', 503, '5'],
      [new StoreBusyError('m', 3), 'unavailable', 503, '3'],
    ];
    for (const [err, code, status, retryAfter] of expected) {
      const res = problemForError(err, 'req-1', '/x');
      assert.ok(res, `${err.name} ${err.code}`);
      assert.equal(res.status, status, `${err.name} ${err.code}`);
      assert.equal(res.headers.get('retry-after'), retryAfter, `${err.name} ${err.code}`);
      const body = (await res.json()) as {
        code: string;
        type: string;
        remaining?: number;
        errors?: { code: string }[];
      };
      assert.equal(body.code, code);
      assert.equal(body.type, problemType(code));
      if (err instanceof AllocationRuleError) assert.equal(body.remaining, 1);
      if (err instanceof StoreError && err.code === 'invalid-text')
        assert.equal(body.errors?.[0]?.code, 'control_character');
    }
    // Server faults stay generic: the caller logs them and answers 500 without their message.
    for (const err of [
      new StoreError('failed', 'm'),
      new StoreError('migration-failed', 'm'),
      new KeyError('no-active-key', 'm'),
      new Error('x'),
    ]) {
      assert.equal(problemForError(err, 'req-1', '/x'), undefined);
    }
  });
});
