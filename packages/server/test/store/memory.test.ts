import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { openStore } from '../../src/node/stores.js';
import { createMemoryStore } from '../../src/store/index.js';
import { storeContract } from './contract.js';
import { rejectsWithCode } from './contract-assert.js';

storeContract('memory', async () => createMemoryStore());

describe('memory store specifics', () => {
  test('the browser-safe side imports nothing from Node and no database driver', () => {
    // Follow the relative imports from src/store/index.ts: every module reached may import only relative files and
    // @opengar/core (Storybook loads the memory store in a browser page).
    const seen = new Set<string>();
    const pending = [fileURLToPath(new URL('../../src/store/index.ts', import.meta.url))];
    while (pending.length) {
      const file = pending.pop()!;
      if (seen.has(file)) continue;
      seen.add(file);
      const source = readFileSync(file, 'utf8');
      for (const [, spec] of source.matchAll(/^\s*(?:import|export)[^'"]*from\s+'([^']+)'/gm)) {
        if (spec!.startsWith('.')) pending.push(join(dirname(file), spec!.replace(/\.js$/, '.ts')));
        else assert.equal(spec, '@opengar/core', `${file} imports ${spec}`);
      }
    }
    assert.ok(seen.size >= 8);
  });

  test('openStore("memory") gives an empty memory store; close makes it unusable', async () => {
    const store = await openStore('memory', {});
    assert.equal(store.kind, 'memory');
    assert.deepEqual(await store.listSchools(), []);
    await store.close();
    assert.equal(await store.ping(), false);
    await assert.rejects(store.putSetting('a', 'b'), TypeError);
  });

  test('openStore defaults to DATABASE_URL when set', async () => {
    await rejectsWithCode(
      openStore(undefined, { DATABASE_URL: 'postgres://opengar@127.0.0.1:1/opengar' }),
      'unavailable',
    );
  });
});

test('a transaction writing 200,000 copies in one statement commits and rolls back without overflowing the stack', async () => {
  const store = createMemoryStore();
  const copies = Array.from({ length: 200_000 }, (_, i) => ({
    subscriptionId: 'big',
    uai: '0561641E',
    personId: `p${i}`,
    audience: 'ELEVE' as const,
    allocationId: 'a',
    assignedAt: '2026-09-01T00:00:00.000Z',
  }));
  await assert.rejects(
    store.transaction(async (tx) => {
      await tx.insertCopies(copies);
      throw new Error('roll back');
    }),
    /roll back/,
  );
  assert.equal((await store.listCopies({ subscriptionId: 'big' })).length, 0);
  await store.transaction((tx) => tx.insertCopies(copies));
  assert.equal((await store.listCopies({ subscriptionId: 'big' })).length, 200_000);
});
