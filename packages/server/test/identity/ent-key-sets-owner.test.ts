// Whose key set could not be fetched: the ENT's by default, the LTI platform's (Moodle) or tool's when those key sets
// say so (found as an outsider: a Moodle whose key set hung answered « the ENT’s key set could not be fetched »).
import assert from 'node:assert/strict';
import { it } from 'node:test';
import { generateKeyPair, jwtVerify, SignJWT } from 'jose';
import { GarServiceError } from '../../src/index.js';
import { createEntKeySets } from '../../src/identity/ent-key-sets.js';
import { TestClock } from '../helpers/clock.js';

const down = async () => new Response('no', { status: 500 });

async function detail(owner?: string): Promise<string> {
  const keySets = createEntKeySets({ clock: new TestClock(), fetch: down, ...(owner ? { owner } : {}) });
  const { privateKey } = await generateKeyPair('RS256');
  const token = await new SignJWT({}).setProtectedHeader({ alg: 'RS256', kid: 'k' }).sign(privateKey);
  const resolver = keySets.resolverFor({
    id: 'lti:moodle',
    name: 'Moodle',
    jwksUri: 'https://moodle.example/certs.php',
    origins: [],
    clientCertFingerprints: [],
  } as unknown as Parameters<typeof keySets.resolverFor>[0]);
  const err = await jwtVerify(token, resolver).then(
    () => assert.fail('verified without keys'),
    (e: unknown) => e,
  );
  assert.ok(err instanceof GarServiceError && err.code === 'unavailable', String(err));
  return err.message;
}

it('the unavailable error names whose key set it is', async () => {
  assert.equal(await detail(), 'the ENT’s key set could not be fetched');
  assert.equal(await detail('the LTI platform’s'), 'the LTI platform’s key set could not be fetched');
});
