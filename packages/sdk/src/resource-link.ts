/** What {@link resourceLink} builds a link from. */
export interface ResourceLinkOptions {
  /** The service's launch URL (`Mediacentre.launchUrl`, or `https://gar.example/launch`). */
  readonly launchUrl: string;
  /** The `idRessource`. */
  readonly resourceId: string;
  /**
   * A page of the resource (a grain): a path and query, or an absolute URL inside the origins the resource declared.
   * The service checks it before anything is signed.
   */
  readonly grain?: string;
  /** The ENT id to go through, skipping the choice of ENT (`idp_hint`). */
  readonly idpHint?: string;
}

function base64(value: string): string {
  let bin = '';
  for (const b of new TextEncoder().encode(value)) bin += String.fromCharCode(b);
  return btoa(bin);
}

/**
 * A link to a resource (or to one of its pages) that anyone entitled can open: `GET /launch?idRessource=…[&grain=…]`.
 * It names no ENT and no school, and holds no token: a browser that chose its ENT and school before goes through its
 * ENT at once; another first chooses them on the service's discovery page. Teachers paste it in the cahier de
 * textes; publishers use it to start a login knowing only their resource id.
 *
 * @example
 * ```ts
 * const link = resourceLink({ launchUrl: 'https://gar.example/launch', resourceId: 'ark:/67890/dico', grain: '/mot/grain' });
 * // https://gar.example/launch?idRessource=YXJrOi82Nzg5MC9kaWNv&grain=%2Fmot%2Fgrain
 * ```
 */
export function resourceLink(options: ResourceLinkOptions): string {
  if (typeof options.resourceId !== 'string' || options.resourceId === '')
    throw new TypeError('resourceLink: resourceId is required');
  const url = new URL(options.launchUrl);
  url.search = '';
  url.hash = '';
  url.searchParams.set('idRessource', base64(options.resourceId));
  if (options.grain !== undefined) url.searchParams.set('grain', options.grain);
  if (options.idpHint !== undefined) url.searchParams.set('idp_hint', options.idpHint);
  return url.href;
}
