// Drives the native-app flow through the service's HTTP app: the app's authorization request, the browser's ENT round
// trip (an ENT assertion posted to /launch/callback), and the app's token and userinfo calls.
import assert from 'node:assert/strict';
import { createHash, randomBytes } from 'node:crypto';
import type { NativeApp } from '@opengar/core';
import { SYSTEM } from '../../helpers/fixtures.js';
import type { HandoffWorld } from '../../helpers/world.js';
import { form } from '../fixtures/http.js';

export const REDIRECT = 'http://127.0.0.1/callback';
export const CLAIMED = 'https://app.maths.test/oauth/callback';

/** A PKCE pair: a random verifier and its S256 challenge. */
export function pkce(): { verifier: string; challenge: string } {
  const verifier = randomBytes(32).toString('base64url');
  return { verifier, challenge: createHash('sha256').update(verifier).digest('base64url') };
}

/** Registers an app through the service (as the system actor). */
export async function registerApp(
  w: HandoffWorld,
  app: Partial<NativeApp> & Pick<NativeApp, 'clientId' | 'resourceId'>,
) {
  return w.service.admin.apps.create(SYSTEM, {
    name: `App ${app.clientId}`,
    redirectUris: [REDIRECT, CLAIMED],
    ...app,
  });
}

export interface FlowOptions {
  clientId: string;
  redirectUri?: string;
  state?: string;
  nonce?: string;
  uai?: string;
  /** Who signs in at the ENT (default ENT A's pupil `eleve-a`). */
  sub?: string;
  /** Extra or replaced authorization parameters. */
  params?: Record<string, string>;
}

/** The authorization request's URL. */
export function authorizeUrl(o: FlowOptions, challenge: string): string {
  const q = new URLSearchParams({
    response_type: 'code',
    client_id: o.clientId,
    redirect_uri: o.redirectUri ?? 'http://127.0.0.1:53123/callback',
    code_challenge: challenge,
    code_challenge_method: 'S256',
    state: o.state ?? 'st-123',
    idp_hint: 'ENTA',
    ...(o.uai === undefined ? {} : { uai: o.uai }),
    ...(o.nonce === undefined ? {} : { nonce: o.nonce }),
    ...o.params,
  });
  return `/oauth/authorize?${q}`;
}

/** The browser's part up to the service's answer to the ENT's callback (authorize → ENT → callback). */
export async function callback(w: HandoffWorld, o: FlowOptions, challenge: string): Promise<Response> {
  const start = await w.app.request(authorizeUrl(o, challenge));
  assert.equal(start.status, 303, await start.clone().text());
  const toEnt = new URL(start.headers.get('location')!);
  assert.equal(toEnt.origin, 'https://ent-a.test', 'to the ENT first');
  const state = toEnt.searchParams.get('state')!;
  const assertion = await w.assertion({ sub: o.sub ?? 'eleve-a' });
  return w.app.request('/launch/callback', form({ assertion, state }));
}

/** Runs the browser's part: authorize → ENT → callback; returns where the browser lands (the app's redirect URI). */
export async function browse(w: HandoffWorld, o: FlowOptions, challenge: string): Promise<URL> {
  const back = await callback(w, o, challenge);
  assert.equal(back.status, 303, await back.clone().text());
  assert.equal(back.headers.get('cache-control'), 'no-store');
  return new URL(back.headers.get('location')!);
}

/** The whole browser part plus a fresh PKCE pair: the code, and the verifier to redeem it. */
export async function codeFor(
  w: HandoffWorld,
  o: FlowOptions,
): Promise<{ code: string; verifier: string; landed: URL }> {
  const { verifier, challenge } = pkce();
  const landed = await browse(w, o, challenge);
  const code = landed.searchParams.get('code');
  assert.ok(code, `a code at ${landed.origin}${landed.pathname} (${landed.searchParams.get('error')})`);
  return { code, verifier, landed };
}

/** `POST /oauth/token` with these fields. */
export function token(w: HandoffWorld, fields: Record<string, string>): Promise<Response> {
  return Promise.resolve(w.app.request('/oauth/token', form(fields)));
}

/** `GET /oauth/userinfo` with a bearer token. */
export function userinfo(w: HandoffWorld, accessToken: string): Promise<Response> {
  return Promise.resolve(w.app.request('/oauth/userinfo', { headers: { authorization: `Bearer ${accessToken}` } }));
}

/** Asserts an RFC 6749 §5.2 error answer. */
export async function assertOAuthError(res: Response, status: number, error: string): Promise<void> {
  assert.equal(res.status, status);
  assert.match(res.headers.get('content-type') ?? '', /^application\/json/);
  assert.equal(res.headers.get('cache-control'), 'no-store');
  const body = (await res.json()) as { error: string; error_description?: string };
  assert.equal(body.error, error, body.error_description);
}
