// The operator registers a resource's SAML service provider from its metadata XML through the SDK, against the
// reference service in process; bad metadata comes back as typed errors.
import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { GarApiError, createGarClient } from '@opengar/sdk';
import { createGarService, createHttpApp, createMemoryStore, silentLogger } from '@opengar/server';
import { DEMO_CREDENTIALS, demoResourceId, seedDemo } from '@opengar/server/demo';

const ISSUER = 'http://opengar.test';
const CERT = 'MIIBszCCAVmgAwIBAgIUQ2FmZQ==';
const metadata = (extra = '') => `<?xml version="1.0"?>
<md:EntityDescriptor xmlns:md="urn:oasis:names:tc:SAML:2.0:metadata" xmlns:ds="http://www.w3.org/2000/09/xmldsig#" entityID="https://sp.exo.example/saml">
  <md:SPSSODescriptor AuthnRequestsSigned="true" protocolSupportEnumeration="urn:oasis:names:tc:SAML:2.0:protocol">
    <md:KeyDescriptor use="signing"><ds:KeyInfo><ds:X509Data><ds:X509Certificate>${CERT}</ds:X509Certificate></ds:X509Data></ds:KeyInfo></md:KeyDescriptor>
    <md:KeyDescriptor use="encryption"><ds:KeyInfo><ds:X509Data><ds:X509Certificate>${CERT}</ds:X509Certificate></ds:X509Data></ds:KeyInfo></md:KeyDescriptor>
    <md:AssertionConsumerService Binding="urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Artifact" Location="https://sp.exo.example/artifact" index="0"/>
    <md:AssertionConsumerService Binding="urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST" Location="https://sp.exo.example/acs-2" index="2"/>
    <md:AssertionConsumerService Binding="urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST" Location="https://sp.exo.example/acs" index="1" isDefault="true"/>
    ${extra}
  </md:SPSSODescriptor>
</md:EntityDescriptor>`;

let client: ReturnType<typeof createGarClient>;
before(async () => {
  const store = createMemoryStore();
  await seedDemo(store);
  const service = createGarService({ store, issuer: ISSUER, logger: silentLogger });
  const app = createHttpApp(service);
  client = createGarClient({
    baseUrl: ISSUER,
    token: DEMO_CREDENTIALS.operatorSecret,
    fetch: (req: Request) => app.fetch(req),
    retry: 0,
  });
});

describe('client.admin.resources.importSamlMetadata', () => {
  const id = demoResourceId('exos-maths-college');

  it('registers the SP of a resource from its metadata', async () => {
    const r = await client.admin.resources.importSamlMetadata(id, metadata());
    assert.equal(r.protocol, 'saml');
    assert.equal(r.saml?.entityId, 'https://sp.exo.example/saml');
    assert.deepEqual(r.saml?.acsUrls, ['https://sp.exo.example/acs', 'https://sp.exo.example/acs-2']);
    assert.equal(r.saml?.signingCertificates.length, 1);
    assert.match(r.saml?.encryptionCertificate ?? '', /^-----BEGIN CERTIFICATE-----\nMIIB/);
    assert.equal(r.saml?.encryptAssertions, true);
    assert.equal(r.saml?.requireSignedAuthnRequests, true);
    const read = await client.admin.resources.get(id);
    assert.deepEqual(read.saml, r.saml);
    const plain = await client.admin.resources.importSamlMetadata(id, metadata(), { encryptAssertions: false });
    assert.equal(plain.saml?.encryptAssertions, false);
  });

  it('reads the HTTP-POST SingleLogoutService (its ResponseLocation first), else the HTTP-Redirect one, as the single logout URL', async () => {
    const slo =
      '<md:SingleLogoutService Binding="urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect" Location="https://sp.exo.example/slo-redirect"/>' +
      '<md:SingleLogoutService Binding="urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST" Location="https://sp.exo.example/slo" ' +
      'ResponseLocation="https://sp.exo.example/slo/response"/>';
    const r = await client.admin.resources.importSamlMetadata(id, metadata(slo));
    assert.equal(r.saml?.singleLogoutUrl, 'https://sp.exo.example/slo/response');
    assert.equal(r.saml?.singleLogoutBinding, undefined, 'posted');
    // Only an HTTP-Redirect one: the LogoutResponse will be sent by a signed redirect.
    const redirectOnly =
      '<md:SingleLogoutService Binding="urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect" Location="https://sp.exo.example/slo-redirect"/>';
    const r2 = await client.admin.resources.importSamlMetadata(id, metadata(redirectOnly));
    assert.equal(r2.saml?.singleLogoutUrl, 'https://sp.exo.example/slo-redirect');
    assert.equal(r2.saml?.singleLogoutBinding, 'redirect');
    const none = await client.admin.resources.importSamlMetadata(id, metadata());
    assert.equal(none.saml?.singleLogoutUrl, undefined);
    assert.equal(none.saml?.singleLogoutBinding, undefined);
  });

  it('refuses a DTD, garbage, an SP entity id another resource has, an unknown resource', async () => {
    const failure = async (p: Promise<unknown>) => {
      const e = await p.then(
        () => assert.fail('accepted'),
        (err: unknown) => err,
      );
      assert.ok(e instanceof GarApiError);
      return e;
    };
    const dtd = `<!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]>${metadata()}`;
    assert.equal((await failure(client.admin.resources.importSamlMetadata(id, dtd))).code, 'validation');
    assert.equal((await failure(client.admin.resources.importSamlMetadata(id, '<x'))).code, 'validation');
    assert.equal((await failure(client.admin.resources.importSamlMetadata(id, '<a/>'))).code, 'validation');
    const other = demoResourceId('revisions-bac');
    assert.equal((await failure(client.admin.resources.importSamlMetadata(other, metadata()))).code, 'conflict');
    assert.equal(
      (await failure(client.admin.resources.importSamlMetadata('ark:/0/none', metadata()))).code,
      'not-found',
    );
    const huge = metadata(`<!-- ${'x'.repeat(70_000)} -->`);
    assert.equal((await failure(client.admin.resources.importSamlMetadata(id, huge))).status, 413);
  });
});
