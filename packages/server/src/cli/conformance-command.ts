import { X509Certificate } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { Command, Option } from 'commander';
import { startConformanceIssuer } from '../conformance/conformance-issuer.js';
import type { ConformanceCaseId } from '../conformance/conformance-cases.js';
import { CASE_TEXT } from '../conformance/conformance-cases.js';
import { CONFORMANCE_NOT_COVERED, formatConformanceReport, runConformance } from '../conformance/run-conformance.js';
import { CliError } from './cli-error.js';

interface ConformanceFlags {
  audience?: string;
  casService?: string;
  samlAcs?: string;
  samlSp?: string;
  samlLogin?: string;
  samlEncryptTo?: string;
  ltiLogin?: string;
  ltiClientId?: string;
  ltiRedirect?: string;
  ltiDeploymentId: string;
  ltiTarget?: string;
  alg: 'ES256' | 'RS256' | 'EdDSA';
  listen: string;
  json: boolean;
  skip?: string;
  timeout: string;
}

function httpUrl(value: string, flag: string): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new CliError('usage', `${flag} must be an http(s) URL`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    throw new CliError('usage', `${flag} must be an http(s) URL`);
  return url.href;
}

function listenAddress(value: string): { host: string; port: number } {
  const m = /^(\[[0-9a-f:]+\]|[^:]+):(\d{1,5})$/i.exec(value);
  const port = m ? Number(m[2]) : Number.NaN;
  if (!m || !(port >= 0 && port <= 65535))
    throw new CliError('usage', '--listen must be host:port, e.g. 127.0.0.1:4790');
  return { host: m[1]!.replace(/^\[|\]$/g, ''), port };
}

/** The PEM certificate of a file (the SP's encryption certificate), or a usage error. */
function certificateFile(path: string): string {
  let pem: string;
  try {
    pem = readFileSync(path, 'utf8');
    new X509Certificate(pem);
  } catch {
    throw new CliError('usage', '--saml-encrypt-to must name a file holding a PEM certificate');
  }
  return pem;
}

/** The SAML and LTI targets of the flags (each flag set complete, or none of it), or a usage error. */
function samlAndLti(flags: ConformanceFlags) {
  const saml = flags.samlAcs ?? flags.samlSp;
  if (saml !== undefined && (flags.samlAcs === undefined || flags.samlSp === undefined))
    throw new CliError('usage', '--saml-acs and --saml-sp go together');
  if (flags.samlLogin !== undefined && saml === undefined) throw new CliError('usage', '--saml-login needs --saml-acs');
  if (flags.samlEncryptTo !== undefined && saml === undefined)
    throw new CliError('usage', '--saml-encrypt-to needs --saml-acs');
  const encryptTo = flags.samlEncryptTo === undefined ? undefined : certificateFile(flags.samlEncryptTo);
  const ltiGiven = [flags.ltiLogin, flags.ltiClientId, flags.ltiRedirect].filter((v) => v !== undefined).length;
  if (ltiGiven > 0 && ltiGiven < 3)
    throw new CliError('usage', '--lti-login, --lti-client-id and --lti-redirect go together');
  if (ltiGiven === 0 && flags.ltiTarget !== undefined) throw new CliError('usage', '--lti-target needs --lti-login');
  return {
    ...(saml === undefined
      ? {}
      : {
          saml: {
            acs: httpUrl(flags.samlAcs!, '--saml-acs'),
            entityId: flags.samlSp!,
            ...(flags.samlLogin === undefined ? {} : { loginUrl: httpUrl(flags.samlLogin, '--saml-login') }),
            ...(encryptTo === undefined ? {} : { encryptTo }),
          },
        }),
    ...(ltiGiven === 0
      ? {}
      : {
          lti: {
            loginUrl: httpUrl(flags.ltiLogin!, '--lti-login'),
            clientId: flags.ltiClientId!,
            redirectUri: httpUrl(flags.ltiRedirect!, '--lti-redirect'),
            deploymentId: flags.ltiDeploymentId,
            ...(flags.ltiTarget === undefined ? {} : { targetLinkUri: httpUrl(flags.ltiTarget, '--lti-target') }),
          },
        }),
  };
}

/**
 * `opengar conformance [<publisher-url> --audience <resource-id>] [--cas-service <url>] [--saml-acs <url> --saml-sp
 * <entity-id>] [--lti-login <url> --lti-client-id <id> --lti-redirect <url>]`: runs a temporary GAR issuer (its key
 * set at `<issuer>/.well-known/jwks.json`, CAS validation at `<issuer>/cas/…`, SAML IdP metadata at
 * `<issuer>/saml/metadata`, LTI platform `<issuer>`), replays valid and hostile hand-offs at the publisher and prints a
 * report; exits 1 when the publisher accepts a hostile hand-off or refuses a
 * valid one (inconclusive), 2 on a usage error, 0 otherwise.
 *
 * @example
 * ```ts
 * await createProgram().parseAsync(['node', 'opengar', 'conformance', 'http://127.0.0.1:4300/launch', '--audience', 'ark:/1/r']);
 * ```
 */
export function conformanceCommand(out: (line: string) => void, err: (text: string) => void): Command {
  return new Command('conformance')
    .description(
      'Replay hostile hand-offs (expired, wrong audience, replayed, wrong typ, unknown key, tampered claims, CAS ticket ' +
        'reuse and wrong service, SAML responses for another ACS or wrapped, LTI launches with a wrong state or azp…) ' +
        'at a publisher and report which it accepted. The publisher must trust the temporary issuer this command runs ' +
        '(--listen): issuer http://<listen>, JWKS http://<listen>/.well-known/jwks.json, CAS server ' +
        'http://<listen>/cas, SAML IdP metadata http://<listen>/saml/metadata (also its entity id), LTI platform ' +
        'http://<listen> (authorization endpoint http://<listen>/lti/authorize).',
    )
    .argument('[publisher-url]', 'where the publisher receives gar_token (its access URL)')
    .option(
      '--audience <resource-id>',
      'the publisher’s resource id (the aud of its tokens; required with <publisher-url>)',
    )
    .option('--cas-service <url>', 'the publisher’s CAS service URL: replay the CAS cases too (or only them)')
    .option(
      '--saml-acs <url>',
      'the SAML service provider’s ACS URL (HTTP-POST): replay the SAML cases (with --saml-sp)',
    )
    .option('--saml-sp <entity-id>', 'the SAML service provider’s entity id (the Audience)')
    .option(
      '--saml-login <url>',
      'for an SP that signs on only when asked: the URL starting its sign-on; each case then answers its AuthnRequest, ' +
        'and an unsolicited response and one InResponseTo an unknown request are replayed too',
    )
    .option(
      '--saml-encrypt-to <pem-file>',
      'the SP’s encryption certificate: encrypt every assertion to it (as opengar does when the SP asked)',
    )
    .option('--lti-login <url>', 'the LTI tool’s login initiation URL: replay the LTI cases (with the two below)')
    .option('--lti-client-id <id>', 'the LTI tool’s client id')
    .option('--lti-redirect <url>', 'the LTI tool’s registered redirect URI (where the id_token is posted)')
    .option('--lti-deployment-id <id>', 'the deployment id the tool knows', 'opengar-conformance')
    .option('--lti-target <url>', 'the launch’s target_link_uri (default: the redirect URI)')
    .addOption(
      new Option('--alg <alg>', 'the signing algorithm the publisher accepts')
        .choices(['ES256', 'RS256', 'EdDSA'])
        .default('ES256'),
    )
    .option('--listen <host:port>', 'where the temporary issuer listens', '127.0.0.1:4790')
    .option(
      '--skip <cases>',
      `hostile cases to skip, comma-separated (${Object.keys(CASE_TEXT)
        .filter((k) => !k.endsWith('control'))
        .join(', ')})`,
    )
    .option('--timeout <ms>', 'per request', '10000')
    .option('--json', 'print the report as JSON', false)
    .addHelpText(
      'after',
      '\nExit codes: 0 every hostile hand-off refused and the valid ones accepted; 1 a hostile hand-off accepted, or\n' +
        'a valid one refused (inconclusive); 2 usage error. A publisher refuses with a 4xx status (or a redirect to\n' +
        'another site); a final 2xx, after its own redirects, is an acceptance.\n' +
        CONFORMANCE_NOT_COVERED,
    )
    .action(async (publisherUrl: string | undefined, flags: ConformanceFlags) => {
      const { saml, lti } = samlAndLti(flags);
      if (publisherUrl === undefined && flags.casService === undefined && saml === undefined && lti === undefined)
        throw new CliError(
          'usage',
          'give a <publisher-url>, a --cas-service, a --saml-acs or an --lti-login (or several)',
        );
      if (publisherUrl !== undefined && flags.audience === undefined)
        throw new CliError('usage', '--audience is required with <publisher-url>');
      const target = publisherUrl === undefined ? undefined : httpUrl(publisherUrl, '<publisher-url>');
      const casService = flags.casService === undefined ? undefined : httpUrl(flags.casService, '--cas-service');
      const { host, port } = listenAddress(flags.listen);
      const timeoutMs = Number(flags.timeout);
      if (!Number.isInteger(timeoutMs) || timeoutMs < 100)
        throw new CliError('usage', '--timeout must be an integer ≥ 100');
      const skip = (flags.skip ?? '')
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean);
      for (const s of skip)
        if (!(s in CASE_TEXT) || s.endsWith('control'))
          throw new CliError('usage', `--skip: no hostile case named ${s}`);
      let issuer: Awaited<ReturnType<typeof startConformanceIssuer>>;
      try {
        issuer = await startConformanceIssuer({ alg: flags.alg, host, port });
      } catch (e) {
        throw new CliError(
          'listen',
          `cannot listen on ${flags.listen} (${e instanceof Error && 'code' in e ? String(e.code) : 'error'})`,
        );
      }
      try {
        err(
          `conformance issuer at ${issuer.url} (JWKS ${issuer.url}/.well-known/jwks.json, CAS ${issuer.url}/cas, ` +
            `SAML IdP metadata ${issuer.url}/saml/metadata, LTI authorization endpoint ${issuer.url}/lti/authorize); ` +
            `replaying at ${[target, casService, saml?.acs, lti?.loginUrl].filter(Boolean).join(' and ')}\n`,
        );
        // The JSON report has no room for it: said on stderr too.
        if (flags.json) err(`${CONFORMANCE_NOT_COVERED}\n`);
        const report = await runConformance({
          ...(target === undefined ? {} : { publisherUrl: target }),
          ...(flags.audience === undefined ? {} : { audience: flags.audience }),
          ...(casService === undefined ? {} : { casService }),
          ...(saml === undefined ? {} : { saml }),
          ...(lti === undefined ? {} : { lti }),
          issuer,
          skip: skip as ConformanceCaseId[],
          timeoutMs,
        });
        out(flags.json ? JSON.stringify(report, null, 2) : formatConformanceReport(report).trimEnd());
        if (report.accepted.length > 0)
          throw new CliError(
            'nonconformant',
            `the publisher accepted hostile hand-offs: ${report.accepted.join(', ')}`,
          );
        if (!report.conclusive)
          throw new CliError('nonconformant', 'inconclusive: a valid hand-off was refused or a request failed');
      } finally {
        await issuer.close();
      }
    });
}
