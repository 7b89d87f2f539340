import { samlServiceProviderSchema } from './saml-provider.js';
import { z } from 'zod';
import { idText } from './text.js';

/** An identifier of at most `max` characters, by the core text rule. */
const idString = (max: number) => idText(z.string().min(1).max(max));
import { MAX_GRAIN_ORIGINS } from './grain.js';
import { grainOriginSchema } from './grain-origin.js';
import { ltiToolSchema } from './lti-tool.js';
import { audienceSchema, profileSchema, type Audience } from './profiles.js';
import {
  entIdSchema,
  licenceCountSchema,
  personIdSchema,
  publisherDateTimeSchema,
  publisherUrlSchema,
  resourceIdSchema,
  schoolYearSchema,
  uaiSchema,
  vocabularyTermSchema,
} from './primitives.js';

/** A public key set in JWK form (only public members are kept by the service). */
export const jwksSchema = z.strictObject({
  keys: z
    .array(z.looseObject({ kty: z.string(), kid: z.string().optional() }))
    .min(1)
    .max(20),
});

/** An ENT: a portal deployment that sends users (`idENT`). */
export const entSchema = z.strictObject({
  /** `idENT`. */
  id: entIdSchema,
  name: z.string().min(1).max(255),
  /** Inline public keys the ENT signs user assertions with. */
  jwks: jwksSchema.optional(),
  /** Or an https URL where they are published. */
  jwksUri: z
    .url({ protocol: /^https?$/ })
    .max(2048)
    .optional(),
  /** Browser origins allowed to call the service with this ENT's assertions (CORS). */
  origins: z.array(z.url().max(255)).max(50).default([]),
  /** Where GAR-style launch links send the browser to get an assertion (`?return_to=…&state=…`). */
  assertionEndpoint: publisherUrlSchema.optional(),
  /**
   * The ENT's allocation console, where its managers allocate licences (notification e-mails link there, with
   * `?uai=…`): https, or http on loopback.
   */
  consoleUrl: publisherUrlSchema.optional(),
  /** SHA-256 fingerprints (hex) of the client certificates the ENT's back end presents (mutual TLS). */
  clientCertFingerprints: z
    .array(z.string().regex(/^[0-9a-f]{64}$/))
    .max(10)
    .default([]),
});
/** An ENT (école/établissement numérique de travail) deployment. */
export type Ent = z.infer<typeof entSchema>;

/** A school (établissement or école), identified by its UAI. */
export const schoolSchema = z.strictObject({
  uai: uaiSchema,
  entId: entIdSchema,
  name: z.string().min(1).max(500),
  /** `1D` primary, `2D` secondary. */
  degree: z.enum(['1D', '2D']).default('2D'),
  natureUai: z.string().max(10).optional(),
  natureUaiLabel: z.string().max(255).optional(),
  typeUai: z.string().max(10).optional(),
  typeUaiLabel: z.string().max(255).optional(),
  commune: z.string().max(10).optional(),
  communeLabel: z.string().max(255).optional(),
  academie: z.string().max(10).optional(),
  academieLabel: z.string().max(255).optional(),
  departement: z.string().max(10).optional(),
  departementLabel: z.string().max(255).optional(),
  postalCode: z.string().max(10).optional(),
  locality: z.string().max(255).optional(),
  contactEmail: z.email().max(255).optional(),
});
/** A school. */
export type School = z.infer<typeof schoolSchema>;

/** One profile of a person at one school (`GARPersonProfils`). */
export const personProfileSchema = z.strictObject({ uai: uaiSchema, profile: profileSchema });
/** One profile at one school. */
export type PersonProfile = z.infer<typeof personProfileSchema>;

/** A person as the ENT's directory describes them. */
export const personSchema = z.strictObject({
  entId: entIdSchema,
  /** `GARPersonIdentifiant`: the ENT's id for the person. */
  id: personIdSchema,
  lastName: z.string().min(1).max(500),
  firstName: z.string().min(1).max(500),
  civility: z.enum(['M.', 'Mme']).optional(),
  /** Staff e-mail; never released for a pupil. */
  email: z.email().max(255).optional(),
  birthDate: z.iso.date().optional(),
  profiles: z.array(personProfileSchema).min(1).max(50),
  /** MEF codes the person is attached to, per school (`GARPersonMEF`). */
  mefs: z
    .array(z.strictObject({ uai: uaiSchema, code: idString(255) }))
    .max(100)
    .default([]),
});
/** A person of the directory. */
export type Person = z.infer<typeof personSchema>;

/** A MEF (module élémentaire de formation) of a school, with its MEFSTAT11 (secondary) or MEFSTAT4 (primary). */
export const mefSchema = z.strictObject({
  uai: uaiSchema,
  code: idString(255),
  label: z.string().max(255),
  mefStat11: z
    .string()
    .regex(/^\d{11}$/)
    .optional(),
  mefStat4: z
    .string()
    .regex(/^\d{4}$/)
    .optional(),
});
/** A MEF of a school. */
export type Mef = z.infer<typeof mefSchema>;

/** A division (class) or teaching group (`GARGroupe`). */
export const groupSchema = z.strictObject({
  uai: uaiSchema,
  code: idString(255),
  label: z.string().max(255),
  /** `DIVISION` for a class, `GROUPE` for a teaching group. */
  status: z.enum(['DIVISION', 'GROUPE']),
});
/** A division or group. */
export type Group = z.infer<typeof groupSchema>;

/** A subject of a school (`GARMatiere`). */
export const subjectSchema = z.strictObject({
  uai: uaiSchema,
  /** `GARMatiereCode`. */
  code: idString(255),
  /** `GARMatiereLibelle`. */
  label: z.string().max(255),
});
/** A subject of a school. */
export type Subject = z.infer<typeof subjectSchema>;

/** A teacher teaching a subject to a division or group (`GAREnsClasseMatiere`, `GAREnsGroupeMatiere`). */
export const teachingSchema = z.strictObject({
  uai: uaiSchema,
  personId: personIdSchema,
  /** The division's or group's `GARGroupeCode`. */
  groupCode: z.string().min(1).max(255),
  /** `GARMatiereCode`. */
  subject: z.string().min(1).max(255),
});
/** A teaching: who teaches what to which division or group. */
export type Teaching = z.infer<typeof teachingSchema>;

/** A person's membership of a division or group (`GARPersonGroupe`). */
export const membershipSchema = z.strictObject({
  uai: uaiSchema,
  groupCode: z.string().min(1).max(255),
  personId: personIdSchema,
});
/** A membership. */
export type Membership = z.infer<typeof membershipSchema>;

/** A publisher (éditeur) and the commercial distributor ids it sells under. */
export const publisherSchema = z.strictObject({
  /** `idEditeur`. */
  id: idString(64),
  name: z.string().min(1).max(255),
  /** `idDistributeurCom` values this account may create subscriptions with (`SIREN_16digits`). */
  distributorIds: z.array(idString(26)).min(1).max(20),
  /** SHA-256 fingerprints (hex) of client certificates for mutual TLS. */
  clientCertFingerprints: z
    .array(z.string().regex(/^[0-9a-f]{64}$/))
    .max(10)
    .default([]),
  contactEmail: z.email().max(255).optional(),
});
/** A publisher account. */
export type Publisher = z.infer<typeof publisherSchema>;

/** The attributes GAR may release to a resource (`IDO` is always released). */
export const ATTRIBUTE_NAMES = [
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
/** An attribute name. */
export type AttributeName = (typeof ATTRIBUTE_NAMES)[number];

/** Token signing algorithms a resource may ask for. ES256 is the default. */
export const SIGNING_ALGORITHMS = ['ES256', 'RS256', 'EdDSA'] as const;
/** A token signing algorithm. */
export type SigningAlgorithm = (typeof SIGNING_ALGORITHMS)[number];

/** Presentation type codes of GAR's listing, with their French labels. */
export const PRESENTATION_TYPES = {
  MAN: 'Manuels numériques',
  MUL: "Ressources d'enseignement multimédias",
  DIC: 'Dictionnaires et encyclopédies',
  ACC: 'Entraînement, accompagnement',
  PRE: 'Presse',
  ORI: 'Orientation',
  OUT: 'Outils et services',
} as const;

/** A resource of the catalogue, as registered by the operator. */
export const resourceSchema = z.strictObject({
  /** `idRessource`. */
  id: resourceIdSchema,
  /** `idType` / `typeIdRessource`, e.g. `ark`. */
  idType: z.string().min(1).max(50),
  name: z.string().min(1).max(255),
  /** `idEditeur`. */
  publisherId: idString(64),
  publisherName: z.string().min(1).max(255),
  /** `idDistributeurCom` values allowed to sell this resource. */
  distributorIds: z.array(idString(26)).min(1).max(20),
  /** `distributeurTech`. */
  techDistributor: z.string().max(255).default(''),
  /** `validateurTech`. */
  techValidator: z.string().max(255).default(''),
  thumbnailUrl: publisherUrlSchema.optional(),
  accessUrl: publisherUrlSchema,
  presentationType: z.strictObject({ code: z.string().regex(/^[A-Z]{3}$/), nom: z.string().max(255) }),
  pedagogicalTypes: z.array(vocabularyTermSchema).max(50).default([]),
  documentTypologies: z.array(vocabularyTermSchema).max(50).default([]),
  levels: z.array(vocabularyTermSchema).max(50).default([]),
  teachingDomains: z.array(vocabularyTermSchema).max(50).default([]),
  /** The attributes the resource declared; it receives exactly these (plus `IDO`). */
  declaredAttributes: z
    .array(z.enum(ATTRIBUTE_NAMES))
    .max(ATTRIBUTE_NAMES.length)
    .default([])
    .refine((a) => new Set(a).size === a.length, {
      message: 'attributes must be unique',
      params: { code: 'conflict' },
    }),
  /** `idRessource` of the family's parent (`membreFamille`): members share one pseudonym scope. */
  familyParentId: resourceIdSchema.optional(),
  /** How the user is handed to the resource. */
  protocol: z.enum(['jwt', 'cas', 'saml', 'lti']).default('jwt'),
  /** SAML 2.0 only (`protocol: 'saml'`): the service provider the resource is, as registered by the operator. */
  saml: samlServiceProviderSchema.optional(),
  /** LTI 1.3 (`protocol` `lti`): the tool's registration at opengar, the platform. */
  lti: ltiToolSchema.optional(),
  /** URLs the resource may receive users at (CAS `service` must match one exactly). */
  registeredUrls: z.array(publisherUrlSchema).max(20).default([]),
  /**
   * Origins its deep links (grains) may target: a link may carry a path and query inside one of them, which the
   * resource receives as the `GRAIN` claim (CAS: a `service` inside them). None: no grain is accepted.
   */
  grainOrigins: z
    .array(grainOriginSchema)
    .max(MAX_GRAIN_ORIGINS)
    .default([])
    .refine((a) => new Set(a).size === a.length, {
      message: 'origins must be unique',
      params: { code: 'conflict' },
    }),
  /** `affichable`: whether the médiacentre shows it. */
  displayable: z.boolean().default(true),
  description: z.string().max(4000).optional(),
  signingAlg: z.enum(SIGNING_ALGORITHMS).default('ES256'),
  /** A free national offer (Éduthèque, BRNE): every school gets an automatic subscription. */
  freeOffer: z.strictObject({ audiences: z.array(audienceSchema).min(1).max(4) }).optional(),
});
/** A resource of the catalogue. */
export type Resource = z.infer<typeof resourceSchema>;

/** The licence counts of a subscription: one global pool, or one pool per audience. */
export const licencesSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('global'), count: licenceCountSchema }),
  z.strictObject({
    kind: z.literal('perAudience'),
    counts: z.strictObject({
      ELEVE: licenceCountSchema,
      ENSEIGNANT: licenceCountSchema,
      DOCUMENTALISTE: licenceCountSchema,
      'AUTRE PERSONNEL': licenceCountSchema,
    }),
  }),
]);
/** Licence counts. */
export type Licences = z.infer<typeof licencesSchema>;

/**
 * GAR's subscription id (`idAbonnement`) as a publisher writes it: ≤45 characters, no spaces, not starting with `_`.
 *
 * @example
 * ```ts
 * garSubscriptionIdSchema.parse('dico-0561641E-2026');
 * ```
 */
export const garSubscriptionIdSchema = idText(
  z
    .string()
    .min(1)
    .max(45)
    .regex(/^[^\s_][^\s]*$/, { message: 'no spaces, and not starting with _' }),
);

/**
 * How the service names a subscription: GAR's id, or — when another distributor already used that id, since ids are
 * scoped by distributor — the id, a space and the distributor id (`ABO-1 123456789_0000000000000001`). Publishers
 * never see the second form; school consoles address subscriptions by it.
 *
 * @example
 * ```ts
 * allocateRequestSchema.parse({ subscriptionId: 'ABO-1 123456789_0000000000000001', targets });
 * ```
 */
export const subscriptionIdSchema = idText(
  z
    .string()
    .min(1)
    .max(72)
    .regex(/^[^\s_][^\s]*(?: [^\s]+)?$/, { message: 'no spaces, and not starting with _' }),
);

/** A subscription (`<abonnement>`): every field of GAR's web service, in code names. */
export const subscriptionSchema = z
  .strictObject({
    /** `idAbonnement`. */
    id: garSubscriptionIdSchema,
    /** `commentaireAbonnement`. */
    comment: z.string().max(255).optional(),
    /** `idDistributeurCom`. */
    distributorId: idString(26),
    /** `idRessource`. */
    resourceId: resourceIdSchema,
    /** `typeIdRessource`. */
    resourceIdType: z.string().min(1).max(50),
    /** `libelleRessource`. */
    resourceLabel: z.string().min(1).max(255),
    /** `debutValidite`. */
    validFrom: publisherDateTimeSchema,
    /** `finValidite`, or the end of `anneeFinValidite` resolved by {@link schoolYearEnd}. */
    validUntil: publisherDateTimeSchema,
    /** `anneeFinValidite` when the publisher gave a school year rather than a date. */
    endSchoolYear: schoolYearSchema.optional(),
    /** `uaiEtab`. */
    uai: uaiSchema,
    /** `categorieAffectation`. */
    category: z.enum(['transferable', 'non transferable']),
    /** `typeAffectation`. */
    type: z.enum(['ETABL', 'INDIV']),
    /** `nbLicenceGlobale`, or the four per-audience counts. */
    licences: licencesSchema,
    /** `publicCible`, one or more. */
    audiences: z
      .array(audienceSchema)
      .min(1)
      .max(4)
      .refine((a) => new Set(a).size === a.length, { message: 'audiences must be unique' }),
    /** `codeProjetRessource`. */
    projectCode: idString(50).optional(),
    /** An automatic subscription of a free national offer (`AUTO_<UAI>_…`). */
    automatic: z.boolean().default(false),
  })
  .refine((s) => Date.parse(s.validFrom) < Date.parse(s.validUntil), {
    message: 'validity must end after it starts',
    path: ['validUntil'],
  });
/** A subscription. */
export type Subscription = z.infer<typeof subscriptionSchema>;

/**
 * The audiences a division or group target gives to (its population): absent means the pupils only (our rule: a class
 * given a textbook is its pupils; its teachers only when asked).
 */
const populationSchema = z
  .array(audienceSchema)
  .min(1)
  .max(4)
  .refine((a) => new Set(a).size === a.length, { message: 'audiences must be unique', params: { code: 'conflict' } })
  .optional();

/**
 * Whom an allocation gives copies to: an audience of the school, a division or group (its pupils unless `audiences`
 * says otherwise), a level (every pupil whose MEF is at that MEFSTAT4), the teachers of a subject (`GARMatiereCode`)
 * in some divisions, or one person.
 */
export const allocationTargetSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('audience'), audience: audienceSchema }),
  z.strictObject({ kind: z.literal('division'), code: idString(255), audiences: populationSchema }),
  z.strictObject({ kind: z.literal('group'), code: idString(255), audiences: populationSchema }),
  z.strictObject({ kind: z.literal('level'), mefStat4: z.string().regex(/^\d{4}$/) }),
  z.strictObject({
    kind: z.literal('subjectTeachers'),
    subject: idString(255),
    divisions: z
      .array(idString(255))
      .min(1)
      .max(100)
      .refine((a) => new Set(a).size === a.length, {
        message: 'divisions must be unique',
        params: { code: 'conflict' },
      }),
  }),
  z.strictObject({ kind: z.literal('person'), personId: personIdSchema }),
]);
/** An allocation target. */
export type AllocationTarget = z.infer<typeof allocationTargetSchema>;

/** An allocation (affectation): a subscription given to a target. */
export interface Allocation {
  id: string;
  subscriptionId: string;
  uai: string;
  target: AllocationTarget;
  createdAt: string;
  /** The ENT person id of the manager who made it, or `system`. */
  createdBy: string;
}

/** One licence copy held by one person (one per person per subscription). */
export interface LicenceCopy {
  subscriptionId: string;
  uai: string;
  personId: string;
  /** The pool it counts in. */
  audience: Audience;
  /** The allocation that gave it (the first one, when several targets cover the person). */
  allocationId: string;
  assignedAt: string;
  /** Set the first time the holder opened the resource; a non-transferable copy can no longer be withdrawn. */
  firstOpenedAt?: string;
}

/** A delegation of the allocation-manager role to a staff member of the school. */
export interface Delegation {
  uai: string;
  delegateId: string;
  grantedBy: string;
  grantedAt: string;
  revokedAt?: string;
}

/** A person the RespAff feed names as allocation manager of some schools. */
export const respAffSchema = z.strictObject({
  entId: entIdSchema,
  personId: personIdSchema,
  email: z.email().max(255).optional(),
  uais: z.array(uaiSchema).min(1).max(200),
});
/** A RespAff entry. */
export type RespAff = z.infer<typeof respAffSchema>;
