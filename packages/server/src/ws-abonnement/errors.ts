import type { ProblemCode } from '@opengar/core';
import { GarServerError } from '../kernel/gar-server-error.js';

/** Codes of refusals of GAR's subscription web service; each answers with its problem's status in GAR's `<Erreur>`. */
export type WsAbonnementErrorCode = 'malformed' | 'forbidden-construct' | 'invalid' | 'too-large';

const PROBLEMS: Record<WsAbonnementErrorCode, ProblemCode> = {
  malformed: 'bad-request',
  'forbidden-construct': 'bad-request',
  invalid: 'validation',
  'too-large': 'payload-too-large',
};

/**
 * A refusal of the XML subscription web service. `path` names the offending element (`/abonnement/nbLicenceEleve`)
 * and `message` says why; both go into GAR's `<Erreur>` body.
 *
 * @example
 * ```ts
 * try { parseAbonnement(xml, { mode: 'create' }, id); }
 * catch (e) { if (e instanceof WsAbonnementError && e.code === 'too-large') return erreurResponse(413, e.message); }
 * ```
 */
export class WsAbonnementError extends GarServerError {
  readonly code: WsAbonnementErrorCode;
  /** XML path of the offending element, `/` when the whole document is at fault. */
  readonly path: string;
  constructor(code: WsAbonnementErrorCode, path: string, message: string, options?: { cause?: unknown }) {
    super(PROBLEMS[code], `${path}: ${message}`, options?.cause === undefined ? {} : { cause: options.cause });
    this.name = 'WsAbonnementError';
    this.code = code;
    this.path = path;
  }
}
