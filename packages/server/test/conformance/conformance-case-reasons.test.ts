// Each hostile case fails for its own reason, not by accident: every SAML response is read by node-saml and every LTI
// id_token by jose, directly, and the error names what the case is about (a broken signature where only a claim was
// meant to be wrong would make the case prove nothing).
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { SAML, ValidateInResponseTo } from '@node-saml/node-saml';
import { createLocalJWKSet, jwtVerify } from 'jose';
import { startConformanceIssuer, type ConformanceIssuer } from '../../src/conformance/conformance-issuer.js';
import { HOSTILE_LTI_CASES, ltiIdToken } from '../../src/conformance/conformance-lti.js';
import { HOSTILE_SAML_CASES, hostileSamlResponse } from '../../src/conformance/conformance-saml.js';
import { rsaIdentity } from '../handoff/saml/saml-fixtures.js';
import { metadataCertificates } from './fixtures/saml-sp.js';

const SP = { acs: 'https://sp.example/acs', entityId: 'https://sp.example/metadata' };
const LTI_TOOL = {
  loginUrl: 'https://tool.example/login',
  clientId: 'tool',
  redirectUri: 'https://tool.example/launch',
  deploymentId: 'd1',
};

describe('each hostile case fails for its own reason', () => {
  let issuer: ConformanceIssuer;
  before(async () => {
    issuer = await startConformanceIssuer({ alg: 'ES256', host: '127.0.0.1', port: 0 });
  });
  after(() => issuer.close());

  for (const encrypted of [false, true])
    it(`SAML${encrypted ? ', assertions encrypted to the SP' : ''}: node-saml names the reason of each response it refuses`, async () => {
      const key = rsaIdentity('sp.example');
      const target = encrypted ? { ...SP, encryptTo: key.certPem } : SP;
      const sp = new SAML({
        ...(encrypted ? { decryptionPvk: key.keyPem } : {}),
        idpCert: await metadataCertificates(`${issuer.url}/saml/metadata`),
        issuer: SP.entityId,
        callbackUrl: SP.acs,
        audience: SP.entityId,
        wantAssertionsSigned: true,
        wantAuthnResponseSigned: true,
        validateInResponseTo: ValidateInResponseTo.never,
      });
      const reasons: Record<string, string> = {};
      for (const id of HOSTILE_SAML_CASES) {
        const SAMLResponse = await hostileSamlResponse(id, issuer, target, new Date());
        assert.equal(
          Buffer.from(SAMLResponse, 'base64').toString().includes('<saml:EncryptedAssertion'),
          encrypted,
          id,
        );
        reasons[id] = await sp.validatePostResponseAsync({ SAMLResponse }).then(
          () => 'accepted',
          (e: Error) => e.message,
        );
      }
      assert.deepEqual(reasons, {
        'saml-expired': 'SAML assertion expired: clocks skewed too much',
        'saml-not-yet-valid': 'SAML assertion not yet valid',
        'saml-wrong-audience': `SAML assertion audience mismatch. Expected: ${SP.entityId} Received: https://not-your-sp.invalid/saml`,
        // node-saml reads neither: the SP must (see fixtures/saml-sp.ts, strict).
        'saml-wrong-recipient': 'accepted',
        'saml-wrong-issuer': 'accepted',
        'saml-unsigned': 'Invalid document signature',
        'saml-unknown-key': 'Invalid document signature',
        'saml-wrapped': 'Invalid document signature',
        'saml-tampered': 'Invalid document signature',
      });
      // The unknown key's response is a genuine signature (of a key the SP was not given), not a broken one.
      const [unknownCert] = await issuer.saml.unknown.certificates();
      const trustingTheUnknown = new SAML({
        ...sp.options,
        idpCert: `-----BEGIN CERTIFICATE-----\n${unknownCert}\n-----END CERTIFICATE-----`,
      });
      const SAMLResponse = await hostileSamlResponse('saml-unknown-key', issuer, SP, new Date());
      assert.ok((await trustingTheUnknown.validatePostResponseAsync({ SAMLResponse })).profile?.nameID);
    });

  it('LTI: jose names the reason of each id_token it refuses', async () => {
    const jwks = createLocalJWKSet(await (await fetch(`${issuer.url}/.well-known/jwks.json`)).json());
    const reasons: Record<string, string> = {};
    for (const id of HOSTILE_LTI_CASES) {
      if (id === 'lti-state-mismatch') continue;
      const token = await ltiIdToken(id, issuer, LTI_TOOL, 'n', new Date());
      reasons[id] = await jwtVerify(token, jwks, { issuer: issuer.url, audience: 'tool', algorithms: ['RS256'] }).then(
        ({ payload }) => `accepted ${payload.azp === 'tool' ? '' : payload.azp}`,
        (e: Error & { code?: string; claim?: string }) => `${e.code}${e.claim ? ` ${e.claim}` : ''}`,
      );
    }
    assert.deepEqual(reasons, {
      'lti-wrong-audience': 'ERR_JWT_CLAIM_VALIDATION_FAILED aud',
      // Validly signed, for this tool among others: only an azp check refuses it.
      'lti-wrong-azp': 'accepted another-client-id',
      'lti-wrong-issuer': 'ERR_JWT_CLAIM_VALIDATION_FAILED iss',
      'lti-expired': 'ERR_JWT_EXPIRED exp',
      'lti-unknown-key': 'ERR_JWKS_NO_MATCHING_KEY',
      'lti-alg-none': 'ERR_JOSE_ALG_NOT_ALLOWED',
      // Validly signed: only the tool's LTI checks refuse them.
      'lti-no-message-type': 'accepted ',
      'lti-no-version': 'accepted ',
      'lti-no-deployment-id': 'accepted ',
      'lti-tampered': 'ERR_JWS_SIGNATURE_VERIFICATION_FAILED',
    });
  });
});
