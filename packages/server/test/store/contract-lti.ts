import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { StoredPin } from '../../src/store/types-classroom.js';
import type { ContractContext } from './contract.js';
import { COLLEGE, ENT_ID, RESOURCE, resource } from './fixtures.js';

export function ltiContract({ withStore }: ContractContext): void {
  test('an LTI tool registration round-trips, changes and goes', () =>
    withStore(async (store) => {
      const lti = {
        clientId: 'opengar-outil',
        loginUrl: 'https://outil.example/lti/login',
        redirectUris: ['https://outil.example/lti', 'https://outil.example/lti/dl'],
        jwksUrl: 'https://outil.example/lti/keys',
        deploymentIds: ['d1', 'd2'],
        deepLinkingUrl: 'https://outil.example/lti/dl',
      };
      await store.putResource(resource({ protocol: 'lti', lti }));
      const read = await store.getResource(resource().id);
      assert.equal(read?.protocol, 'lti');
      assert.deepEqual(read?.lti, lti);
      const inline = { ...lti, jwksUrl: undefined, jwks: { keys: [{ kty: 'RSA', kid: 'k1', n: 'AQAB', e: 'AQAB' }] } };
      delete inline.jwksUrl;
      await store.putResource(resource({ protocol: 'lti', lti: inline }));
      assert.deepEqual((await store.listResources({ ids: [resource().id] }))[0]?.lti, inline);
      await store.putResource(resource({ protocol: 'jwt' }));
      assert.equal((await store.getResource(resource().id))?.lti, undefined);
    }));

  test('a pin keeps the page (grain) chosen with the tool’s picker', () =>
    withStore(async (store) => {
      const pin: StoredPin = {
        id: 'p-grain',
        entId: ENT_ID,
        uai: COLLEGE,
        teacherId: 'ens-1',
        resourceId: RESOURCE,
        groupCodes: ['6A'],
        grain: 'https://outil.example/lti?page=fractions',
        grainTitle: 'Les fractions « en images »',
        until: '2027-01-31',
        untilAt: '2027-01-31T22:59:59.000Z',
        createdAt: '2026-10-01T08:00:00.000Z',
      };
      await store.putPin(pin);
      assert.deepEqual(await store.getPin('p-grain'), pin);
      const { grain: _, grainTitle: __, ...plain } = pin;
      await store.putPin(plain);
      assert.equal((await store.getPin('p-grain'))?.grain, undefined);
      assert.equal((await store.getPin('p-grain'))?.grainTitle, undefined);
    }));
}
