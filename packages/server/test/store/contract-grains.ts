import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { ContractContext } from './contract.js';
import { resource } from './fixtures.js';

export function grainContract({ withStore }: ContractContext): void {
  test('a resource’s grain origins round-trip, change and empty out', () =>
    withStore(async (store) => {
      const origins = ['https://lire.editions-armor.example', 'http://127.0.0.1:4100'];
      await store.putResource(resource({ grainOrigins: origins }));
      assert.deepEqual((await store.getResource(resource().id))?.grainOrigins, origins);
      await store.putResource(resource({ grainOrigins: [origins[1]!] }));
      assert.deepEqual((await store.listResources({ ids: [resource().id] }))[0]?.grainOrigins, [origins[1]]);
      await store.putResource(resource({ grainOrigins: [] }));
      assert.deepEqual((await store.getResource(resource().id))?.grainOrigins, []);
    }));
}
