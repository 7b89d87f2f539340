import { z } from 'zod';
import { ATTRIBUTE_NAMES } from '../model/entities.js';
import { publisherUrlSchema, resourceIdSchema, vocabularyTermSchema } from '../model/primitives.js';
import { freeText, idText } from '../model/text.js';

const id = (max: number) => idText(z.string().min(1).max(max));
const name = (min: number) => freeText(z.string().min(min).max(255));

/** The national free offers a catalogue entry may belong to. */
export const NATIONAL_OFFERS = ['EDUTHEQUE', 'BRNE'] as const;
/** A national free offer: Éduthèque or a BRNE (banque de ressources numériques éducatives). */
export type NationalOffer = (typeof NATIONAL_OFFERS)[number];

/**
 * One resource of the publishers' catalogue of diffusable resources (`<ressourceDiffusable>`), in code names: GAR's
 * fields (`idRessource`, `nomRessource`, `idEditeur`, `nomEditeur`, `distributeursCom`, `distributeurTech`,
 * `affichable`, `diffusable`, `mereFamille`, `membreFamille`) then the ScoLOMFR description opengar adds (optional).
 *
 * @example
 * ```ts
 * const seller = { id: '123456789_0000000000000001', name: 'Éditions' };
 * catalogueEntrySchema.parse({ resourceId: 'ark:/67890/dico', name: 'Dico', publisherId: 'ed1', publisherName: 'Éditions',
 *   distributors: [seller], techDistributor: seller, displayable: true, diffusable: true });
 * ```
 */
export const catalogueEntrySchema = z.strictObject({
  /** `idRessource`. */
  resourceId: resourceIdSchema,
  /** `nomRessource`. */
  name: name(1),
  /** `idEditeur`: the publisher account that delivers the entry. */
  publisherId: id(64),
  /** `nomEditeur` (GAR sends it empty at times). */
  publisherName: name(0),
  /** `distributeursCom`: who sells it (`distributeurCom`, `nomDistributeurCom`). */
  distributors: z
    .array(z.strictObject({ id: id(64), name: name(0) }))
    .min(1)
    .max(20),
  /** `distributeurTech`, `nomDistributeurTech`. */
  techDistributor: z.strictObject({ id: id(64), name: name(0) }),
  /** `affichable`: whether a médiacentre shows it. */
  displayable: z.boolean(),
  /** `diffusable`: whether schools may subscribe to it. */
  diffusable: z.boolean(),
  /** `mereFamille`: the parent of a family. */
  familyParent: z.boolean().default(false),
  /** `membreFamille`: the `idRessource` of the family's parent(s) (a parent names itself). */
  familyIds: z.array(resourceIdSchema).max(20).default([]),
  /** `typePresentation` (opengar): `MAN`, `MUL`, `DIC`… */
  presentationType: z.strictObject({ code: z.string().regex(/^[A-Z]{3}$/), nom: name(0) }).optional(),
  /** `niveauEducatif` (ScoLOMFR). */
  levels: z.array(vocabularyTermSchema).max(50).default([]),
  /** `domaineEnseignement` (ScoLOMFR): the subjects. */
  teachingDomains: z.array(vocabularyTermSchema).max(50).default([]),
  /** `typePedagogique` (ScoLOMFR). */
  pedagogicalTypes: z.array(vocabularyTermSchema).max(50).default([]),
  /** `typologieDocument` (ScoLOMFR). */
  documentTypologies: z.array(vocabularyTermSchema).max(50).default([]),
  /** `gratuit` (opengar): free of charge or paid; absent when the publisher did not say. */
  free: z.boolean().optional(),
  /** `offreNationale` (opengar): Éduthèque, BRNE. */
  nationalOffers: z
    .array(z.enum(NATIONAL_OFFERS))
    .max(NATIONAL_OFFERS.length)
    .default([])
    .refine((a) => new Set(a).size === a.length, { message: 'offers must be unique', params: { code: 'conflict' } }),
  /** `attributDeclare` (opengar): the attributes the resource says it needs (`IDO` is always released). */
  declaredAttributes: z
    .array(z.enum(ATTRIBUTE_NAMES))
    .max(ATTRIBUTE_NAMES.length)
    .default([])
    .refine((a) => new Set(a).size === a.length, {
      message: 'attributes must be unique',
      params: { code: 'conflict' },
    }),
  /** `urlVignette` (opengar). */
  thumbnailUrl: publisherUrlSchema.optional(),
  /** `description` (opengar): the publisher's text, shown as text. */
  description: freeText(z.string().max(4000)).optional(),
});
/** A catalogue entry. */
export type CatalogueEntry = z.infer<typeof catalogueEntrySchema>;
/** A catalogue entry as a publisher writes it (fields with defaults may be left out). */
export type CatalogueEntryInput = z.input<typeof catalogueEntrySchema>;

/** The most entries one delivery may carry. */
export const MAX_CATALOGUE_ENTRIES = 5000;

/**
 * Body of `PUT /api/v1/publisher/catalogue`: the publisher's whole catalogue, which replaces the previous one.
 *
 * @example
 * ```ts
 * catalogueDeliverySchema.parse({ entries: [entry] });
 * ```
 */
export const catalogueDeliverySchema = z.strictObject({
  entries: z
    .array(catalogueEntrySchema)
    .max(MAX_CATALOGUE_ENTRIES)
    .refine((list) => new Set(list.map((e) => e.resourceId)).size === list.length, {
      message: 'each idRessource once',
      params: { code: 'conflict' },
    }),
});

/** Answer of `GET`/`PUT /api/v1/publisher/catalogue`. @example `publisherCatalogueSchema.parse(body).items` */
export const publisherCatalogueSchema = z.object({ items: z.array(catalogueEntrySchema) });

/** Where a school stands with a resource: a subscription valid now, none yet (or one to come), or only ended ones. */
export const catalogueStatusSchema = z.enum(['subscribed', 'not-subscribed', 'ended']);
/** A school's standing with a catalogue resource. */
export type CatalogueStatus = z.infer<typeof catalogueStatusSchema>;

/**
 * A catalogue entry as a school's staff read it: with the school's standing and the attributes the resource would
 * receive (the registered resource's declaration when it is registered, else the publisher's).
 *
 * @example
 * ```ts
 * const { items } = schoolCatalogueSchema.parse(body);
 * items.filter((e) => e.status === 'not-subscribed');
 * ```
 */
export const schoolCatalogueEntrySchema = catalogueEntrySchema.extend({
  status: catalogueStatusSchema,
  /** End of the subscription valid now (`subscribed`), or of the last one (`ended`). */
  until: z.string().optional(),
});
/** A catalogue entry with the school's standing. */
export type SchoolCatalogueEntry = z.infer<typeof schoolCatalogueEntrySchema>;

/** Answer of `GET /api/v1/schools/{uai}/catalogue`. @example `schoolCatalogueSchema.parse(body).items.length` */
export const schoolCatalogueSchema = z.object({ uai: z.string(), items: z.array(schoolCatalogueEntrySchema) });
/** A school's view of the catalogue. */
export type SchoolCatalogue = z.infer<typeof schoolCatalogueSchema>;
