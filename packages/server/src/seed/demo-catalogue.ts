import {
  PRESENTATION_TYPES,
  type AttributeName,
  type Ent,
  type Publisher,
  type Resource,
  type School,
  type VocabularyTerm,
} from '@opengar/core';
import { DEMO_CREDENTIALS } from './demo-credentials.js';

/** The demo ENT's `idENT`. */
export const DEMO_ENT_ID = 'ENT-DEMO';

/** The demo schools' UAIs. */
export const DEMO_UAI = { college: '0561641E', lycee: '0561622J', ecole: '0561800C' } as const;

/** Where the demo catalogue points its thumbnails and access URLs, and where the demo ENT lives. */
export interface DemoCatalogueOptions {
  /** Base URL of the example resource provider; `http://127.0.0.1:4100` by default. */
  providerBaseUrl?: string;
  /** Base URL of the example ENT (its origin and assertion endpoint); `http://127.0.0.1:4200` by default. */
  entBaseUrl?: string;
}

/** The registry part of the demo: ENT, schools, publishers and resources. */
export interface DemoCatalogue {
  ent: Ent;
  schools: School[];
  publishers: Publisher[];
  resources: Resource[];
}

const term = (vocabulary: string, id: string, nom: string): VocabularyTerm => ({
  uri: `http://data.education.fr/voc/scolomfr/concept/${vocabulary}/${id}`,
  nom,
});
const level = (key: string, nom: string): VocabularyTerm => ({
  uri: `http://data.education.fr/voc/scolomfr/concept/${key}`,
  nom,
});
const LEVEL = {
  college: level('college', 'collège'),
  lycee: level('lycee-general-et-technologique', 'lycée général et technologique'),
  '6e': level('6e', '6e'),
  '5e': level('5e', '5e'),
  '3e': level('3e', '3e'),
  '2nde': level('2nde', 'seconde générale et technologique'),
  '1re': level('1re', 'première générale'),
  tle: level('tle', 'terminale générale'),
  cp: level('cp', 'CP'),
  'cycle-2': level('cycle-2', 'cycle 2'),
  'cycle-3': level('cycle-3', 'cycle 3'),
};
const PEDA = {
  manuel: term('scolomfr-voc-010', 'manuel', 'manuel'),
  exercice: term('scolomfr-voc-010', 'exercice', 'exercice'),
  reference: term('scolomfr-voc-010', 'ressource-de-reference', 'ressource de référence'),
  animation: term('scolomfr-voc-010', 'animation', 'animation'),
};
const slug = (s: string): string =>
  s
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^a-z]+/g, '-')
    .replace(/^-|-$/g, '');
const DOMAIN = (nom: string): VocabularyTerm => term('scolomfr-voc-015', slug(nom), nom);

interface ResourceSpec {
  slug: string;
  naan: string;
  name: string;
  publisher: Publisher;
  type: keyof typeof PRESENTATION_TYPES;
  attributes: AttributeName[];
  levels: VocabularyTerm[];
  domains: string[];
  pedagogical: VocabularyTerm[];
  description: string;
  extra?: Partial<Resource>;
  /** A SAML 2.0 service provider: its ACS is the access URL, its entity id `{access URL}/metadata`. */
  saml?: true;
  /** An LTI 1.3 tool of the example provider, at `/lti/{slug}/…` (see {@link demoLtiTool}). */
  ltiTool?: boolean;
}

const publisher = (id: string, name: string, siren: string, serial: number): Publisher => ({
  id,
  name,
  distributorIds: [`${siren}_${String(serial).padStart(16, '0')}`],
  clientCertFingerprints: [],
  contactEmail: `contact@${id}.example`,
});

/** The demo publishers; the first distributor id of each is the one its subscriptions use. */
export const DEMO_PUBLISHERS: readonly Publisher[] = [
  publisher('editions-horizon', 'Éditions Horizon', '412385901', 1),
  publisher('lexique-et-cie', 'Lexique & Cie', '523019874', 7),
  publisher('exo-academie', 'Exo Académie', '808154326', 12),
  publisher('presse-jeunesse', 'Presse Jeunesse Numérique', '351620478', 3),
  publisher('offre-nationale', 'Offre nationale (démo Éduthèque)', '130012345', 1),
];
for (const p of DEMO_PUBLISHERS)
  if (!(p.id in DEMO_CREDENTIALS.publisherApiKeys)) throw new Error(`no demo key for ${p.id}`);

const [HORIZON, LEXIQUE, EXO, PRESSE, NATIONALE] = DEMO_PUBLISHERS as [
  Publisher,
  Publisher,
  Publisher,
  Publisher,
  Publisher,
];

const SPECS: readonly ResourceSpec[] = [
  {
    slug: 'maths-6e',
    naan: '99101',
    name: 'Mathématiques 6e – manuel numérique',
    publisher: HORIZON,
    type: 'MAN',
    attributes: ['UAI', 'PRO', 'DIV', 'E_MS4', 'P_MS4'],
    levels: [LEVEL['6e']],
    domains: ['Mathématiques'],
    pedagogical: [PEDA.manuel],
    description: 'Le manuel de mathématiques de 6e, avec exercices interactifs et vidéos de cours.',
  },
  {
    slug: 'francais-5e',
    naan: '99101',
    name: 'Français 5e – manuel numérique',
    publisher: HORIZON,
    type: 'MAN',
    attributes: ['UAI', 'PRO', 'NOM', 'PRE', 'DIV'],
    levels: [LEVEL['5e']],
    domains: ['Français'],
    pedagogical: [PEDA.manuel],
    description: 'Textes, grammaire et expression écrite pour la classe de 5e.',
  },
  {
    slug: 'histoire-geo-3e',
    naan: '99101',
    name: 'Histoire-géographie 3e',
    publisher: HORIZON,
    type: 'MAN',
    attributes: ['UAI', 'PRO', 'DIV', 'GRO'],
    levels: [LEVEL['3e']],
    domains: ['Histoire-géographie'],
    pedagogical: [PEDA.manuel],
    description: "Le programme d'histoire-géographie et d'EMC de 3e, préparation au brevet.",
  },
  {
    slug: 'physique-chimie-2nde',
    naan: '99101',
    name: 'Physique-chimie 2nde',
    publisher: HORIZON,
    type: 'MAN',
    attributes: ['UAI', 'PRO', 'NOM', 'PRE', 'DIV', 'E_MS4'],
    levels: [LEVEL['2nde']],
    domains: ['Physique-chimie'],
    pedagogical: [PEDA.manuel],
    description: 'Manuel de physique-chimie de seconde, de la collection Sciences lycée.',
    extra: { familyParentId: 'ark:/99101/sciences-lycee' },
  },
  {
    slug: 'svt-2nde',
    naan: '99101',
    name: 'SVT 2nde',
    publisher: HORIZON,
    type: 'MAN',
    attributes: ['UAI', 'PRO', 'NOM', 'PRE', 'DIV', 'E_MS4'],
    levels: [LEVEL['2nde']],
    domains: ['Sciences de la vie et de la Terre'],
    pedagogical: [PEDA.manuel],
    description: 'Manuel de SVT de seconde, de la collection Sciences lycée.',
    extra: { familyParentId: 'ark:/99101/sciences-lycee' },
  },
  {
    slug: 'anglais-1re',
    naan: '99101',
    name: 'Anglais 1re – Crossroads',
    publisher: HORIZON,
    type: 'MAN',
    attributes: ['UAI', 'PRO', 'CIV', 'NOM', 'PRE', 'GRO'],
    levels: [LEVEL['1re']],
    domains: ['Anglais'],
    pedagogical: [PEDA.manuel],
    description: 'Anglais LVA, classe de première, avec fichiers audio.',
  },
  {
    slug: 'dictionnaire',
    naan: '99202',
    name: 'Le Dictionnaire scolaire',
    publisher: LEXIQUE,
    type: 'DIC',
    attributes: ['UAI', 'PRO'],
    levels: [LEVEL.college, LEVEL.lycee],
    domains: ['Français'],
    pedagogical: [PEDA.reference],
    description: 'Dictionnaire de la langue française, conjugaison et synonymes.',
  },
  {
    slug: 'encyclopedie',
    naan: '99202',
    name: 'Encyclopédie junior',
    publisher: LEXIQUE,
    type: 'DIC',
    attributes: ['UAI'],
    levels: [LEVEL.college, LEVEL.lycee],
    domains: ['Pluridisciplinaire'],
    pedagogical: [PEDA.reference],
    description: 'Une encyclopédie illustrée, rédigée pour les 11–18 ans.',
  },
  {
    slug: 'atelier-creation',
    naan: '99202',
    name: 'Atelier de création multimédia',
    publisher: LEXIQUE,
    type: 'OUT',
    attributes: ['UAI', 'PRO', 'NOM', 'PRE', 'P_MEL'],
    levels: [LEVEL.college, LEVEL.lycee],
    domains: ['Pluridisciplinaire'],
    pedagogical: [PEDA.animation],
    description: 'Créer des cartes mentales, frises et podcasts en classe.',
    extra: { signingAlg: 'RS256' },
  },
  {
    slug: 'exos-maths-college',
    naan: '99303',
    name: 'Exo Maths collège',
    publisher: EXO,
    type: 'ACC',
    attributes: ['UAI', 'PRO', 'NOM', 'PRE', 'DIV', 'GRO', 'P_MEL'],
    levels: [LEVEL.college],
    domains: ['Mathématiques'],
    pedagogical: [PEDA.exercice],
    description: 'Exercices de mathématiques corrigés pas à pas, du 6e au 3e.',
  },
  {
    slug: 'revisions-bac',
    naan: '99303',
    name: 'Révisions bac',
    publisher: EXO,
    type: 'ACC',
    attributes: ['UAI', 'PRO', 'DIV'],
    levels: [LEVEL.tle],
    domains: ['Pluridisciplinaire'],
    pedagogical: [PEDA.exercice],
    description: 'Fiches et annales pour préparer le baccalauréat (accès CAS).',
    extra: { protocol: 'cas' },
  },
  {
    slug: 'orientation',
    naan: '99303',
    name: 'Mon orientation',
    publisher: EXO,
    type: 'ORI',
    attributes: ['UAI', 'PRO', 'E_MS4'],
    levels: [LEVEL.lycee],
    domains: ['Orientation'],
    pedagogical: [PEDA.reference],
    description: 'Découvrir les métiers et les formations après la seconde.',
    extra: { signingAlg: 'EdDSA' },
  },
  {
    slug: 'quotidien-ados',
    naan: '99404',
    name: 'Le Quotidien des ados',
    publisher: PRESSE,
    type: 'PRE',
    attributes: ['UAI', 'PRO'],
    levels: [LEVEL.college],
    domains: ['Éducation aux médias'],
    pedagogical: [PEDA.reference],
    description: "Un journal d'actualité quotidien pour les collégiens.",
  },
  {
    slug: 'actu-eco',
    naan: '99404',
    name: 'Actu éco lycée',
    publisher: PRESSE,
    type: 'PRE',
    attributes: ['UAI', 'PRO', 'DIV'],
    levels: [LEVEL.lycee],
    domains: ['Sciences économiques et sociales'],
    pedagogical: [PEDA.reference],
    description: "L'économie expliquée chaque semaine aux lycéens.",
  },
  {
    slug: 'atlas-interactif',
    naan: '99505',
    name: 'Atlas interactif',
    publisher: NATIONALE,
    type: 'MUL',
    attributes: ['UAI', 'PRO', 'P_MS4'],
    levels: [LEVEL.college, LEVEL.lycee],
    domains: ['Histoire-géographie'],
    pedagogical: [PEDA.animation],
    description: 'Cartes interactives et fonds de carte, offre nationale gratuite (démo de type Éduthèque).',
    extra: { freeOffer: { audiences: ['ENSEIGNANT', 'DOCUMENTALISTE', 'ELEVE'] } },
  },
  // The école's resources (cycles 2 and 3), after the others so that their order and ids stay.
  {
    slug: 'lecture-cp',
    naan: '99101',
    name: 'Je lis avec Pic – lecture CP',
    publisher: HORIZON,
    type: 'MAN',
    attributes: ['UAI', 'PRO', 'DIV', 'E_MS4'],
    levels: [LEVEL.cp, LEVEL['cycle-2']],
    domains: ['Français'],
    pedagogical: [PEDA.manuel],
    description: 'Apprendre à lire au CP avec Pic le hérisson : sons, syllabes et petites histoires à écouter.',
  },
  {
    slug: 'calcul-malin',
    naan: '99303',
    name: 'Calcul malin – cycles 2 et 3',
    publisher: EXO,
    type: 'ACC',
    attributes: ['UAI', 'PRO', 'DIV'],
    levels: [LEVEL['cycle-2'], LEVEL['cycle-3']],
    domains: ['Mathématiques'],
    pedagogical: [PEDA.exercice],
    description: 'Du calcul mental en petits défis, du CP au CM2.',
  },
  {
    slug: 'imagier-sonore',
    naan: '99202',
    name: 'Imagier sonore',
    publisher: LEXIQUE,
    type: 'DIC',
    attributes: ['UAI'],
    levels: [LEVEL['cycle-2']],
    domains: ['Français'],
    pedagogical: [PEDA.reference],
    description: 'Des images et des mots à écouter, pour les plus jeunes lecteurs.',
  },
  {
    slug: 'petits-films',
    naan: '99505',
    name: 'Petits films des fondamentaux',
    publisher: NATIONALE,
    type: 'MUL',
    attributes: ['UAI', 'PRO'],
    levels: [LEVEL['cycle-2'], LEVEL['cycle-3']],
    domains: ['Français', 'Mathématiques'],
    pedagogical: [PEDA.animation],
    description: 'Des films très courts pour comprendre lire, écrire et compter, offre nationale gratuite (démo).',
    extra: { freeOffer: { audiences: ['ENSEIGNANT', 'ELEVE'] } },
  },
  // A SAML 2.0 service provider (an existing publisher platform, unchanged), after the others so that ids stay.
  {
    slug: 'quiz-sciences',
    naan: '99303',
    name: 'Quiz sciences',
    publisher: EXO,
    type: 'ACC',
    attributes: ['UAI', 'PRO', 'NOM', 'PRE', 'DIV'],
    levels: [LEVEL.college],
    domains: ['Physique-chimie', 'SVT'],
    pedagogical: [PEDA.exercice],
    description: 'Quiz de sciences physiques et de SVT, du 5e au 3e (accès SAML 2.0).',
    saml: true,
  },
  {
    slug: 'cartes-lti',
    naan: '99101',
    name: 'Cartothèque (outil LTI)',
    publisher: HORIZON,
    type: 'MUL',
    attributes: ['UAI', 'PRO', 'DIV'],
    levels: [LEVEL.college],
    domains: ['Histoire-géographie'],
    pedagogical: [PEDA.animation],
    description:
      'Cartes et croquis interactifs, ouverts en LTI 1.3 ; l’enseignant peut recommander une carte à sa classe.',
    ltiTool: true,
  },
];

/**
 * The `idRessource` of a demo resource from its slug.
 *
 * @example
 * ```ts
 * demoResourceId('maths-6e'); // 'ark:/99101/maths-6e'
 * ```
 */
export function demoResourceId(slug: string): string {
  const spec = SPECS.find((s) => s.slug === slug);
  if (!spec) throw new TypeError(`unknown demo resource ${slug}`);
  return `ark:/${spec.naan}/${spec.slug}`;
}

function resourceOf(spec: ResourceSpec, base: string): Resource {
  const id = `ark:/${spec.naan}/${spec.slug}`;
  const accessUrl = `${base}/resources/${spec.slug}`;
  return {
    id,
    idType: 'ark',
    name: spec.name,
    publisherId: spec.publisher.id,
    publisherName: spec.publisher.name,
    distributorIds: [...spec.publisher.distributorIds],
    techDistributor: spec.publisher.name,
    techValidator: 'opengar démo',
    thumbnailUrl: `${base}/thumbnails/${spec.slug}.svg`,
    accessUrl,
    presentationType: { code: spec.type, nom: PRESENTATION_TYPES[spec.type] },
    pedagogicalTypes: spec.pedagogical,
    documentTypologies: [],
    levels: spec.levels,
    teachingDomains: spec.domains.map(DOMAIN),
    declaredAttributes: spec.attributes,
    protocol: 'jwt',
    registeredUrls: [accessUrl],
    grainOrigins: spec.type === 'MAN' || spec.type === 'DIC' ? [new URL(base).origin] : [], // pages worth linking to
    displayable: true,
    description: spec.description,
    signingAlg: 'ES256',
    ...(spec.saml
      ? {
          protocol: 'saml' as const,
          saml: {
            entityId: `${accessUrl}/metadata`,
            acsUrls: [accessUrl],
            signingCertificates: [],
            encryptAssertions: false,
            requireSignedAuthnRequests: false,
          },
        }
      : {}),
    ...spec.extra,
    ...(spec.ltiTool ? demoLtiTool(base, spec.slug) : {}),
  };
}

/**
 * The LTI registration of a demo tool served by the example provider at `{base}/lti/{slug}/`: login initiation,
 * launch (also its Deep Linking picker), keys; its pages are grains of the provider's origin.
 *
 * @example
 * ```ts
 * demoLtiTool('http://127.0.0.1:4100', 'cartes-lti').lti.loginUrl; // 'http://127.0.0.1:4100/lti/cartes-lti/login'
 * ```
 */
export function demoLtiTool(base: string, slug: string) {
  const tool = `${base}/lti/${slug}`;
  return {
    protocol: 'lti' as const,
    grainOrigins: [new URL(base).origin],
    lti: {
      clientId: `opengar-demo-${slug}`,
      loginUrl: `${tool}/login`,
      redirectUris: [`${tool}/launch`],
      targetLinkUri: `${tool}/launch`,
      jwksUrl: `${tool}/keys`,
      deploymentIds: ['opengar-demo'],
      deepLinkingUrl: `${tool}/launch`,
    },
  };
}

/**
 * The demo registry: the ENT `ENT-DEMO`, a collège, a lycée and an école élémentaire of the académie de Rennes, five
 * publishers and twenty-one resources covering every presentation type (a family of two, a CAS resource, a SAML resource, an LTI tool, two free national
 * offers, four for cycles 2 and 3).
 *
 * @example
 * ```ts
 * const { resources } = demoCatalogue({ providerBaseUrl: 'http://127.0.0.1:4100' });
 * ```
 */
export function demoCatalogue(options: DemoCatalogueOptions = {}): DemoCatalogue {
  const base = (options.providerBaseUrl ?? 'http://127.0.0.1:4100').replace(/\/+$/, '');
  const entBase = (options.entBaseUrl ?? 'http://127.0.0.1:4200').replace(/\/+$/, '');
  const common = {
    entId: DEMO_ENT_ID,
    degree: '2D' as '1D' | '2D',
    commune: '56260',
    communeLabel: 'Vannes',
    academie: '14',
    academieLabel: 'Rennes',
    departement: '056',
    departementLabel: 'Morbihan',
    postalCode: '56000',
    locality: 'VANNES',
  };
  return {
    ent: {
      id: DEMO_ENT_ID,
      name: 'ENT de démonstration',
      jwks: { keys: [{ ...DEMO_CREDENTIALS.entSigningKey.publicJwk }] },
      origins: [entBase, 'http://localhost:6006'],
      assertionEndpoint: `${entBase}/gar/assertion`,
      consoleUrl: `${entBase}/console`,
      clientCertFingerprints: [],
    },
    schools: [
      {
        ...common,
        uai: DEMO_UAI.college,
        name: 'Collège Anne de Bretagne',
        natureUai: '340',
        natureUaiLabel: 'Collège',
        typeUai: 'CLG',
        typeUaiLabel: 'Collèges',
        contactEmail: `ce.${DEMO_UAI.college.toLowerCase()}@ac-rennes.example`,
      },
      {
        ...common,
        uai: DEMO_UAI.lycee,
        name: 'Lycée Jules Simon',
        natureUai: '300',
        natureUaiLabel: 'Lycée enseignement général et technologique',
        typeUai: 'LYC',
        typeUaiLabel: 'Lycées',
        contactEmail: `ce.${DEMO_UAI.lycee.toLowerCase()}@ac-rennes.example`,
      },
      {
        ...common,
        degree: '1D',
        uai: DEMO_UAI.ecole,
        name: 'École élémentaire Les Korrigans',
        natureUai: '151',
        natureUaiLabel: 'École élémentaire',
        typeUai: '1ORD',
        typeUaiLabel: 'Écoles du premier degré ordinaire',
        contactEmail: `ce.${DEMO_UAI.ecole.toLowerCase()}@ac-rennes.example`,
      },
    ],
    publishers: DEMO_PUBLISHERS.map((p) => ({ ...p, distributorIds: [...p.distributorIds] })),
    resources: SPECS.map((s) => resourceOf(s, base)),
  };
}
