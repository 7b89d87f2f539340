// The demo's example publishers (createDemoProvider) under `opengar conformance`, every hand-off at once: a token
// resource, the CAS resource, the SAML service provider (Quiz sciences, node-saml) and the LTI tool (Cartothèque,
// jose), each told to trust the temporary issuer: every hostile hand-off is refused, every control accepted.
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, describe, test } from 'node:test';
import { getRequestListener } from '@hono/node-server';
import { demoCatalogue } from '@opengar/server/demo';
import { startConformanceIssuer } from '../../../packages/server/src/conformance/conformance-issuer.js';
import { formatConformanceReport, runConformance } from '../../../packages/server/src/conformance/run-conformance.js';
import { createDemoProvider } from '../src/create-demo-provider.js';

describe('the demo publishers under opengar conformance (token, CAS, SAML, LTI)', () => {
  const closers: (() => Promise<void>)[] = [];
  after(async () => {
    for (const close of closers) await close();
  });

  test('refuse every hostile hand-off and accept the valid ones', async () => {
    const issuer = await startConformanceIssuer({ alg: 'ES256', host: '127.0.0.1', port: 0 });
    closers.push(() => issuer.close());
    let handler: ((req: Request) => Response | Promise<Response>) | undefined;
    const server: Server = createServer(getRequestListener((req) => handler!(req)));
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
    closers.push(
      () =>
        new Promise((r) => {
          server.closeAllConnections();
          server.close(() => r());
        }),
    );
    const baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const app = createDemoProvider({ issuer: issuer.url, baseUrl });
    handler = (req) => app.fetch(req);
    const { resources } = demoCatalogue({ providerBaseUrl: baseUrl });
    const token = resources.find((r) => r.protocol === 'jwt' && r.signingAlg === 'ES256')!;
    const cas = resources.find((r) => r.protocol === 'cas')!;
    const saml = resources.find((r) => r.protocol === 'saml')!.saml!;
    const lti = resources.find((r) => r.protocol === 'lti')!.lti!;
    const report = await runConformance({
      publisherUrl: token.accessUrl,
      audience: token.id,
      casService: cas.accessUrl,
      saml: { acs: saml.acsUrls[0]!, entityId: saml.entityId },
      lti: {
        loginUrl: lti.loginUrl,
        clientId: lti.clientId,
        redirectUri: lti.redirectUris[0]!,
        deploymentId: lti.deploymentIds[0]!,
      },
      issuer,
    });
    const text = formatConformanceReport(report);
    assert.deepEqual(report.accepted, [], text);
    assert.equal(report.conclusive, true, text);
    assert.equal(report.cases.length, 38);
    assert.match(text, /^OK: the publisher refused all 34 hostile hand-offs and accepted the valid ones\.$/m);
  });
});
