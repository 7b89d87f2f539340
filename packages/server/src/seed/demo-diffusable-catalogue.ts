import { catalogueEntrySchema, type CatalogueEntry, type Publisher, type Resource } from '@opengar/core';

const term = (nom: string, key: string) => ({ uri: `http://data.education.fr/voc/scolomfr/concept/${key}`, nom });

/** Resources of the demo publishers that no demo school subscribed to: what the catalogue offers besides. */
const MORE: readonly {
  id: string;
  name: string;
  publisher: string;
  type: [string, string];
  levels: [string, string][];
  subjects: string[];
  free: boolean;
  offers?: ('EDUTHEQUE' | 'BRNE')[];
  attributes: CatalogueEntry['declaredAttributes'];
  description: string;
}[] = [
  {
    id: 'ark:/99101/histoire-geo-5e',
    name: 'Histoire-géographie 5e',
    publisher: 'editions-horizon',
    type: ['MAN', 'Manuels numériques'],
    levels: [['5e', '5e']],
    subjects: ['Histoire-géographie'],
    free: false,
    attributes: ['UAI', 'PRO', 'DIV'],
    description: 'Le manuel numérique de 5e, avec ses cartes animées.',
  },
  {
    id: 'ark:/99107/dictionnaire-synonymes',
    name: 'Dictionnaire des synonymes',
    publisher: 'lexique-et-cie',
    type: ['DIC', 'Dictionnaires et encyclopédies'],
    levels: [
      ['college', 'collège'],
      ['lycee-general-et-technologique', 'lycée général et technologique'],
    ],
    subjects: ['Français'],
    free: false,
    attributes: ['UAI'],
    description: 'Synonymes, antonymes et nuances, avec des exemples d’auteurs.',
  },
  {
    id: 'ark:/99112/physique-chimie-3e',
    name: 'Physique-chimie 3e : exercices',
    publisher: 'exo-academie',
    type: ['ACC', 'Entraînement, accompagnement'],
    levels: [['3e', '3e']],
    subjects: ['Physique-chimie'],
    free: false,
    attributes: ['UAI', 'PRO', 'NOM', 'PRE', 'DIV', 'E_MS4'],
    description: 'Exercices corrigés pas à pas, suivi de la classe pour l’enseignant.',
  },
  {
    id: 'ark:/99103/quotidien-college',
    name: 'Le Quotidien du collège',
    publisher: 'presse-jeunesse',
    type: ['PRE', 'Presse'],
    levels: [['college', 'collège']],
    subjects: ['Éducation aux médias et à l’information'],
    free: false,
    attributes: ['UAI'],
    description: 'L’actualité expliquée aux collégiens, chaque jour.',
  },
  {
    id: 'ark:/99505/brne-sciences-cycle-4',
    name: 'BRNE Sciences cycle 4',
    publisher: 'offre-nationale',
    type: ['MUL', 'Ressources d’enseignement multimédias'],
    levels: [
      ['5e', '5e'],
      ['3e', '3e'],
    ],
    subjects: ['Sciences de la vie et de la Terre', 'Physique-chimie'],
    free: true,
    offers: ['BRNE'],
    attributes: ['UAI', 'PRO'],
    description: 'Banque de ressources numériques éducatives pour les sciences au cycle 4.',
  },
];

const slug = (s: string) =>
  s
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^a-z]+/g, '-');

/**
 * The demo's catalogue of diffusable resources: every demo resource (with its ScoLOMFR terms and declared
 * attributes; free offers as Éduthèque), and five more that no demo school subscribed to yet.
 *
 * @example
 * ```ts
 * const entries = demoDiffusableCatalogue(data.resources, data.publishers);
 * ```
 */
export function demoDiffusableCatalogue(
  resources: readonly Resource[],
  publishers: readonly Publisher[],
): CatalogueEntry[] {
  const byId = new Map(publishers.map((p) => [p.id, p]));
  const seller = (id: string) => {
    const p = byId.get(id)!;
    return {
      distributors: [{ id: p.distributorIds[0]!, name: p.name }],
      techDistributor: { id: p.distributorIds[0]!, name: p.name },
    };
  };
  const registered = resources.map((r) =>
    catalogueEntrySchema.parse({
      resourceId: r.id,
      name: r.name,
      publisherId: r.publisherId,
      publisherName: r.publisherName,
      ...seller(r.publisherId),
      displayable: r.displayable,
      diffusable: true,
      ...(r.familyParentId ? { familyIds: [r.familyParentId] } : {}),
      presentationType: r.presentationType,
      levels: r.levels,
      teachingDomains: r.teachingDomains,
      pedagogicalTypes: r.pedagogicalTypes,
      documentTypologies: r.documentTypologies,
      free: r.freeOffer !== undefined,
      nationalOffers: r.freeOffer ? ['EDUTHEQUE'] : [],
      declaredAttributes: r.declaredAttributes,
      ...(r.thumbnailUrl ? { thumbnailUrl: r.thumbnailUrl } : {}),
      ...(r.description ? { description: r.description } : {}),
    }),
  );
  const more = MORE.filter((m) => byId.has(m.publisher)).map((m) =>
    catalogueEntrySchema.parse({
      resourceId: m.id,
      name: m.name,
      publisherId: m.publisher,
      publisherName: byId.get(m.publisher)!.name,
      ...seller(m.publisher),
      displayable: true,
      diffusable: true,
      presentationType: { code: m.type[0], nom: m.type[1] },
      levels: m.levels.map(([key, nom]) => term(nom, key)),
      teachingDomains: m.subjects.map((s) => term(s, `scolomfr-voc-015/${slug(s)}`)),
      free: m.free,
      nationalOffers: m.offers ?? [],
      declaredAttributes: m.attributes,
      description: m.description,
    }),
  );
  return [...registered, ...more];
}
