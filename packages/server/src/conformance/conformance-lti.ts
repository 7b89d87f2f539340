import {
  LTI,
  GAR_ATTRIBUTES_CLAIM,
  ltiIdTokenClaims,
  signLtiIdToken,
  type LtiMessage,
} from '../handoff/lti/lti-claims.js';
import type { ConformanceIssuer, ConformanceKey } from './conformance-issuer.js';
import { cookieHeader, keepCookies, postForm, type CookieJar, type Visit } from './conformance-visit.js';

/** The LTI 1.3 cases: `lti-control` is the valid launch the tool must accept. */
export type LtiCaseId =
  | 'lti-control'
  | 'lti-nonce-reused'
  | 'lti-state-mismatch'
  | 'lti-wrong-audience'
  | 'lti-wrong-azp'
  | 'lti-wrong-issuer'
  | 'lti-expired'
  | 'lti-unknown-key'
  | 'lti-alg-none'
  | 'lti-no-message-type'
  | 'lti-no-version'
  | 'lti-no-deployment-id'
  | 'lti-tampered';

/** What each LTI case is, and what to fix when the tool accepts it. */
export const LTI_CASE_TEXT: Record<LtiCaseId, { title: string; fix: string }> = {
  'lti-control': {
    title: 'a valid LTI launch (login initiation, then the id_token)',
    fix: 'register the platform printed above (issuer, authorization endpoint, JWKS) with this client id and deployment',
  },
  'lti-nonce-reused': {
    title: 'the valid id_token posted again, with its state and cookies (nonce reused)',
    fix: 'remember each nonce until the token expires and refuse it again',
  },
  'lti-state-mismatch': {
    title: 'a valid id_token with a state the tool did not issue to this browser',
    fix: 'require the state to be the one set in this browser’s cookie at the login initiation',
  },
  'lti-wrong-audience': {
    title: 'an id_token for another client (aud)',
    fix: 'require aud to contain your client id',
  },
  'lti-wrong-azp': {
    title: 'an id_token for several clients whose azp is another one',
    fix: 'when azp is present (or aud has several values), require azp to be your client id',
  },
  'lti-wrong-issuer': {
    title: 'an id_token from another platform (iss), signed by the trusted key',
    fix: 'require iss to be the registered platform’s issuer',
  },
  'lti-expired': {
    title: 'an id_token expired 9 minutes ago',
    fix: 'check exp (and iat), with a small clock tolerance',
  },
  'lti-unknown-key': {
    title: 'an id_token signed by a key the platform’s JWKS does not publish',
    fix: 'verify with the platform’s JWKS key of the token’s kid only',
  },
  'lti-alg-none': { title: 'an unsigned id_token (alg none)', fix: 'allow RS256 only (never none)' },
  'lti-no-message-type': {
    title: 'an id_token without the message_type claim',
    fix: 'require the LTI message_type claim and refuse a launch without it',
  },
  'lti-no-version': {
    title: 'an id_token without the LTI version claim',
    fix: 'require the LTI version claim 1.3.0',
  },
  'lti-no-deployment-id': {
    title: 'an id_token without the deployment_id claim',
    fix: 'require the deployment_id claim (and that it is a deployment you know)',
  },
  'lti-tampered': {
    title: 'a valid id_token whose claims were changed after signing',
    fix: 'verify the signature before reading any claim',
  },
};

/** What a run against one LTI tool knows: what the operator would register for it. */
export interface LtiTarget {
  /** The tool's OIDC login initiation URL. */
  loginUrl: string;
  clientId: string;
  /** The tool's registered redirect URI, where the id_token is posted (its authentication request must name it). */
  redirectUri: string;
  deploymentId: string;
  /** The launch's `target_link_uri` (default: the redirect URI). */
  targetLinkUri?: string;
}

/** What the tool's login initiation gave: its authentication request's state and nonce, and the browser's cookies. */
interface Login {
  state: string | undefined;
  nonce: string;
  jar: CookieJar;
}

type Fetch = typeof fetch;
const random = () => Buffer.from(globalThis.crypto.getRandomValues(new Uint8Array(24))).toString('base64url');
const b64url = (v: unknown) => Buffer.from(JSON.stringify(v)).toString('base64url');

/**
 * The OIDC third-party login: posts the initiation to the tool (as opengar's launch page does), follows the tool's
 * redirects in its origin, and reads the authentication request it sends the browser to (the platform's authorization
 * endpoint), checked as opengar checks it. An `Error` says why the launch cannot go on.
 */
async function login(doFetch: Fetch, issuer: string, t: LtiTarget, timeoutMs: number): Promise<Login | Error> {
  const jar: CookieJar = new Map();
  const loginHint = random();
  const fields = {
    iss: issuer,
    login_hint: loginHint,
    lti_message_hint: random(),
    target_link_uri: t.targetLinkUri ?? t.redirectUri,
    client_id: t.clientId,
    lti_deployment_id: t.deploymentId,
  };
  const origin = new URL(t.loginUrl).origin;
  let url = new URL(t.loginUrl);
  let init: RequestInit = {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(fields).toString(),
  };
  for (let hop = 0; hop < 6; hop++) {
    const headers = new Headers(init.headers);
    headers.set('accept', 'text/html');
    const cookie = cookieHeader(jar);
    if (cookie !== undefined) headers.set('cookie', cookie);
    const res = await doFetch(url, { ...init, headers, redirect: 'manual', signal: AbortSignal.timeout(timeoutMs) });
    keepCookies(jar, res);
    await res.body?.cancel();
    const location = res.headers.get('location');
    if (!(res.status >= 300 && res.status < 400 && location))
      return new Error(
        `the login initiation answered HTTP ${res.status}, not a redirect to the authorization endpoint`,
      );
    const next = new URL(location, url);
    if (next.origin === origin && next.href.split('?')[0] !== `${issuer}/lti/authorize`) {
      url = next;
      init = {};
      continue;
    }
    const q = next.searchParams;
    const problem =
      next.href.split('?')[0] !== `${issuer}/lti/authorize`
        ? `it redirected to ${next.origin}${next.pathname}, not the authorization endpoint ${issuer}/lti/authorize`
        : q.get('response_type') !== 'id_token'
          ? 'response_type is not id_token'
          : !(q.get('scope') ?? '').split(' ').includes('openid')
            ? 'scope lacks openid'
            : q.get('response_mode') !== 'form_post' || q.get('prompt') !== 'none'
              ? 'response_mode is not form_post or prompt is not none (opengar refuses it)'
              : q.get('client_id') !== t.clientId
                ? 'client_id is not the one registered'
                : q.get('redirect_uri') !== t.redirectUri
                  ? 'redirect_uri is not the registered one (--lti-redirect)'
                  : q.get('login_hint') !== loginHint
                    ? 'login_hint is not the one sent'
                    : !q.get('nonce')
                      ? 'no nonce'
                      : undefined;
    if (problem) return new Error(`the tool's authentication request: ${problem}`);
    const state = q.get('state');
    return { nonce: q.get('nonce')!, jar, ...(state === null ? {} : { state }) } as Login;
  }
  return new Error('the login initiation redirected too many times');
}

/** The message of a conformance launch: a learner's resource link, with a per-case pseudonymous user. */
function message(t: LtiTarget): LtiMessage {
  const ido = Buffer.from(globalThis.crypto.getRandomValues(new Uint8Array(64))).toString('hex');
  return {
    messageType: 'LtiResourceLinkRequest',
    resourceId: 'opengar-conformance',
    resourceName: 'opengar conformance',
    clientId: t.clientId,
    deploymentId: t.deploymentId,
    targetLinkUri: t.targetLinkUri ?? t.redirectUri,
    sub: ido,
    attributes: { IDO: ido, UAI: ['0000000A'], PRO: 'National_elv' },
    roles: ['http://purl.imsglobal.org/vocab/lis/v2/membership#Learner'],
  };
}

const sign = (claims: Record<string, unknown>, k: ConformanceKey) =>
  signLtiIdToken(claims, { kid: k.kid, alg: 'RS256', key: k.privateKey });

/** The `id_token` of a case, for the nonce of its own login (claims built by the service's `ltiIdTokenClaims`). */
export async function ltiIdToken(
  id: Exclude<LtiCaseId, 'lti-nonce-reused' | 'lti-state-mismatch'>,
  issuer: ConformanceIssuer,
  t: LtiTarget,
  nonce: string,
  now: Date,
): Promise<string> {
  const claimsAt = (at: Date) => ltiIdTokenClaims(message(t), { issuer: issuer.url, nonce, now: at });
  const claims = claimsAt(now);
  const without = (name: string) => {
    const { [`${LTI}/${name}`]: _dropped, ...rest } = claims;
    return rest;
  };
  switch (id) {
    case 'lti-control':
      return sign(claims, issuer.rsa);
    case 'lti-wrong-audience':
      return sign({ ...claims, aud: 'not-your-client-id', azp: 'not-your-client-id' }, issuer.rsa);
    case 'lti-wrong-azp':
      return sign({ ...claims, aud: [t.clientId, 'another-client-id'], azp: 'another-client-id' }, issuer.rsa);
    case 'lti-wrong-issuer':
      return sign({ ...claims, iss: 'https://not-the-gar-service.invalid' }, issuer.rsa);
    case 'lti-expired':
      return sign(claimsAt(new Date(now.getTime() - 600_000)), issuer.rsa);
    case 'lti-unknown-key':
      return sign(claims, issuer.rsaUnknown);
    case 'lti-alg-none':
      return `${b64url({ alg: 'none', typ: 'JWT' })}.${b64url(claims)}.`;
    case 'lti-no-message-type':
      return sign(without('message_type'), issuer.rsa);
    case 'lti-no-version':
      return sign(without('version'), issuer.rsa);
    case 'lti-no-deployment-id':
      return sign(without('deployment_id'), issuer.rsa);
    case 'lti-tampered': {
      const [h, , s] = (await sign(claims, issuer.rsa)).split('.');
      const other = message(t);
      return `${h}.${b64url({ ...claims, sub: other.sub, [GAR_ATTRIBUTES_CLAIM]: { ...other.attributes, PRO: 'National_ens' } })}.${s}`;
    }
  }
}

/** The hostile LTI cases replayed after the control and the nonce reuse, each with a login of its own. */
export const HOSTILE_LTI_CASES = [
  'lti-state-mismatch',
  'lti-wrong-audience',
  'lti-wrong-azp',
  'lti-wrong-issuer',
  'lti-expired',
  'lti-unknown-key',
  'lti-alg-none',
  'lti-no-message-type',
  'lti-no-version',
  'lti-no-deployment-id',
  'lti-tampered',
] as const;

/**
 * Replays the LTI cases at a tool, as opengar's launch does: for each case, the login initiation, then an `id_token`
 * (with the state of that login) form-posted to the redirect URI with the browser's cookies.
 */
export async function replayLtiCases(o: {
  issuer: ConformanceIssuer;
  target: LtiTarget;
  now: () => Date;
  skip: ReadonlySet<string>;
  fetch: Fetch;
  timeoutMs: number;
  record: (id: LtiCaseId, hostile: boolean, v: Visit | Error) => void;
}): Promise<void> {
  const { issuer, target: t } = o;
  const attempt = async (run: (l: Login) => Promise<Visit>): Promise<Visit | Error> => {
    try {
      const l = await login(o.fetch, issuer.url, t, o.timeoutMs);
      return l instanceof Error ? l : await run(l);
    } catch (e) {
      return e instanceof Error ? e : new Error('unknown');
    }
  };
  const launch = (l: Login, idToken: string, state = l.state, jar = l.jar) =>
    postForm(
      o.fetch,
      t.redirectUri,
      { id_token: idToken, ...(state === undefined ? {} : { state }) },
      o.timeoutMs,
      jar,
    );
  let replay: { idToken: string; state: string | undefined; jar: CookieJar } | undefined;
  const control = await attempt(async (l) => {
    const idToken = await ltiIdToken('lti-control', issuer, t, l.nonce, o.now());
    replay = { idToken, state: l.state, jar: new Map(l.jar) };
    return launch(l, idToken);
  });
  o.record('lti-control', false, control);
  if (!o.skip.has('lti-nonce-reused')) {
    let again: Visit | Error = new Error('no valid launch to replay');
    if (replay) {
      const r = replay;
      again = await launch({ nonce: '', state: r.state, jar: r.jar }, r.idToken).catch((e: unknown) =>
        e instanceof Error ? e : new Error('unknown'),
      );
    }
    o.record('lti-nonce-reused', true, again);
  }
  for (const id of HOSTILE_LTI_CASES) {
    if (o.skip.has(id)) continue;
    const v = await attempt(async (l) =>
      id === 'lti-state-mismatch'
        ? launch(l, await ltiIdToken('lti-control', issuer, t, l.nonce, o.now()), random())
        : launch(l, await ltiIdToken(id, issuer, t, l.nonce, o.now())),
    );
    o.record(id, true, v);
  }
}
