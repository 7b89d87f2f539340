/**
 * The claims of a verified `gar_token`: the registered JWT claims plus the GAR attributes the resource declared
 * (each present only when released). See the hand-off guide, "What you receive" (`docs/handoff.md`).
 *
 * @example
 * ```ts
 * const claims: GarClaims = await verifier.verify(token);
 * const school = claims.UAI?.[0];
 * const isPupil = claims.PRO === 'National_elv';
 * ```
 */
export interface GarClaims {
  /** The service's issuer URL. */
  readonly iss: string;
  /** The resource id (`idRessource`, e.g. `ark:/67890/dico`), as the token carries it. */
  readonly aud: string | readonly string[];
  /** The pairwise pseudonym, equal to `IDO`: 128 lower-case hex characters. */
  readonly sub: string;
  /** The pairwise pseudonym (always released). */
  readonly IDO: string;
  /** The school the person launched from: an array of one UAI. */
  readonly UAI?: readonly [string];
  /** Profile, e.g. `National_elv`, `National_ens`. */
  readonly PRO?: string;
  /** Family name. */
  readonly NOM?: string;
  /** First name. */
  readonly PRE?: string;
  /** Civility: `M.` or `Mme`. */
  readonly CIV?: string;
  /** E-mail address (staff only, never for a pupil). */
  readonly P_MEL?: string;
  /** Divisions at that school, `code##libellé`. */
  readonly DIV?: readonly string[];
  /** Groups at that school, `code##libellé`. */
  readonly GRO?: readonly string[];
  /** Teacher's MEFSTAT4 level codes. */
  readonly P_MS4?: readonly string[];
  /** Pupil's MEFSTAT4 level codes. */
  readonly E_MS4?: readonly string[];
  /**
   * The page the person asked for (a deep link, "grain"): an absolute URL inside the origins your resource declared,
   * checked by the service before signing. Absent when the person opened the resource itself. Land on it with
   * {@link landingUrl}.
   */
  readonly GRAIN?: string;
  /** Issued at, seconds since the epoch. */
  readonly iat: number;
  /** Not before, seconds since the epoch. */
  readonly nbf: number;
  /** Expiry, seconds since the epoch; at most 120 s after `iat`. */
  readonly exp: number;
  /** The single-use token id. */
  readonly jti: string;
}

/**
 * The names of the GAR attributes a token may carry, in the order of the reference table.
 *
 * @example
 * ```ts
 * for (const name of garAttributeNames) if (claims[name] !== undefined) console.log(name, claims[name]);
 * ```
 */
export const garAttributeNames = [
  'IDO',
  'UAI',
  'PRO',
  'NOM',
  'PRE',
  'CIV',
  'P_MEL',
  'DIV',
  'GRO',
  'P_MS4',
  'E_MS4',
] as const;

/**
 * One of the GAR attribute names ({@link garAttributeNames}).
 *
 * @example
 * ```ts
 * const shown: GarAttributeName[] = ['NOM', 'PRE'];
 * ```
 */
export type GarAttributeName = (typeof garAttributeNames)[number];
