import { escapeXml } from '../../http/escape-xml.js';
import type { CasSessionService } from './cas-session.js';

/** How long single logout waits for one service, in milliseconds. */
export const SINGLE_LOGOUT_TIMEOUT_MS = 3000;

/**
 * The SAML 2.0 `LogoutRequest` CAS sends a service at single logout, its `SessionIndex` the service ticket the
 * service's session was opened with.
 *
 * @example
 * ```ts
 * logoutRequestXml('ST-abc', new Date(), 'LR-1');
 * ```
 */
export function logoutRequestXml(ticket: string, now: Date, id: string): string {
  return (
    '<samlp:LogoutRequest xmlns:samlp="urn:oasis:names:tc:SAML:2.0:protocol" ' +
    `xmlns:saml="urn:oasis:names:tc:SAML:2.0:assertion" ID="${escapeXml(id)}" Version="2.0" ` +
    `IssueInstant="${now.toISOString()}"><saml:NameID>@NOT_USED@</saml:NameID>` +
    `<samlp:SessionIndex>${escapeXml(ticket)}</samlp:SessionIndex></samlp:LogoutRequest>`
  );
}

/**
 * The form body `logoutRequest=<LogoutRequest…>`. Only the characters a form decoder would misread (`%`, `&`, `+`,
 * `#`, controls and non-ASCII) are percent-encoded, so both clients that decode the form (`req.body.logoutRequest`)
 * and clients that search the raw body for `<samlp:SessionIndex>` (connect-cas2) read it.
 *
 * @example
 * ```ts
 * logoutRequestBody(logoutRequestXml(ticket, now, id));
 * ```
 */
export function logoutRequestBody(xml: string): string {
  return `logoutRequest=${xml.replace(/[%&+#\u0000-\u001f\u007f-\uffff]/g, (ch) => encodeURIComponent(ch))}`;
}

/** What happened to one service at single logout (the ticket is never reported). */
export interface SingleLogoutOutcome {
  service: string;
  outcome: 'notified' | 'refused' | 'unreachable' | 'not-registered';
  status?: number;
}

/** What {@link singleLogout} needs. */
export interface SingleLogoutDeps {
  /** Whether a service URL is still registered by a CAS resource (a service removed since gets nothing). */
  isRegistered(service: string): Promise<boolean>;
  now: Date;
  fetch?: typeof fetch;
  timeoutMs?: number;
}

/**
 * Sends each service of a session its `LogoutRequest` (back channel, `POST`, form-encoded, no redirect followed), all
 * at once, each bounded by {@link SINGLE_LOGOUT_TIMEOUT_MS}; never throws. A service that answers 2xx or 3xx was
 * notified.
 *
 * @example
 * ```ts
 * const outcomes = await singleLogout(session.services, { isRegistered, now: clock.now() });
 * ```
 */
export async function singleLogout(
  services: readonly CasSessionService[],
  deps: SingleLogoutDeps,
): Promise<SingleLogoutOutcome[]> {
  const doFetch = deps.fetch ?? globalThis.fetch;
  return Promise.all(
    services.map(async ({ service, ticket }): Promise<SingleLogoutOutcome> => {
      try {
        if (!(await deps.isRegistered(service))) return { service, outcome: 'not-registered' };
        const res = await doFetch(service, {
          method: 'POST',
          headers: { 'content-type': 'application/x-www-form-urlencoded' },
          body: logoutRequestBody(logoutRequestXml(ticket, deps.now, `LR-${globalThis.crypto.randomUUID()}`)),
          redirect: 'manual',
          signal: AbortSignal.timeout(deps.timeoutMs ?? SINGLE_LOGOUT_TIMEOUT_MS),
        });
        await res.body?.cancel();
        return { service, outcome: res.status < 400 ? 'notified' : 'refused', status: res.status };
      } catch {
        return { service, outcome: 'unreachable' };
      }
    }),
  );
}
