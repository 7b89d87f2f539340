import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { ContractContext } from './contract.js';
import { resource } from './fixtures.js';

const CERT = '-----BEGIN CERTIFICATE-----\nMIIBszCCAVmgAwIBAgIUQ2FmZQ==\n-----END CERTIFICATE-----';

export function samlContract({ withStore }: ContractContext): void {
  test('a resource’s SAML service provider round-trips, changes and goes away', () =>
    withStore(async (store) => {
      const saml = {
        entityId: 'https://sp.editions-armor.example/saml',
        acsUrls: ['https://sp.editions-armor.example/saml/acs', 'http://127.0.0.1:4100/saml/acs'],
        signingCertificates: [CERT],
        encryptionCertificate: CERT,
        encryptAssertions: true,
        requireSignedAuthnRequests: true,
      };
      await store.putResource(resource({ protocol: 'saml', saml }));
      const read = await store.getResource(resource().id);
      assert.equal(read?.protocol, 'saml');
      assert.deepEqual(read?.saml, saml);
      const changed = { ...saml, acsUrls: [saml.acsUrls[0]!], encryptAssertions: false };
      await store.putResource(resource({ protocol: 'saml', saml: changed }));
      assert.deepEqual((await store.listResources({ ids: [resource().id] }))[0]?.saml, changed);
      const other = resource({
        id: 'ark:/9/other',
        protocol: 'saml',
        saml: { ...saml, entityId: 'https://other.example/sp' },
      });
      await store.putResource(other);
      const found = await store.listResources({ samlEntityId: saml.entityId });
      assert.deepEqual(
        found.map((r) => r.id),
        [resource().id],
      );
      assert.deepEqual(await store.listResources({ samlEntityId: 'https://nobody.example/sp' }), []);
      await store.putResource(resource({ protocol: 'jwt' }));
      assert.deepEqual(await store.listResources({ samlEntityId: saml.entityId }), []);
      const back = await store.getResource(resource().id);
      assert.equal(back?.protocol, 'jwt');
      assert.equal(back?.saml, undefined);
    }));
}
