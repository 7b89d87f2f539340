// A simulated Moodle (LTI 1.3 platform) for the tool's tests: its RSA key, its login initiation and id_tokens,
// and the checks a platform makes of a Deep Linking response (LTI Deep Linking 2.0 §4.2).
import assert from 'node:assert/strict';
import { createLocalJWKSet, exportJWK, generateKeyPair, jwtVerify, SignJWT, type CryptoKey, type JWK } from 'jose';
import type { LtiPlatform } from '@opengar/core';
import { ISSUER } from '../../helpers/fixtures.js';
import type { HandoffWorld } from '../../helpers/world.js';

export const MOODLE = 'https://moodle.test';
export const CLIENT_ID = 'opengar-client-1';
export const DEPLOYMENT = '1';
export const RETURN_URL = `${MOODLE}/mod/lti/contentitem_return.php?course=2`;
const DL = 'https://purl.imsglobal.org/spec/lti-dl/claim/';
const LTI = 'https://purl.imsglobal.org/spec/lti/claim/';

export interface MoodleKeys {
  privateKey: CryptoKey;
  publicJwk: JWK;
}

export async function moodleKeys(kid = 'moodle-1'): Promise<MoodleKeys> {
  const { privateKey, publicKey } = await generateKeyPair('RS256');
  return { privateKey, publicJwk: { ...(await exportJWK(publicKey)), kid, alg: 'RS256', use: 'sig' } };
}

export function platform(keys: MoodleKeys, over: Partial<LtiPlatform> = {}): LtiPlatform {
  return {
    id: 'moodle-test',
    name: 'Moodle de test',
    issuer: MOODLE,
    clientIds: [CLIENT_ID],
    authEndpoint: `${MOODLE}/mod/lti/auth.php`,
    jwks: { keys: [keys.publicJwk as { kty: string; kid?: string }] },
    deploymentIds: [DEPLOYMENT],
    entIds: ['ENTA'],
    ...over,
  };
}

/** Third-party login initiation as Moodle sends it (GET); the state, nonce and binding cookie the tool answered. */
export async function login(
  w: HandoffWorld,
  over: Record<string, string> = {},
  cookie?: string,
): Promise<{ res: Response; state: string; nonce: string; cookie: string; target: URL }> {
  const q = new URLSearchParams({
    iss: MOODLE,
    login_hint: '2',
    target_link_uri: `${ISSUER}/lti/tool/launch`,
    lti_message_hint: '{"cmid":3}',
    client_id: CLIENT_ID,
    lti_deployment_id: DEPLOYMENT,
    ...over,
  });
  const res = await w.app.request(`/lti/tool/login?${q}`, cookie ? { headers: { cookie } } : {});
  assert.equal(res.status, 302, await res.clone().text());
  const target = new URL(res.headers.get('location')!);
  const set = res.headers.get('set-cookie') ?? '';
  const m = /opengar_lti_bind=([^;]+)/.exec(set);
  assert.ok(m, 'a binding cookie');
  assert.match(set, /HttpOnly/);
  assert.match(set, /SameSite=None/);
  assert.match(set, /Partitioned/);
  return {
    res,
    state: target.searchParams.get('state')!,
    nonce: target.searchParams.get('nonce')!,
    cookie: `opengar_lti_bind=${m[1]}`,
    target,
  };
}

export interface IdTokenOptions {
  keys: MoodleKeys;
  nonce: string;
  now: Date;
  messageType?: string;
  claims?: Record<string, unknown>;
  aud?: string | string[];
  iss?: string;
  lifetime?: number;
  kid?: string;
}

/** An id_token as Moodle signs it (a teacher in course 2). */
export async function idToken(o: IdTokenOptions): Promise<string> {
  const iat = Math.floor(o.now.getTime() / 1000);
  const type = o.messageType ?? 'LtiDeepLinkingRequest';
  const dl =
    type === 'LtiDeepLinkingRequest'
      ? {
          [`${DL}deep_linking_settings`]: {
            deep_link_return_url: RETURN_URL,
            accept_types: ['ltiResourceLink'],
            accept_presentation_document_targets: ['frame', 'iframe', 'window'],
            accept_multiple: true,
            auto_create: false,
            data: 'moodle-opaque-data-42',
          },
        }
      : { [`${LTI}resource_link`]: { id: '17', title: 'Dictionnaire' } };
  return new SignJWT({
    nonce: o.nonce,
    [`${LTI}message_type`]: type,
    [`${LTI}version`]: '1.3.0',
    [`${LTI}deployment_id`]: DEPLOYMENT,
    [`${LTI}target_link_uri`]: `${ISSUER}/lti/tool/launch`,
    [`${LTI}roles`]: ['http://purl.imsglobal.org/vocab/lis/v2/membership#Instructor'],
    [`${LTI}context`]: { id: '2', label: 'MATHS', title: 'Mathématiques' },
    name: 'Paul Martin',
    ...dl,
    ...o.claims,
  })
    .setProtectedHeader({ alg: 'RS256', typ: 'JWT', kid: o.kid ?? (o.keys.publicJwk.kid as string) })
    .setIssuer(o.iss ?? MOODLE)
    .setSubject('2')
    .setAudience(o.aud ?? CLIENT_ID)
    .setIssuedAt(iat)
    .setExpirationTime(iat + (o.lifetime ?? 60))
    .sign(o.keys.privateKey);
}

export function post(fields: Record<string, string>, cookie?: string, extra: Record<string, string> = {}): RequestInit {
  return {
    method: 'POST',
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      ...(cookie ? { cookie } : {}),
      ...extra,
    },
    body: new URLSearchParams(fields).toString(),
  };
}

const unescapeHtml = (s: string) =>
  s
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');

/** A hidden field of a page. */
export function hidden(html: string, name: string): string {
  const m = new RegExp(`<input type="hidden" name="${name}" value="([^"]*)">`).exec(html);
  assert.ok(m, `a hidden ${name}`);
  return unescapeHtml(m[1]!);
}

/** The resources a picker page offers (radio values). */
export function offered(html: string): string[] {
  return [...html.matchAll(/<input type="radio" name="resource" id="r\d+" value="([^"]*)"/g)].map((m) =>
    unescapeHtml(m[1]!),
  );
}

/**
 * What Moodle does with a Deep Linking response: verifies it with the tool's public keys (`/.well-known/jwks.json`),
 * `iss` = the client id, `aud` = the platform, `exp`/`iat`, a nonce, the message type, version and deployment, and
 * reads the content items.
 */
export async function platformReads(w: HandoffWorld, html: string, now: Date) {
  const action = /<form id="lti-return" method="post" action="([^"]+)">/.exec(html);
  assert.ok(action, 'an auto-posting form');
  assert.equal(unescapeHtml(action[1]!), RETURN_URL);
  const jwt = hidden(html, 'JWT');
  const jwks = await (await w.app.request('/.well-known/jwks.json')).json();
  const { payload, protectedHeader } = await jwtVerify(jwt, createLocalJWKSet(jwks as { keys: JWK[] }), {
    issuer: CLIENT_ID,
    audience: MOODLE,
    algorithms: ['RS256'],
    currentDate: now,
    requiredClaims: ['exp', 'iat', 'nonce'],
  });
  assert.equal(protectedHeader.alg, 'RS256');
  assert.ok(protectedHeader.kid);
  assert.equal(payload[`${LTI}message_type`], 'LtiDeepLinkingResponse');
  assert.equal(payload[`${LTI}version`], '1.3.0');
  assert.equal(payload[`${LTI}deployment_id`], DEPLOYMENT);
  assert.equal(payload[`${DL}data`], 'moodle-opaque-data-42');
  assert.ok(typeof payload.nonce === 'string' && payload.nonce.length >= 16);
  assert.ok((payload.exp as number) - (payload.iat as number) <= 600);
  const items = payload[`${DL}content_items`] as Record<string, unknown>[];
  assert.ok(Array.isArray(items) && items.length === 1);
  const item = items[0]!;
  assert.equal(item.type, 'ltiResourceLink');
  assert.equal(typeof item.title, 'string');
  assert.equal(item.url, `${ISSUER}/lti/tool/launch`);
  return { payload, item: item as { title: string; url: string; custom: Record<string, string> } };
}

/** Verifies a Deep Linking response as the platform does, with opengar's published keys; its payload. */
export async function verifyDeepLinkJwt(w: HandoffWorld, jwt: string, now: Date) {
  const jwks = (await (await w.app.request('/.well-known/jwks.json')).json()) as { keys: JWK[] };
  const { payload } = await jwtVerify(jwt, createLocalJWKSet(jwks), {
    issuer: CLIENT_ID,
    audience: MOODLE,
    algorithms: ['RS256'],
    currentDate: now,
    requiredClaims: ['exp', 'iat', 'nonce'],
  });
  return payload;
}
