import { CASE_TEXT, conformanceClaims, hostileToken, signWith, type ConformanceCaseId } from './conformance-cases.js';
import type { ConformanceIssuer } from './conformance-issuer.js';
import { replayLtiCases, type LtiTarget } from './conformance-lti.js';
import { replaySamlCases, type SamlTarget } from './conformance-saml.js';
import { postForm, visit, type CookieJar, type Visit } from './conformance-visit.js';

/** Options of {@link runConformance}. */
export interface ConformanceOptions {
  /** The publisher's hand-off endpoint: where the service posts `gar_token` (its resource's access URL); without it, only the CAS cases run. */
  publisherUrl?: string;
  /** The publisher's resource id (`idRessource`): the audience its tokens carry (required with `publisherUrl`). */
  audience?: string;
  /** The publisher's CAS service URL, to replay the CAS cases too. */
  casService?: string;
  /** The publisher's SAML service provider (ACS URL and entity id), to replay the SAML cases too. */
  saml?: SamlTarget;
  /** The publisher's LTI 1.3 tool (login initiation URL, client id, redirect URI, deployment id), to replay the LTI cases too. */
  lti?: LtiTarget;
  /** The running conformance issuer the publisher trusts. */
  issuer: ConformanceIssuer;
  /** Which cases to skip (default none). */
  skip?: readonly ConformanceCaseId[];
  fetch?: typeof fetch;
  now?: () => Date;
  /** Per request, in milliseconds (default 10,000). */
  timeoutMs?: number;
  /** Told each case's result as it comes. */
  onCase?: (result: ConformanceCaseResult) => void;
}

/** One case's outcome. `pass`: a valid hand-off accepted, or a hostile one refused. */
export interface ConformanceCaseResult {
  id: ConformanceCaseId;
  title: string;
  hostile: boolean;
  verdict: 'pass' | 'fail' | 'error';
  /** The final HTTP status, after the publisher's own redirects. */
  status?: number;
  /** What happened, in one line (never a token or a ticket). */
  detail: string;
  /** What to change, for a failed case. */
  fix?: string;
}

/** The report `opengar conformance` prints (as text, or as this JSON with `--json`). */
export interface ConformanceReport {
  publisherUrl?: string;
  casService?: string;
  audience?: string;
  saml?: SamlTarget;
  lti?: LtiTarget;
  issuer: string;
  jwksUri: string;
  /** The IdP metadata the SAML service provider trusts for the run (with `saml`). */
  samlMetadata?: string;
  startedAt: string;
  cases: ConformanceCaseResult[];
  /** Hostile cases the publisher accepted. */
  accepted: ConformanceCaseId[];
  /** False when a valid hand-off was refused or a request failed: the refusals then prove nothing. */
  conclusive: boolean;
}

/** What lies under a failed fetch (` (ECONNREFUSED)`, ` (bad port)`), or nothing. */
function causeCode(e: Error): string {
  const cause = e.cause as { code?: unknown; message?: unknown } | undefined;
  if (typeof cause?.code === 'string' && /^[A-Z_]+$/.test(cause.code)) return ` (${cause.code})`;
  return typeof cause?.message === 'string' && /^[\w .:-]{1,80}$/.test(cause.message) ? ` (${cause.message})` : '';
}

/**
 * Replays the conformance cases at a publisher: a valid token (control), then hostile ones (replayed, expired, not yet
 * valid, wrong audience, wrong issuer, wrong `typ`, unknown key, tampered claims, `alg: none`), each posted as
 * `gar_token`; with `casService`, a valid CAS ticket then a reused one, one for another service and a forged one;
 * with `saml`, signed SAML responses posted to the ACS (valid, replayed, expired, not yet valid, for another audience,
 * ACS or issuer, unsigned, signed by an unknown key, wrapped, tampered; with `saml.loginUrl`, each answering the SP's
 * own AuthnRequest, and an unsolicited one, one for an unknown request); with `lti`, LTI 1.3 launches (the login
 * initiation, then a valid `id_token`, the same again, a wrong state, audience, `azp` or issuer, expired, unknown key,
 * `alg: none`, without a required LTI claim, tampered).
 *
 * @example
 * ```ts
 * const report = await runConformance({ publisherUrl: 'http://127.0.0.1:4300/launch', audience: 'ark:/1/r', issuer });
 * if (report.accepted.length > 0) process.exitCode = 1;
 * ```
 */
export async function runConformance(options: ConformanceOptions): Promise<ConformanceReport> {
  const doFetch = options.fetch ?? globalThis.fetch;
  const now = options.now ?? (() => new Date());
  const timeoutMs = options.timeoutMs ?? 10_000;
  const skip = new Set<string>(options.skip ?? []);
  const issuer = options.issuer;
  const cases: ConformanceCaseResult[] = [];
  const record = (id: ConformanceCaseId, hostile: boolean, v: Visit | Error) => {
    const base = { id, title: CASE_TEXT[id].title, hostile };
    const result: ConformanceCaseResult =
      v instanceof Error
        ? {
            ...base,
            verdict: 'error',
            detail: `request failed: ${v.name === 'TimeoutError' ? 'timed out' : v.message}${causeCode(v)}`,
          }
        : {
            ...base,
            verdict: v.accepted === !hostile ? 'pass' : 'fail',
            ...(v.status === undefined ? {} : { status: v.status }),
            detail: `${v.accepted ? 'accepted' : 'refused'} (${v.detail})`,
            ...(v.accepted === !hostile ? {} : { fix: CASE_TEXT[id].fix }),
          };
    cases.push(result);
    options.onCase?.(result);
  };
  const postTo = async (url: string, fields: Record<string, string>, jar?: CookieJar): Promise<Visit | Error> => {
    try {
      return await postForm(doFetch, url, fields, timeoutMs, jar);
    } catch (e) {
      return e instanceof Error ? e : new Error('unknown');
    }
  };
  const post = (token: string) => postTo(options.publisherUrl!, { gar_token: token });
  if (options.publisherUrl !== undefined) {
    if (options.audience === undefined) throw new TypeError('audience is required with publisherUrl');
    const ctx = {
      issuer: issuer.url,
      audience: options.audience,
      published: issuer.published,
      unknown: issuer.unknown,
    };
    const valid = await signWith(issuer.published, conformanceClaims(issuer.url, options.audience, now()));
    record('control', false, await post(valid));
    if (!skip.has('replayed')) record('replayed', true, await post(valid));
    for (const id of [
      'expired',
      'not-yet-valid',
      'wrong-audience',
      'wrong-issuer',
      'wrong-typ',
      'unknown-key',
      'tampered-claims',
      'alg-none',
    ] as const) {
      if (skip.has(id)) continue;
      record(id, true, await post(await hostileToken(id, { ...ctx, now: now() })));
    }
  }

  if (options.casService !== undefined) {
    const service = options.casService;
    const present = async (ticket: string): Promise<Visit | Error> => {
      const url = new URL(service);
      url.searchParams.set('ticket', ticket);
      try {
        return await visit(doFetch, url.href, {}, timeoutMs);
      } catch (e) {
        return e instanceof Error ? e : new Error('unknown');
      }
    };
    const user = Buffer.from(globalThis.crypto.getRandomValues(new Uint8Array(64))).toString('hex');
    const ticket = issuer.issueTicket(service, user);
    record('cas-control', false, await present(ticket));
    if (!skip.has('cas-ticket-reuse')) record('cas-ticket-reuse', true, await present(ticket));
    if (!skip.has('cas-wrong-service'))
      record('cas-wrong-service', true, await present(issuer.issueTicket('https://another-service.invalid/cas', user)));
    if (!skip.has('cas-forged-ticket')) {
      let forged = 'ST-';
      for (const b of globalThis.crypto.getRandomValues(new Uint8Array(24))) forged += b.toString(16).padStart(2, '0');
      record('cas-forged-ticket', true, await present(forged));
    }
  }

  if (options.saml !== undefined)
    await replaySamlCases({ issuer, target: options.saml, now, skip, fetch: doFetch, timeoutMs, post: postTo, record });
  if (options.lti !== undefined)
    await replayLtiCases({ issuer, target: options.lti, now, skip, fetch: doFetch, timeoutMs, record });

  const accepted = cases.filter((c) => c.hostile && c.verdict === 'fail').map((c) => c.id);
  const conclusive = cases.every((c) => c.verdict !== 'error' && (c.hostile || c.verdict === 'pass'));
  return {
    ...(options.publisherUrl === undefined ? {} : { publisherUrl: options.publisherUrl }),
    ...(options.casService === undefined ? {} : { casService: options.casService }),
    ...(options.audience === undefined ? {} : { audience: options.audience }),
    ...(options.saml === undefined ? {} : { saml: options.saml }),
    ...(options.lti === undefined ? {} : { lti: options.lti }),
    issuer: issuer.url,
    jwksUri: `${issuer.url}/.well-known/jwks.json`,
    ...(options.saml === undefined ? {} : { samlMetadata: `${issuer.url}/saml/metadata` }),
    startedAt: now().toISOString(),
    cases,
    accepted,
    conclusive,
  };
}

/** What the conformance run does not cover, said in every report and in the command's help. */
export const CONFORMANCE_NOT_COVERED =
  'Not covered: SAML single logout and AuthnRequests sent by the POST binding; LTI Deep Linking. Test them with a ' +
  'stock library against opengar, as docs/handoff.md (SAML 2.0) and docs/lti.md show.';

/**
 * The report as text: one line per case (`PASS`, `FAIL`, `ERROR`), what to fix under each failure, and a verdict.
 *
 * @example
 * ```ts
 * process.stdout.write(formatConformanceReport(report));
 * ```
 */
export function formatConformanceReport(report: ConformanceReport): string {
  const targets = [
    ...(report.publisherUrl ? [report.publisherUrl] : []),
    ...(report.casService ? [`CAS service ${report.casService}`] : []),
    ...(report.saml ? [`SAML ACS ${report.saml.acs}`] : []),
    ...(report.lti ? [`LTI tool ${report.lti.loginUrl}`] : []),
  ];
  const lines = [
    `opengar conformance: ${targets.join(' and ')}`,
    `issuer ${report.issuer}, JWKS ${report.jwksUri}${report.audience ? `, audience ${report.audience}` : ''}`,
    ...(report.saml
      ? [`SAML IdP metadata ${report.samlMetadata} (entity id the same), service provider ${report.saml.entityId}`]
      : []),
    ...(report.lti
      ? [
          `LTI platform ${report.issuer} (authorization endpoint ${report.issuer}/lti/authorize), client id ` +
            `${report.lti.clientId}, deployment ${report.lti.deploymentId}`,
        ]
      : []),
    '',
  ];
  for (const c of report.cases) {
    const mark = c.verdict === 'pass' ? 'PASS ' : c.verdict === 'fail' ? 'FAIL ' : 'ERROR';
    lines.push(`${mark} ${c.id.padEnd(20)} ${c.title}: ${c.detail}`);
    if (c.fix) lines.push(`      fix: ${c.fix}`);
  }
  lines.push('');
  const hostile = report.cases.filter((c) => c.hostile);
  if (report.accepted.length > 0)
    lines.push(`FAILED: the publisher accepted ${report.accepted.length} of ${hostile.length} hostile hand-offs.`);
  else if (!report.conclusive)
    lines.push('INCONCLUSIVE: a valid hand-off was refused or a request failed, so the refusals prove nothing.');
  else lines.push(`OK: the publisher refused all ${hostile.length} hostile hand-offs and accepted the valid ones.`);
  lines.push(CONFORMANCE_NOT_COVERED);
  return `${lines.join('\n')}\n`;
}
