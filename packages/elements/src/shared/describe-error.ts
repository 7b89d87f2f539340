import { isGarSdkError, type GarNetworkReason } from '@opengar/sdk';
import type { ErrorMessageKey } from './localize.js';

// SDK error codes → the message a pupil can act on; any other code gets the generic one.
const MESSAGES: Partial<Record<string, ErrorMessageKey>> = {
  timeout: 'timeout',
  token: 'authRefused',
  'token-expired': 'session',
  unauthenticated: 'authRefused',
  forbidden: 'forbidden',
  'not-entitled': 'notEntitled',
  'not-found': 'notEntitled',
  unavailable: 'unavailable',
  'too-many-requests': 'unavailable',
  internal: 'unavailable',
};
// Why no answer came (GarNetworkError.reason) → its message.
const NETWORK: Record<GarNetworkReason, ErrorMessageKey> = {
  offline: 'offline',
  'origin-refused': 'originRefused',
  unreachable: 'unreachable',
};

/** The user message and the code for an error, so that a pupil reads something they can act on. */
export function describeError(error: unknown): { code: string; messageKey: ErrorMessageKey } {
  if (!isGarSdkError(error)) return { code: 'unexpected', messageKey: 'generic' };
  const reason = (error as { reason?: GarNetworkReason }).reason;
  const messageKey =
    error.code === 'network' ? (NETWORK[reason ?? 'unreachable'] ?? 'unreachable') : MESSAGES[error.code];
  return { code: error.code, messageKey: messageKey ?? 'generic' };
}
