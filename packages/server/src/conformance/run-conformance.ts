import { CASE_TEXT, conformanceClaims, hostileToken, signWith, type ConformanceCaseId } from './conformance-cases.js';
import type { ConformanceIssuer } from './conformance-issuer.js';

/** Options of {@link runConformance}. */
export interface ConformanceOptions {
  /** The publisher's hand-off endpoint: where the service posts `gar_token` (its resource's access URL); without it, only the CAS cases run. */
  publisherUrl?: string;
  /** The publisher's resource id (`idRessource`): the audience its tokens carry (required with `publisherUrl`). */
  audience?: string;
  /** The publisher's CAS service URL, to replay the CAS cases too. */
  casService?: string;
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
  issuer: string;
  jwksUri: string;
  startedAt: string;
  cases: ConformanceCaseResult[];
  /** Hostile cases the publisher accepted. */
  accepted: ConformanceCaseId[];
  /** False when a valid hand-off was refused or a request failed: the refusals then prove nothing. */
  conclusive: boolean;
}

interface Visit {
  accepted: boolean;
  status?: number;
  detail: string;
}

/**
 * Sends one request to the publisher and follows its redirects inside its own origin (a browser would, with its
 * cookies); accepted when the last answer is 2xx. A redirect elsewhere (to a CAS login, an error site) is a refusal.
 */
async function visit(doFetch: typeof fetch, url: string, init: RequestInit, timeoutMs: number): Promise<Visit> {
  const origin = new URL(url).origin;
  const cookies = new Map<string, string>();
  let target = new URL(url);
  let request = init;
  for (let hop = 0; hop < 6; hop++) {
    const headers = new Headers(request.headers);
    headers.set('accept', 'text/html');
    if (cookies.size > 0) headers.set('cookie', [...cookies].map(([k, v]) => `${k}=${v}`).join('; '));
    const res = await doFetch(target, {
      ...request,
      headers,
      redirect: 'manual',
      signal: AbortSignal.timeout(timeoutMs),
    });
    for (const line of res.headers.getSetCookie()) {
      const pair = line.split(';')[0]!;
      const i = pair.indexOf('=');
      if (i > 0) cookies.set(pair.slice(0, i).trim(), pair.slice(i + 1));
    }
    await res.body?.cancel();
    const location = res.headers.get('location');
    if (res.status >= 300 && res.status < 400 && location) {
      const next = new URL(location, target);
      if (next.origin !== origin)
        return { accepted: false, status: res.status, detail: `redirected to ${next.origin}` };
      target = next;
      request = {};
      continue;
    }
    return { accepted: res.status >= 200 && res.status < 300, status: res.status, detail: `HTTP ${res.status}` };
  }
  return { accepted: false, detail: 'too many redirects' };
}

/**
 * Replays the conformance cases at a publisher: a valid token (control), then hostile ones (replayed, expired, not yet
 * valid, wrong audience, wrong issuer, wrong `typ`, unknown key, tampered claims, `alg: none`), each posted as
 * `gar_token`; with `casService`, a valid CAS ticket then a reused one, one for another service and a forged one.
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
  const skip = new Set(options.skip ?? []);
  const issuer = options.issuer;
  const cases: ConformanceCaseResult[] = [];
  const record = (id: ConformanceCaseId, hostile: boolean, v: Visit | Error) => {
    const base = { id, title: CASE_TEXT[id].title, hostile };
    const result: ConformanceCaseResult =
      v instanceof Error
        ? {
            ...base,
            verdict: 'error',
            detail: `request failed: ${v.name === 'TimeoutError' ? 'timed out' : v.message}`,
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
  const post = async (token: string): Promise<Visit | Error> => {
    try {
      return await visit(
        doFetch,
        options.publisherUrl!,
        {
          method: 'POST',
          headers: { 'content-type': 'application/x-www-form-urlencoded' },
          body: new URLSearchParams({ gar_token: token }).toString(),
        },
        timeoutMs,
      );
    } catch (e) {
      return e instanceof Error ? e : new Error('unknown');
    }
  };
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

  const accepted = cases.filter((c) => c.hostile && c.verdict === 'fail').map((c) => c.id);
  const conclusive = cases.every((c) => c.verdict !== 'error' && (c.hostile || c.verdict === 'pass'));
  return {
    ...(options.publisherUrl === undefined ? {} : { publisherUrl: options.publisherUrl }),
    ...(options.casService === undefined ? {} : { casService: options.casService }),
    ...(options.audience === undefined ? {} : { audience: options.audience }),
    issuer: issuer.url,
    jwksUri: `${issuer.url}/.well-known/jwks.json`,
    startedAt: now().toISOString(),
    cases,
    accepted,
    conclusive,
  };
}

/** What the conformance run does not cover, said in every report and in the command's help. */
export const CONFORMANCE_NOT_COVERED =
  'Not covered: SAML 2.0 service providers and LTI 1.3 tools (no SAML or LTI case is replayed); test them with a ' +
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
  ];
  const lines = [
    `opengar conformance: ${targets.join(' and ')}`,
    `issuer ${report.issuer}, JWKS ${report.jwksUri}${report.audience ? `, audience ${report.audience}` : ''}`,
    '',
  ];
  for (const c of report.cases) {
    const mark = c.verdict === 'pass' ? 'PASS ' : c.verdict === 'fail' ? 'FAIL ' : 'ERROR';
    lines.push(`${mark} ${c.id.padEnd(18)} ${c.title}: ${c.detail}`);
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
