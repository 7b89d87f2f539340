// The README's "Verifying without our package" recipes, executed as written (only the three constants are set to this
// test's issuer, JWKS URL and audience): jose, and jsonwebtoken + jwks-rsa, against tokens signed the way the service
// signs them, served from a loopback JWKS. Their caveats are shown too: jsonwebtoken cannot do EdDSA and never checks
// typ; nbf == iat with zero clock tolerance refuses a fresh token from a clock one second ahead.
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { after, before, describe, test } from 'node:test';
import jwt from 'jsonwebtoken';
import ts from 'typescript';
import { keys, publicPem } from './fixtures/keys.js';
import { startJwksServer, type JwksServer } from './fixtures/jwks-server.js';
import { AUDIENCE, IDO, ISSUER, makeToken } from './fixtures/tokens.js';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const README = readFileSync(join(ROOT, 'README.md'), 'utf8');
// Under the package's node_modules, so the recipes import jose, jsonwebtoken and jwks-rsa as a publisher would.
const DIR = join(ROOT, 'node_modules', '.cache', `opengar-readme-recipes-${process.pid}`);

/** The ```ts block that follows `<!-- recipe: name -->` in the README. */
function recipe(name: string): string {
  const m = new RegExp(`<!-- recipe: ${name} -->\\n\`\`\`ts\\n([\\s\\S]*?)\\n\`\`\``).exec(README);
  assert.ok(m, `the README has the ${name} recipe`);
  return m[1]!;
}

type Verify = (token: string) => Promise<Record<string, unknown>>;
let counter = 0;

/** Writes the recipe with its constants set (and optional edits), imports it, and returns its verifyGarToken. */
async function load(name: string, jwksUri: string, edits: [string | RegExp, string][] = []): Promise<Verify> {
  let source = recipe(name)
    .replace(/const GAR_ISSUER = '[^']*';/, `const GAR_ISSUER = '${ISSUER}';`)
    .replace(/const GAR_JWKS_URI = '[^']*';/, `const GAR_JWKS_URI = '${jwksUri}';`)
    .replace(/const RESOURCE_ID = '[^']*';/, `const RESOURCE_ID = '${AUDIENCE}';`);
  for (const [from, to] of edits) {
    const before = source;
    source = source.replace(from, to);
    assert.notEqual(source, before, `the edit ${String(from)} applies`);
  }
  const file = join(DIR, `${name}-${++counter}.ts`);
  writeFileSync(file, source);
  return ((await import(pathToFileURL(file).href)) as { verifyGarToken: Verify }).verifyGarToken;
}

const nowS = () => Math.floor(Date.now() / 1000);
/** A token as the service signs it, fresh by the real clock; `shift` moves iat, nbf and exp (an issuer clock ahead). */
function token(
  alg: 'ES256' | 'RS256' | 'EdDSA',
  o: { shift?: number; claims?: Record<string, unknown>; header?: Record<string, unknown> } = {},
) {
  const t = nowS() + (o.shift ?? 0);
  return makeToken(keys[alg], {
    claims: { iat: t, nbf: t, exp: t + 60, ...o.claims },
    ...(o.header ? { header: o.header } : {}),
  });
}

describe('README recipes: verifying without our package', () => {
  let jwks: JwksServer;
  before(async () => {
    mkdirSync(DIR, { recursive: true });
    jwks = await startJwksServer([keys.ES256.publicJwk, keys.RS256.publicJwk, keys.EdDSA.publicJwk]);
  });
  after(async () => {
    await jwks.close();
    rmSync(DIR, { recursive: true, force: true });
  });

  for (const name of ['jose', 'jsonwebtoken']) {
    test(`${name}: accepts a fresh token once, and refuses the hostile ones`, async () => {
      const verify = await load(name, jwks.url);
      const good = token('ES256');
      assert.equal((await verify(good)).IDO, IDO);
      await assert.rejects(verify(good), /already used/, 'replayed');
      await assert.rejects(verify(token('ES256', { header: { typ: 'JWT' } })), 'typ JWT');
      await assert.rejects(verify(token('ES256', { claims: { aud: 'ark:/1/other' } })), 'another audience');
      await assert.rejects(verify(token('ES256', { claims: { iss: 'https://evil.test' } })), 'another issuer');
      await assert.rejects(verify(token('ES256', { shift: -600 })), 'expired');
      await assert.rejects(verify(token('ES256', { claims: { exp: nowS() + 300 } })), /120 s/, 'lives too long');
      await assert.rejects(verify(token('ES256', { claims: { IDO: 'f'.repeat(128) } })), /IDO/, 'IDO differs from sub');
      await assert.rejects(verify(token('RS256')), 'an algorithm the resource is not registered with');
      const [h, , s] = token('ES256').split('.');
      const tampered = Buffer.from(JSON.stringify({ iss: ISSUER, aud: AUDIENCE, sub: IDO, IDO, PRO: 'National_ens' }));
      await assert.rejects(verify(`${h}.${tampered.toString('base64url')}.${s}`), 'tampered claims');
    });

    test(`${name}: tolerates an issuer clock 2 s ahead (nbf == iat), and refuses it with zero tolerance`, async () => {
      assert.ok(await load(name, jwks.url).then((v) => v(token('ES256', { shift: 2 }))));
      const strict = await load(name, jwks.url, [['clockTolerance: 5', 'clockTolerance: 0']]);
      await assert.rejects(strict(token('ES256', { shift: 2 })), /nbf|not active/);
    });
  }

  test('jose: the same recipe does RS256 and EdDSA with its algorithms line changed', async () => {
    for (const alg of ['RS256', 'EdDSA'] as const) {
      const verify = await load('jose', jwks.url, [["algorithms: ['ES256']", `algorithms: ['${alg}']`]]);
      assert.equal((await verify(token(alg))).IDO, IDO);
    }
  });

  test('jsonwebtoken: RS256 works; EdDSA cannot be verified at all', async () => {
    const verify = await load('jsonwebtoken', jwks.url, [["algorithms: ['ES256']", "algorithms: ['RS256']"]]);
    assert.equal((await verify(token('RS256'))).IDO, IDO);
    const eddsa = token('EdDSA');
    assert.throws(
      () => jwt.verify(eddsa, publicPem(keys.EdDSA), { algorithms: ['EdDSA' as jwt.Algorithm] }),
      /Unknown key type "ed25519"/,
    );
    const recipe = await load('jsonwebtoken', jwks.url, [
      ["algorithms: ['ES256']", "algorithms: ['EdDSA' as jwt.Algorithm]"],
    ]);
    await assert.rejects(recipe(eddsa), 'not even through the recipe');
  });

  test('jsonwebtoken: never checks typ (the recipe’s own check is what refuses it)', async () => {
    const notGar = token('ES256', { header: { typ: 'JWT' } });
    const payload = jwt.verify(notGar, publicPem(keys.ES256), {
      issuer: ISSUER,
      audience: AUDIENCE,
      algorithms: ['ES256'],
    }) as jwt.JwtPayload;
    assert.equal(payload.IDO, IDO, 'jwt.verify alone accepts a token whose typ is not gar+jwt');
    const verify = await load('jsonwebtoken', jwks.url);
    await assert.rejects(verify(notGar), /not a gar\+jwt token/);
  });
  // Last: it takes a few seconds, and the loopback JWKS server's idle keep-alive sockets would time out meanwhile.
  test('both recipes type-check as a TypeScript publisher compiles them (strict, nodenext)', () => {
    const files = ['jose', 'jsonwebtoken'].map((name) => {
      const file = join(DIR, `typecheck-${name}.ts`);
      writeFileSync(file, recipe(name));
      return file;
    });
    const program = ts.createProgram(files, {
      strict: true,
      noEmit: true,
      target: ts.ScriptTarget.ES2022,
      module: ts.ModuleKind.NodeNext,
      moduleResolution: ts.ModuleResolutionKind.NodeNext,
      esModuleInterop: true,
      skipLibCheck: true,
      types: ['node'],
    });
    const errors = ts
      .getPreEmitDiagnostics(program)
      .map((d) => `${d.file?.fileName ?? ''}: ${ts.flattenDiagnosticMessageText(d.messageText, '\n')}`);
    assert.deepEqual(errors, []);
  });
});
