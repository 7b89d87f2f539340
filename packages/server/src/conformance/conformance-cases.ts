import { SignJWT } from 'jose';
import { garTokenClaims, type GarTokenClaims } from '../handoff/sign-gar-token.js';
import type { ConformanceKey } from './conformance-issuer.js';
import { LTI_CASE_TEXT, type LtiCaseId } from './conformance-lti.js';
import { SAML_CASE_TEXT, type SamlCaseId } from './conformance-saml.js';

/**
 * The cases `opengar conformance` replays. `control`, `cas-control`, `saml-control` and `lti-control` are the valid
 * hand-offs a publisher must accept.
 */
export type ConformanceCaseId = TokenOrCasCaseId | SamlCaseId | LtiCaseId;

type TokenOrCasCaseId =
  | 'control'
  | 'replayed'
  | 'expired'
  | 'not-yet-valid'
  | 'wrong-audience'
  | 'wrong-issuer'
  | 'wrong-typ'
  | 'unknown-key'
  | 'tampered-claims'
  | 'alg-none'
  | 'cas-control'
  | 'cas-ticket-reuse'
  | 'cas-wrong-service'
  | 'cas-forged-ticket';

/** What each case is, and what to fix when a publisher accepts it. */
export const CASE_TEXT: Record<ConformanceCaseId, { title: string; fix: string }> = {
  control: {
    title: 'a valid token',
    fix: 'trust the issuer and JWKS URL printed above, with your resource id as audience',
  },
  replayed: { title: 'the valid token posted a second time', fix: 'keep each jti until its exp and refuse it again' },
  expired: {
    title: 'a token expired 5 minutes ago',
    fix: 'check exp, with a clock tolerance of a few seconds at most',
  },
  'not-yet-valid': {
    title: 'a token valid only in 5 minutes (nbf, iat)',
    fix: 'check nbf (and iat) with a small tolerance',
  },
  'wrong-audience': { title: 'a token for another resource (aud)', fix: 'require aud to equal your resource id' },
  'wrong-issuer': { title: 'a token from another issuer (iss)', fix: 'require iss to equal the GAR service’s issuer' },
  'wrong-typ': {
    title: 'a token whose typ is JWT, not gar+jwt',
    fix: 'require the header typ gar+jwt (jsonwebtoken never checks it)',
  },
  'unknown-key': {
    title: 'a token signed by a key the JWKS does not publish',
    fix: 'verify the signature with the published key of its kid only',
  },
  'tampered-claims': {
    title: 'a valid token whose claims were changed after signing',
    fix: 'verify the signature before reading any claim',
  },
  'alg-none': { title: 'an unsigned token (alg none)', fix: 'allow only the algorithms you expect (never none)' },
  'cas-control': {
    title: 'a valid CAS service ticket',
    fix: 'use the issuer printed above as your CAS server, this exact service URL',
  },
  'cas-ticket-reuse': {
    title: 'the same CAS ticket presented again',
    fix: 'validate every ticket at the CAS server; never cache tickets',
  },
  'cas-wrong-service': {
    title: 'a CAS ticket issued for another service',
    fix: 'send your own service URL to serviceValidate and honour INVALID_SERVICE',
  },
  'cas-forged-ticket': {
    title: 'a CAS ticket the server never issued',
    fix: 'accept a ticket only on an authenticationSuccess answer',
  },
  ...SAML_CASE_TEXT,
  ...LTI_CASE_TEXT,
};

/** A random pseudonym shaped as GAR's: 128 hexadecimal digits. */
function pseudonym(): string {
  return Buffer.from(globalThis.crypto.getRandomValues(new Uint8Array(64))).toString('hex');
}

function b64url(value: unknown): string {
  return Buffer.from(JSON.stringify(value)).toString('base64url');
}

/** Claims of a fresh token for `audience` from `issuer`, with a per-case pseudonymous user. */
export function conformanceClaims(issuer: string, audience: string, now: Date): GarTokenClaims {
  return garTokenClaims({
    issuer,
    resourceId: audience,
    attributes: { IDO: pseudonym(), UAI: ['0000000A'], PRO: 'National_elv' },
    now,
    lifetimeS: 60,
  });
}

/** Signs claims with a conformance key, `typ` as given (default `gar+jwt`). */
export function signWith(key: ConformanceKey, claims: object, typ = 'gar+jwt'): Promise<string> {
  return new SignJWT({ ...claims }).setProtectedHeader({ alg: key.alg, typ, kid: key.kid }).sign(key.privateKey);
}

/** The hostile token of a case (not `control`/`replayed`, which reuse the valid one; not the CAS cases). */
export async function hostileToken(
  id: Exclude<TokenOrCasCaseId, 'control' | 'replayed' | `cas-${string}`>,
  ctx: { issuer: string; audience: string; now: Date; published: ConformanceKey; unknown: ConformanceKey },
): Promise<string> {
  const fresh = () => conformanceClaims(ctx.issuer, ctx.audience, ctx.now);
  const shifted = (s: number) => {
    const c = fresh();
    return { ...c, iat: c.iat + s, nbf: c.nbf + s, exp: c.exp + s };
  };
  switch (id) {
    case 'expired':
      return signWith(ctx.published, shifted(-360));
    case 'not-yet-valid':
      return signWith(ctx.published, shifted(300));
    case 'wrong-audience':
      return signWith(ctx.published, { ...fresh(), aud: 'ark:/99999/not-your-resource' });
    case 'wrong-issuer':
      return signWith(ctx.published, { ...fresh(), iss: 'https://not-the-gar-service.invalid' });
    case 'wrong-typ':
      return signWith(ctx.published, fresh(), 'JWT');
    case 'unknown-key':
      return signWith(ctx.unknown, fresh());
    case 'tampered-claims': {
      const [h, , s] = (await signWith(ctx.published, fresh())).split('.');
      const someoneElse = pseudonym();
      const changed = { ...fresh(), PRO: 'National_ens', IDO: someoneElse, sub: someoneElse };
      return `${h}.${b64url(changed)}.${s}`;
    }
    case 'alg-none':
      return `${b64url({ alg: 'none', typ: 'gar+jwt' })}.${b64url(fresh())}.`;
  }
}
