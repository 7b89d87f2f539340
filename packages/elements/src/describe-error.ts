import { isGarSdkError } from '@opengar/sdk';
import type { ErrorMessageKey } from './localize/translation.js';

/** The user message and the code for an error, so that a pupil reads something they can act on. */
export function describeError(error: unknown): { code: string; messageKey: ErrorMessageKey } {
  if (!isGarSdkError(error)) return { code: 'unexpected', messageKey: 'generic' };
  const code = error.code;
  switch (code) {
    case 'network':
      return { code, messageKey: 'offline' };
    case 'timeout':
      return { code, messageKey: 'timeout' };
    case 'token-expired':
    case 'unauthenticated':
      return { code, messageKey: 'session' };
    case 'forbidden':
      return { code, messageKey: 'forbidden' };
    case 'not-entitled':
    case 'not-found':
      return { code, messageKey: 'notEntitled' };
    case 'unavailable':
    case 'too-many-requests':
    case 'internal':
      return { code, messageKey: 'unavailable' };
    default:
      return { code, messageKey: 'generic' };
  }
}
