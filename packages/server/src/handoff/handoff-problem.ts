import type { GrainRefusal, ProblemCode, ValidationIssue } from '@opengar/core';
import { problemResponse } from '../http/problem-response.js';
import type { HandoffRefusalReason } from './create-handoff.js';
import type { AuthnRequestRefusal } from './saml/saml-use-cases.js';
import type { LogoutRequestRefusal } from './saml/saml-logout-use-cases.js';

/**
 * Why a launch was refused before any entitlement check: posted from a foreign site, or a state or assertion used
 * a second time.
 */
export type LaunchGuardReason = 'foreign_origin' | 'state_reused' | 'assertion_reused';

/** What a hand-off route's problem says. */
export interface HandoffProblemInit {
  code: ProblemCode;
  status?: number;
  detail: string;
  requestId: string;
  instance: string;
  /** Why a hand-off was refused (an extension member). */
  reason?: HandoffRefusalReason | LaunchGuardReason | AuthnRequestRefusal | LogoutRequestRefusal;
  errors?: readonly ValidationIssue[];
  /** Extra response headers (`Allow`…). */
  headers?: Record<string, string>;
}

/**
 * An RFC 9457 problem of the hand-off routes, written by the one problem writer, never sending a referrer. Refusals
 * carry `reason`.
 *
 * @example
 * ```ts
 * handoffProblem({ code: 'not-entitled', detail, requestId, instance: '/launch', reason: 'no_copy' });
 * ```
 */
export function handoffProblem(init: HandoffProblemInit): Response {
  return problemResponse({
    code: init.code,
    ...(init.status === undefined ? {} : { status: init.status }),
    detail: init.detail,
    instance: init.instance,
    requestId: init.requestId,
    ...(init.reason === undefined ? {} : { extensions: { reason: init.reason } }),
    ...(init.errors === undefined ? {} : { errors: init.errors }),
    headers: { 'referrer-policy': 'no-referrer', ...init.headers },
  });
}

const REFUSALS: Record<HandoffRefusalReason, { status: number; code: ProblemCode; detail: string }> = {
  unknown_school: { status: 404, code: 'not-found', detail: 'No such school in your ENT.' },
  unknown_person: { status: 403, code: 'forbidden', detail: 'You are not in the directory of your ENT.' },
  unknown_resource: { status: 404, code: 'not-found', detail: 'No such resource.' },
  not_at_school: { status: 403, code: 'not-entitled', detail: 'You are not (or no longer) at this school.' },
  no_subscription: { status: 403, code: 'not-entitled', detail: 'Your school has no subscription to this resource.' },
  outside_validity: {
    status: 403,
    code: 'not-entitled',
    detail: 'Your school’s subscription to this resource is not valid today: it has expired or not started yet.',
  },
  audience_not_covered: {
    status: 403,
    code: 'not-entitled',
    detail: 'Your school’s subscription does not cover your profile.',
  },
  no_copy: {
    status: 403,
    code: 'not-entitled',
    detail: 'No licence of this resource is allocated to you at this school (it may have been withdrawn).',
  },
  invalid_service: { status: 400, code: 'bad-request', detail: 'The service URL is not registered for this resource.' },
  invalid_client: {
    status: 400,
    code: 'bad-request',
    detail: 'This app, or its redirect URI, is no longer registered for this resource.',
  },
  invalid_grain: {
    status: 400,
    code: 'validation',
    detail: 'The link to a page (grain) is not allowed for this resource.',
  },
};

/**
 * The problem answering a refused hand-off: `not-entitled` (403) with the reason, `not-found` for an unknown school
 * or resource.
 *
 * @example
 * ```ts
 * if (!result.ok) return refusalProblem(result.reason, requestId, '/launch');
 * ```
 */
export function refusalProblem(
  reason: HandoffRefusalReason,
  requestId: string,
  instance: string,
  grain?: GrainRefusal,
): Response {
  const r = REFUSALS[reason];
  const errors =
    grain === undefined ? {} : { errors: [{ pointer: '/grain', code: grain, message: GRAIN_MESSAGES[grain] }] };
  return handoffProblem({ ...r, reason, requestId, instance, ...errors });
}

/** What each grain refusal says, in the problem's `errors`. */
const GRAIN_MESSAGES: Record<GrainRefusal, string> = {
  too_long: 'the link is too long',
  control_character: 'the link holds a control character or a space',
  backslash: 'the link holds a backslash',
  encoded_separator: 'the link holds an encoded separator (%2f, %5c, %2e…) or a stray %',
  not_a_url: 'not a path (/…) or an absolute URL',
  scheme: 'only https (http on loopback) links are allowed',
  userinfo: 'a link may not hold user@',
  fragment: 'a link may not hold a fragment (#…)',
  not_canonical: 'the link is not written as the browser would write it',
  foreign_origin: 'the link leaves the origins this resource declared',
  no_grains: 'this resource accepts no link to a page',
};
