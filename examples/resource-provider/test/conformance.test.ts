// The example resource provider under `opengar conformance`, run as a publisher would run it (the CLI, from
// source): every hostile hand-off is refused, the valid one accepted, exit code 0.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { after, describe, test } from 'node:test';
import { getRequestListener } from '@hono/node-server';
import { createResourceProvider } from '../src/index.js';

const CLI = fileURLToPath(new URL('../../../packages/server/src/cli/main.ts', import.meta.url));
const AUDIENCE = 'ark:/67890/dico';

function listen(server: Server, port = 0): Promise<number> {
  return new Promise((r) => server.listen(port, '127.0.0.1', () => r((server.address() as AddressInfo).port)));
}

function runCli(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', '--conditions=opengar-source', CLI, ...args], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
  child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
  return new Promise((r) => child.on('close', (code) => r({ code, stdout, stderr })));
}

describe('example resource provider under opengar conformance', () => {
  const servers: Server[] = [];
  after(async () => {
    for (const s of servers) {
      s.closeAllConnections();
      await new Promise((r) => s.close(r));
    }
  });

  test('refuses every hostile hand-off and accepts the valid one', async () => {
    // The port the CLI's temporary issuer will listen on, so the provider can be told to trust it.
    const probe = createServer();
    const issuerPort = await listen(probe);
    await new Promise((r) => probe.close(r));
    const issuer = `http://127.0.0.1:${issuerPort}`;
    const provider = createResourceProvider({ issuer, audience: AUDIENCE, jwksUri: `${issuer}/.well-known/jwks.json` });
    const server = createServer(getRequestListener(provider.fetch));
    servers.push(server);
    const port = await listen(server);
    const run = await runCli([
      'conformance',
      `http://127.0.0.1:${port}/launch`,
      '--audience',
      AUDIENCE,
      '--listen',
      `127.0.0.1:${issuerPort}`,
    ]);
    assert.equal(run.code, 0, `${run.stdout}\n${run.stderr}`);
    assert.match(run.stdout, /^PASS {2}control\s+a valid token: accepted \(HTTP 200\)$/m);
    for (const id of [
      'replayed',
      'expired',
      'not-yet-valid',
      'wrong-audience',
      'wrong-issuer',
      'wrong-typ',
      'unknown-key',
      'tampered-claims',
      'alg-none',
    ])
      assert.match(run.stdout, new RegExp(`^PASS  ${id}\\s+.*: refused \\(HTTP 401\\)$`, 'm'), id);
    assert.match(run.stdout, /^OK: the publisher refused all 9 hostile hand-offs and accepted the valid ones\.$/m);
  });
});
