import type { Resource, VocabularyTerm } from '@opengar/core';
import { z } from 'zod';

const termSchema = z.object({ uri: z.string(), nom: z.string() });

/** One `ressource` of GAR's médiacentre listing, every field of GAR's sample plus the optional `description`. */
export const garRessourceSchema = z.object({
  idRessource: z.string(),
  idType: z.string(),
  nomRessource: z.string(),
  idEditeur: z.string(),
  nomEditeur: z.string(),
  urlVignette: z.string(),
  urlAccesRessource: z.string(),
  typePresentation: z.object({ code: z.string(), nom: z.string() }),
  typePedagogique: z.array(termSchema),
  typologieDocument: z.array(termSchema),
  niveauEducatif: z.array(termSchema),
  domaineEnseignement: z.array(termSchema),
  nomSourceEtiquetteGar: z.string(),
  urlSourceEtiquette: z.string(),
  distributeurTech: z.string(),
  validateurTech: z.string(),
  description: z.string().optional(),
});
/** One resource of GAR's listing. */
export type GarRessource = z.infer<typeof garRessourceSchema>;

/**
 * GAR's médiacentre listing body: `{"listeRessources":{"ressource":[…]}}`.
 *
 * @example
 * ```ts
 * const listing = garListingSchema.parse(await res.json());
 * listing.listeRessources.ressource.map((r) => r.nomRessource);
 * ```
 */
export const garListingSchema = z.object({ listeRessources: z.object({ ressource: z.array(garRessourceSchema) }) });
/** GAR's listing body. */
export type GarListing = z.infer<typeof garListingSchema>;

/** What a listing entry needs besides the resource. */
export interface GarListingContext {
  /** The service's issuer URL (no trailing slash): `urlAccesRessource` points at its `GET /launch`. */
  issuer: string;
  /** `idENT` of the ENT asking. */
  entId: string;
  /** The school listed. */
  uai: string;
  /** `urlSourceEtiquette`: where the badge image is (GAR sends `""` or a logo URL). Default `""`. */
  badgeUrl?: string;
}

/**
 * Standard base64 of the UTF-8 bytes of a string, as GAR's launch links carry `idENT`, `idEtab` and `idRessource`.
 *
 * @example
 * ```ts
 * garBase64('ENTTEST1'); // 'RU5UVEVTVDE='
 * ```
 */
export function garBase64(value: string): string {
  let bin = '';
  for (const b of new TextEncoder().encode(value)) bin += String.fromCharCode(b);
  return btoa(bin);
}

/**
 * Decodes a base64 value of a GAR launch link (standard or URL-safe alphabet, padding optional) to UTF-8 text;
 * `undefined` when it is not base64 of valid UTF-8.
 *
 * @example
 * ```ts
 * decodeGarBase64('RU5UVEVTVDE='); // 'ENTTEST1'
 * ```
 */
export function decodeGarBase64(value: string): string | undefined {
  if (value.length === 0 || value.length > 4096 || !/^[A-Za-z0-9+/_-]+={0,2}$/.test(value)) return undefined;
  const std = value.replace(/-/g, '+').replace(/_/g, '/').replace(/=+$/, '');
  if (std.length % 4 === 1) return undefined;
  try {
    const bin = atob(std + '='.repeat((4 - (std.length % 4)) % 4));
    const bytes = Uint8Array.from(bin, (ch) => ch.charCodeAt(0));
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return undefined;
  }
}

/**
 * The GAR-style launch link of a resource: `GET /launch?idENT=&idEtab=&idRessource=` with base64 values.
 *
 * @example
 * ```ts
 * garLaunchUrl('https://gar.example', 'ENTTEST1', '0561641E', 'ark:/67890/dico');
 * // 'https://gar.example/launch?idENT=RU5UVEVTVDE%3D&idEtab=…&idRessource=…'
 * ```
 */
export function garLaunchUrl(issuer: string, entId: string, uai: string, resourceId: string): string {
  const q = (v: string) => encodeURIComponent(garBase64(v));
  return `${issuer}/launch?idENT=${q(entId)}&idEtab=${q(uai)}&idRessource=${q(resourceId)}`;
}

const terms = (list: readonly VocabularyTerm[]) => list.map((t) => ({ uri: t.uri, nom: t.nom }));

/**
 * Writes one resource as GAR's listing does, with `urlAccesRessource` pointing at the service's GAR-style launch
 * link (never at the publisher: the hand-off goes through the service).
 *
 * @example
 * ```ts
 * toGarRessource(resource, { issuer: 'https://gar.example', entId: 'ENTTEST1', uai: '0561641E' }).nomRessource;
 * ```
 */
export function toGarRessource(resource: Resource, ctx: GarListingContext): GarRessource {
  return {
    idRessource: resource.id,
    idType: resource.idType,
    nomRessource: resource.name,
    idEditeur: resource.publisherId,
    nomEditeur: resource.publisherName,
    urlVignette: resource.thumbnailUrl ?? '',
    urlAccesRessource: garLaunchUrl(ctx.issuer, ctx.entId, ctx.uai, resource.id),
    typePresentation: { code: resource.presentationType.code, nom: resource.presentationType.nom },
    typePedagogique: terms(resource.pedagogicalTypes),
    typologieDocument: terms(resource.documentTypologies),
    niveauEducatif: terms(resource.levels),
    domaineEnseignement: terms(resource.teachingDomains),
    nomSourceEtiquetteGar: 'GAR',
    urlSourceEtiquette: ctx.badgeUrl ?? '',
    distributeurTech: resource.techDistributor,
    validateurTech: resource.techValidator,
    ...(resource.description === undefined ? {} : { description: resource.description }),
  };
}

/**
 * GAR's listing body for a list of resources, in the given order.
 *
 * @example
 * ```ts
 * const body = toGarListing(resources, { issuer, entId: 'ENTTEST1', uai: '0561641E' });
 * body.listeRessources.ressource.length;
 * ```
 */
export function toGarListing(resources: readonly Resource[], ctx: GarListingContext): GarListing {
  return { listeRessources: { ressource: resources.map((r) => toGarRessource(r, ctx)) } };
}
