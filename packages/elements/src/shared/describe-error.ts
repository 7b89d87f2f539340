import { isGarSdkError } from '@opengar/sdk';
import type { ErrorMessageKey } from './localize.js';

// SDK error codes → the message a pupil can act on; any other code gets the generic one.
const MESSAGES: Partial<Record<string, ErrorMessageKey>> = {
  network: 'offline',
  timeout: 'timeout',
  'token-expired': 'session',
  unauthenticated: 'session',
  forbidden: 'forbidden',
  'not-entitled': 'notEntitled',
  'not-found': 'notEntitled',
  unavailable: 'unavailable',
  'too-many-requests': 'unavailable',
  internal: 'unavailable',
};

/** The user message and the code for an error, so that a pupil reads something they can act on. */
export function describeError(error: unknown): { code: string; messageKey: ErrorMessageKey } {
  if (!isGarSdkError(error)) return { code: 'unexpected', messageKey: 'generic' };
  return { code: error.code, messageKey: MESSAGES[error.code] ?? 'generic' };
}
