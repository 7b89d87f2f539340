/** Codes of refusals of GAR's subscription web service, each mapped to an HTTP status by the routes. */
export type WsAbonnementErrorCode =
  | 'malformed'
  | 'forbidden_construct'
  | 'invalid'
  | 'too_large';

/**
 * A refusal of the XML subscription web service. `path` names the offending element (`/abonnement/nbLicenceEleve`)
 * and `message` says why; both go into GAR's `<Erreur>` body.
 *
 * @example
 * ```ts
 * try { parseAbonnement(xml, { mode: 'create' }, id); }
 * catch (e) { if (e instanceof WsAbonnementError && e.code === 'too_large') return erreurResponse(413, e.message); }
 * ```
 */
export class WsAbonnementError extends Error {
  readonly code: WsAbonnementErrorCode;
  /** XML path of the offending element, `/` when the whole document is at fault. */
  readonly path: string;
  constructor(code: WsAbonnementErrorCode, path: string, message: string, options?: { cause?: unknown }) {
    super(`${path}: ${message}`, options);
    this.name = 'WsAbonnementError';
    this.code = code;
    this.path = path;
  }
}
