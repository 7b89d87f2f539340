import type { Store } from '../../store/types.js';
import type { SigningKeySource } from '../signing-key-source.js';
import { LTI_ID_TOKEN_LIFETIME_S, ltiIdTokenClaims, signLtiIdToken } from './lti-claims.js';
import { redeemLtiLoginHint } from './lti-login-hint.js';

/** Why an LTI authentication request was refused (a 400 problem's `reason`). */
export type LtiAuthorizeRefusal =
  | 'invalid_request'
  | 'unsupported_response_type'
  | 'invalid_scope'
  | 'unsupported_response_mode'
  | 'invalid_prompt'
  | 'missing_nonce'
  | 'invalid_login_hint'
  | 'unknown_client'
  | 'invalid_redirect_uri';

/** The answer: the `id_token` to form-post to the checked `redirect_uri` with the tool's `state`, or a refusal. */
export type LtiAuthorizeResult =
  | { ok: true; redirectUri: string; idToken: string; state?: string; resourceName: string }
  | { ok: false; reason: LtiAuthorizeRefusal; detail: string };

const MAX_PARAM = 4096;
const refuse = (reason: LtiAuthorizeRefusal, detail: string): LtiAuthorizeResult => ({ ok: false, reason, detail });

/**
 * The platform's OIDC authorization endpoint for LTI 1.3 (the tool comes back here after the login initiation):
 * checks `response_type=id_token`, `scope` with `openid`, `response_mode=form_post`, `prompt=none`, a `nonce`, then
 * spends the single-use `login_hint` (with its `lti_message_hint`) and checks `client_id` and the exact
 * `redirect_uri` against the tool's current registration; answers a signed `id_token` (RS256).
 *
 * @example
 * ```ts
 * const r = await ltiAuthorize({ store, keys, issuer, now: clock.now() }, Object.fromEntries(new URLSearchParams(query)));
 * ```
 */
export async function ltiAuthorize(
  deps: { store: Store; keys: SigningKeySource; issuer: string; now: Date },
  params: Readonly<Record<string, string | undefined>>,
): Promise<LtiAuthorizeResult> {
  for (const [k, v] of Object.entries(params))
    if (v !== undefined && v.length > MAX_PARAM) return refuse('invalid_request', `${k} is too long`);
  const p = params;
  const absent = ['client_id', 'redirect_uri', 'login_hint'].filter((k) => !p[k]);
  if (absent.length > 0) return refuse('invalid_request', `required: ${absent.join(', ')}`);
  if (p.response_type !== 'id_token') return refuse('unsupported_response_type', 'response_type must be id_token');
  if (!(p.scope ?? '').split(' ').includes('openid')) return refuse('invalid_scope', 'scope must include openid');
  if (p.response_mode !== 'form_post') return refuse('unsupported_response_mode', 'response_mode must be form_post');
  if (p.prompt !== 'none') return refuse('invalid_prompt', 'prompt must be none');
  if (!p.nonce) return refuse('missing_nonce', 'a nonce is required');
  const message = await redeemLtiLoginHint(deps.store, p.login_hint!, p.lti_message_hint, deps.now);
  if (!message) return refuse('invalid_login_hint', 'the login_hint is unknown, used, expired or not for this message');
  const resource = await deps.store.getResource(message.resourceId);
  const tool = resource?.protocol === 'lti' ? resource.lti : undefined;
  if (!tool || tool.clientId !== p.client_id || message.clientId !== p.client_id)
    return refuse('unknown_client', 'no LTI tool is registered with this client_id for this launch');
  if (!tool.redirectUris.includes(p.redirect_uri!))
    return refuse('invalid_redirect_uri', 'the redirect_uri is not registered for this tool');
  const fresh = await deps.store.useOnce(
    'lti-nonce',
    `${p.client_id}:${p.nonce}`,
    new Date(deps.now.getTime() + (LTI_ID_TOKEN_LIFETIME_S + 60) * 1000).toISOString(),
    deps.now.toISOString(),
  );
  if (!fresh) return refuse('missing_nonce', 'this nonce was already used');
  const claims = ltiIdTokenClaims(message, { issuer: deps.issuer, nonce: p.nonce, now: deps.now });
  const idToken = await signLtiIdToken(claims, await deps.keys.signingKey('RS256'));
  return {
    ok: true,
    redirectUri: p.redirect_uri!,
    idToken,
    resourceName: message.resourceName,
    ...(p.state === undefined ? {} : { state: p.state }),
  };
}
