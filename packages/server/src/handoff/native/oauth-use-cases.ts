import { clientIdSchema, entIdSchema, matchesRedirectUri, safeParse, uaiSchema } from '@opengar/core';
import { createLocalJWKSet, jwtVerify } from 'jose';
import type { ServiceContext } from '../../kernel/context.js';
import { ServiceConfigError } from '../../kernel/service-config-error.js';
import type { LaunchStart } from '../handoff-use-cases.js';
import type { LaunchStatePayload } from '../launch-state.js';
import type { SigningKeySource } from '../signing-key-source.js';
import {
  MAX_OAUTH_NONCE_LENGTH,
  MAX_OAUTH_STATE_LENGTH,
  authorizationRedirect,
  type AuthorizationBinding,
} from './authorization-binding.js';
import { authorizationCodeId, authorizationCodePayloadSchema, isAuthorizationCode } from './authorization-codes.js';
import { oauthFailure, single, type OAuthFailure, type OAuthParams } from './oauth-errors.js';
import { isCodeVerifier, isS256Challenge, s256Challenge, sameText } from './pkce.js';
import { ACCESS_TOKEN_TYP, APP_TOKEN_LIFETIME_S, signAppTokens } from './sign-app-tokens.js';

/**
 * Where an authorization request sends the browser (to its ENT, or back to the app with an `error`), or why it must
 * not be redirected at all: an unknown app or an unregistered redirect URI (RFC 6749 §4.1.2.1).
 */
export type AuthorizationStart =
  | { ok: true; location: string }
  | { ok: false; reason: 'invalid_client' | 'invalid_redirect_uri'; detail: string }
  /** A valid request naming no ENT while several can sign people in: the person chooses (the route's page). */
  | { ok: false; reason: 'choose_ent'; detail: string; ents: { id: string; name: string }[]; resourceName: string };

/** A successful token response (RFC 6749 §5.1, OpenID Connect Core §3.1.3.3). */
export interface TokenResponse {
  access_token: string;
  token_type: 'Bearer';
  expires_in: number;
  id_token: string;
  scope: 'openid';
}

/** The claims released to an app: `sub` = `IDO` and the declared attributes, as the hand-off token has them. */
export type AppClaims = Record<string, string | string[]>;

/** Claims of a token that describe the token, not the person. */
const TOKEN_CLAIMS = new Set(['iss', 'aud', 'iat', 'nbf', 'exp', 'jti', 'client_id', 'azp', 'nonce']);

/** What the native-app flow needs of the rest of the service. */
export interface OAuthDeps {
  signingKeys?: SigningKeySource;
  /** The hand-off's launch start: checks the ENT, school and resource and signs the state of the ENT round trip. */
  startLaunch(bound: LaunchStatePayload): Promise<LaunchStart>;
}

/**
 * OAuth 2.0 for native apps (RFC 8252) with PKCE S256 (RFC 7636), through the same ENT authentication and attribute
 * release as the hand-off: the authorization request, the token endpoint and `userinfo`.
 */
export function oauthUseCases(ctx: ServiceContext, deps: OAuthDeps) {
  const { store, clock, issuer, logger } = ctx;
  const keys = (): SigningKeySource => {
    if (!deps.signingKeys)
      throw new ServiceConfigError('handoff-not-configured', 'this service was made without signingKeys');
    return deps.signingKeys;
  };

  async function authorize(params: OAuthParams): Promise<AuthorizationStart> {
    const clientId = single(params, 'client_id');
    const redirectUri = single(params, 'redirect_uri');
    if (clientId === 'repeated' || !clientId.value || !safeParse(clientIdSchema, clientId.value).ok)
      return { ok: false, reason: 'invalid_client', detail: 'client_id is missing, repeated or malformed' };
    const app = await store.getNativeApp(clientId.value);
    if (!app) return { ok: false, reason: 'invalid_client', detail: 'no app is registered with this client_id' };
    if (redirectUri === 'repeated' || !redirectUri.value || !matchesRedirectUri(app.redirectUris, redirectUri.value))
      return { ok: false, reason: 'invalid_redirect_uri', detail: 'redirect_uri is not one this app registered' };

    // From here on, errors go back to the app, with its state when it is usable.
    const state = single(params, 'state');
    const echo =
      state !== 'repeated' && state.value !== undefined && state.value.length <= MAX_OAUTH_STATE_LENGTH
        ? state.value
        : undefined;
    const back = { redirectUri: redirectUri.value, ...(echo === undefined ? {} : { state: echo }) };
    const fail = (error: string, description: string): AuthorizationStart => ({
      ok: true,
      location: authorizationRedirect(back, issuer, { error, description }),
    });
    const names = [
      'response_type',
      'code_challenge',
      'code_challenge_method',
      'state',
      'nonce',
      'scope',
      'idp_hint',
      'uai',
    ] as const;
    const v: Partial<Record<(typeof names)[number], string>> = {};
    for (const name of names) {
      const one = single(params, name);
      if (one === 'repeated') return fail('invalid_request', `${name} is repeated`);
      if (one.value !== undefined) v[name] = one.value;
    }
    if (v.response_type === undefined) return fail('invalid_request', 'response_type is required');
    if (v.response_type !== 'code') return fail('unsupported_response_type', 'only response_type=code is served');
    if (v.state !== undefined && echo === undefined)
      return fail('invalid_request', `state is longer than ${MAX_OAUTH_STATE_LENGTH} characters`);
    if (v.code_challenge === undefined) return fail('invalid_request', 'code_challenge is required (PKCE)');
    if (v.code_challenge_method !== 'S256')
      return fail('invalid_request', 'code_challenge_method must be S256 (plain is not supported)');
    if (!isS256Challenge(v.code_challenge))
      return fail('invalid_request', 'code_challenge must be 43 base64url characters');
    if (v.nonce !== undefined && v.nonce.length > MAX_OAUTH_NONCE_LENGTH)
      return fail('invalid_request', `nonce is longer than ${MAX_OAUTH_NONCE_LENGTH} characters`);
    if (v.scope?.split(' ').some((s) => s !== 'openid')) return fail('invalid_scope', 'the only scope is openid');
    if (v.uai !== undefined && !safeParse(uaiSchema, v.uai).ok) return fail('invalid_request', 'uai is malformed');
    let entId = v.idp_hint;
    if (entId === undefined) {
      const ents = (await store.listEnts()).filter((e) => e.assertionEndpoint);
      if (ents.length === 0) return fail('temporarily_unavailable', 'no ENT can sign people in to apps yet');
      if (ents.length > 1) {
        const resource = await store.getResource(app.resourceId);
        return {
          ok: false,
          reason: 'choose_ent',
          detail: 'idp_hint (the ENT to sign in through) was not given: the person chooses',
          ents: ents.map((e) => ({ id: e.id, name: e.name })).sort((a, b) => a.name.localeCompare(b.name, 'fr')),
          resourceName: resource?.name ?? app.name,
        };
      }
      entId = ents[0]!.id;
    } else if (!safeParse(entIdSchema, entId).ok) return fail('invalid_request', 'idp_hint is malformed');
    const oauth: AuthorizationBinding = {
      clientId: app.clientId,
      redirectUri: redirectUri.value,
      codeChallenge: v.code_challenge,
      ...(echo === undefined ? {} : { state: echo }),
      ...(v.nonce === undefined ? {} : { nonce: v.nonce }),
    };
    const start = await deps.startLaunch({
      entId,
      resourceId: app.resourceId,
      ...(v.uai === undefined ? {} : { uai: v.uai }),
      oauth,
    });
    if (start.ok) return start;
    if (start.reason === 'no_assertion_endpoint')
      return fail('temporarily_unavailable', 'this ENT cannot sign people in to apps yet');
    if (start.reason === 'unknown_resource') return fail('unauthorized_client', 'the app’s resource is not served');
    return fail('invalid_request', start.reason === 'unknown_ent' ? 'unknown idp_hint' : 'unknown uai for this ENT');
  }

  async function exchangeCode(params: OAuthParams): Promise<{ ok: true; body: TokenResponse } | OAuthFailure> {
    const v: Record<string, string | undefined> = {};
    for (const name of ['grant_type', 'code', 'redirect_uri', 'client_id', 'code_verifier']) {
      const one = single(params, name);
      if (one === 'repeated') return oauthFailure('invalid_request', `${name} is repeated`);
      v[name] = one.value;
    }
    if (v.grant_type === undefined) return oauthFailure('invalid_request', 'grant_type is required');
    if (v.grant_type !== 'authorization_code')
      return oauthFailure('unsupported_grant_type', 'only authorization_code is served');
    if (v.client_id === undefined) return oauthFailure('invalid_request', 'client_id is required');
    const app = safeParse(clientIdSchema, v.client_id).ok ? await store.getNativeApp(v.client_id) : undefined;
    if (!app) return oauthFailure('invalid_client', 'unknown client_id');
    for (const name of ['code', 'redirect_uri', 'code_verifier'])
      if (v[name] === undefined) return oauthFailure('invalid_request', `${name} is required`);
    if (!isCodeVerifier(v.code_verifier!))
      return oauthFailure('invalid_request', 'code_verifier must be 43 to 128 characters of [A-Za-z0-9-._~]');
    if (!isAuthorizationCode(v.code!)) return oauthFailure('invalid_grant', 'unknown, expired or used code');
    const now = clock.now();
    const jti = globalThis.crypto.randomUUID();
    const keepUntil = new Date(now.getTime() + APP_TOKEN_LIFETIME_S * 1000).toISOString();
    const r = await store.redeemAuthorizationCode(
      await authorizationCodeId(v.code!),
      now.toISOString(),
      jti,
      keepUntil,
    );
    const refuse = (description: string, event: string) => {
      logger.info('oauth.token', { outcome: 'refused', reason: event, clientId: app.clientId });
      return oauthFailure('invalid_grant', description);
    };
    if (r.outcome === 'reused') {
      logger.warn('oauth.code_reused', { clientId: app.clientId, issuedTo: r.record.clientId });
      return refuse('this code was already used; the tokens issued from it are revoked', 'code_reused');
    }
    if (r.outcome !== 'redeemed') return refuse('unknown, expired or used code', `code_${r.outcome}`);
    const payload = authorizationCodePayloadSchema.safeParse(r.record.payload);
    if (!payload.success) return refuse('unknown, expired or used code', 'code_unreadable');
    const p = payload.data;
    if (r.record.clientId !== app.clientId) return refuse('this code was issued to another app', 'other_client');
    if (p.redirectUri !== v.redirect_uri) return refuse('redirect_uri differs from the authorization request', 'uri');
    if (!sameText(await s256Challenge(v.code_verifier!), p.codeChallenge))
      return refuse('code_verifier does not match the code_challenge', 'verifier');
    if (app.resourceId !== p.resourceId) return refuse('the app no longer serves this resource', 'app_moved');
    const key = await keys().signingKey(p.signingAlg);
    const tokens = await signAppTokens({
      issuer,
      clientId: app.clientId,
      resourceId: p.resourceId,
      attributes: p.attributes,
      ...(p.nonce === undefined ? {} : { nonce: p.nonce }),
      key,
      now,
      jti,
    });
    logger.info('oauth.token', { outcome: 'issued', clientId: app.clientId, resourceId: p.resourceId });
    return {
      ok: true,
      body: {
        access_token: tokens.accessToken,
        token_type: 'Bearer',
        expires_in: APP_TOKEN_LIFETIME_S,
        id_token: tokens.idToken,
        scope: 'openid',
      },
    };
  }

  async function userinfo(accessToken: string | undefined): Promise<{ ok: true; claims: AppClaims } | OAuthFailure> {
    const invalid = oauthFailure('invalid_token', 'the access token is invalid, expired or revoked');
    if (!accessToken || accessToken.length > 16_384) return invalid;
    let claims: Record<string, unknown>;
    try {
      const jwks = createLocalJWKSet((await keys().jwks()) as Parameters<typeof createLocalJWKSet>[0]);
      ({ payload: claims } = await jwtVerify(accessToken, jwks, {
        algorithms: ['ES256', 'RS256', 'EdDSA'],
        typ: ACCESS_TOKEN_TYP,
        issuer,
        currentDate: clock.now(),
        requiredClaims: ['sub', 'aud', 'exp', 'jti', 'client_id'],
      }));
    } catch (error) {
      if (error instanceof ServiceConfigError) throw error;
      return invalid;
    }
    const [grant, app] = await Promise.all([
      store.getAuthorizationGrant(String(claims.jti)),
      store.getNativeApp(String(claims.client_id)),
    ]);
    if (grant?.status !== 'redeemed' || grant.clientId !== app?.clientId || app.resourceId !== claims.aud)
      return invalid;
    const out: AppClaims = {};
    for (const [name, value] of Object.entries(claims))
      if (!TOKEN_CLAIMS.has(name)) out[name] = value as string | string[];
    return { ok: true, claims: out };
  }

  return {
    /**
     * The authorization endpoint's decision: after checking the app and its redirect URI (errors there are shown,
     * never redirected), checks PKCE (S256 only), `response_type`, `state`, `nonce`, `scope` and the ENT
     * (`idp_hint`, or the only ENT), then sends the browser to the ENT for an assertion, with a signed state bound to
     * all of it. Writes nothing.
     *
     * @example
     * ```ts
     * const start = await service.oauth.authorize({ client_id: ['lecteur'], redirect_uri: ['http://127.0.0.1:5000/cb'], response_type: ['code'], code_challenge: [challenge], code_challenge_method: ['S256'], state: ['xyz'] });
     * if (start.ok) redirect(start.location);
     * ```
     */
    authorize,
    /**
     * The token endpoint (`grant_type=authorization_code`): spends the code once (a second use revokes what the first
     * gave), checks the app, the redirect URI and the PKCE verifier, and answers an access token and an ID token, or
     * an RFC 6749 §5.2 error.
     *
     * @example
     * ```ts
     * const r = await service.oauth.token({ grant_type: ['authorization_code'], code: [code], redirect_uri: [uri], client_id: ['lecteur'], code_verifier: [verifier] });
     * if (r.ok) r.body.access_token;
     * ```
     */
    token: exchangeCode,
    /**
     * The claims an access token stands for (`sub` = `IDO` and the released attributes), while it is unexpired, its
     * code was not replayed and its app is still registered.
     * @example `const r = await service.oauth.userinfo(bearer); if (r.ok) r.claims.sub;`
     */
    userinfo,
  };
}
