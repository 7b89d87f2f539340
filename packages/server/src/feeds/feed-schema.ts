/** A feed's school level: `2D` secondary (`http://data.education.fr/ns/gar`), `1D` primary (`…/gar/1d`). */
export type FeedDegree = '1D' | '2D';
/** The five kinds of feed file. */
export type FeedKind = 'Eleve' | 'Enseignant' | 'Etab' | 'Groupe' | 'RespAff';

/** The namespaces of the official schemas. */
export const FEED_NAMESPACES: Record<FeedDegree, string> = {
  '2D': 'http://data.education.fr/ns/gar',
  '1D': 'http://data.education.fr/ns/gar/1d',
};

/** One child element of a record: bounds and maximum length from the XSD; `children` for a nested structure. */
export interface FieldSpec {
  name: string;
  min: number;
  max: number;
  maxLength?: number;
  /** `date`: an `xs:date`. */
  type?: 'date';
  children?: readonly FieldSpec[];
}

/** One record element (`GAREleve`…): its fields in sequence order and the uniqueness key of the XSD. */
export interface RecordSpec {
  name: string;
  fields: readonly FieldSpec[];
  /** Fields of the XSD `<key>` over this record (all required, so never empty). */
  key: readonly string[];
}

const U = Infinity;
const f = (name: string, min: number, max: number, maxLength?: number, extra: Partial<FieldSpec> = {}): FieldSpec => ({
  name,
  min,
  max,
  ...(maxLength === undefined ? {} : { maxLength }),
  ...extra,
});

const uai = (name = 'GARStructureUAI', min = 1, max = 1) => f(name, min, max, 45);
const personId = () => f('GARPersonIdentifiant', 1, 1, 64);

function identity(): FieldSpec[] {
  return [
    personId(),
    f('GARPersonProfils', 1, U, undefined, { children: [uai(), f('GARPersonProfil', 1, 1, 31)] }),
    f('GARPersonIdSecondaire', 0, 1, 255),
    f('GARPersonNomPatro', 0, 1, 500),
    f('GARPersonNom', 1, 1, 500),
    f('GARPersonPrenom', 1, 1, 500),
    f('GARPersonAutresPrenoms', 1, U, 500),
    f('GARPersonCivilite', 0, 1, 30),
    uai('GARPersonStructRattach', 0, 1),
  ];
}

function schema(degree: FeedDegree): Record<FeedKind, readonly RecordSpec[]> {
  const primary = degree === '1D';
  const personMef: RecordSpec = primary
    ? {
        name: 'GARPersonMEFSTAT4',
        fields: [uai(), personId(), f('GARMEFSTAT4Code', 1, 1, 4)],
        key: ['GARStructureUAI', 'GARPersonIdentifiant', 'GARMEFSTAT4Code'],
      }
    : {
        name: 'GARPersonMEF',
        fields: [uai(), personId(), f('GARMEFCode', 1, 1, 255)],
        key: ['GARStructureUAI', 'GARPersonIdentifiant', 'GARMEFCode'],
      };
  const posts = primary
    ? f('GAREnsSpecialitesPostes', 0, U, undefined, { children: [uai(), f('GAREnsSpecialitePosteCode', 1, U, 255)] })
    : f('GAREnsDisciplinesPostes', 0, U, undefined, { children: [uai(), f('GAREnsDisciplinePosteCode', 1, U, 255)] });
  const teacher: FieldSpec[] = [
    ...identity(),
    uai('GARPersonEtab', 1, U),
    f('GARPersonDateNaissance', 0, 1, undefined, { type: 'date' }),
    posts,
    ...(primary ? [] : [f('GARPersonMail', 0, U, 255)]),
  ];
  const etab: FieldSpec[] = [
    uai(),
    f('GARStructureNomCourant', 1, 1, 500),
    ...(primary ? [] : [f('GAREtablissementStructRattachFctl', 0, 1, 255)]),
    f('GARStructureContrat', 0, 1, 45),
    f('GARStructureTelephone', 0, 1, 20),
    f('GARStructureEmail', 0, 1, 255),
  ];
  const ensMatiere = (name: string): RecordSpec => ({
    name,
    fields: [uai(), personId(), f('GARGroupeCode', 1, 1, 255), f('GARMatiereCode', 1, U, 255)],
    key: ['GARStructureUAI', 'GARPersonIdentifiant', 'GARGroupeCode'],
  });
  return {
    Eleve: [
      {
        name: 'GAREleve',
        fields: [
          ...identity(),
          uai('GARPersonEtab', 1, U),
          f('GARPersonDateNaissance', 0, 1, undefined, { type: 'date' }),
        ],
        key: ['GARPersonIdentifiant'],
      },
      personMef,
      ...(primary
        ? []
        : [
            {
              name: 'GAREleveEnseignement',
              fields: [uai(), personId(), f('GARMatiereCode', 1, 1, 255)],
              key: ['GARStructureUAI', 'GARPersonIdentifiant', 'GARMatiereCode'],
            },
          ]),
    ],
    Enseignant: [{ name: 'GAREnseignant', fields: teacher, key: ['GARPersonIdentifiant'] }, personMef],
    Etab: [
      { name: 'GAREtab', fields: etab, key: ['GARStructureUAI'] },
      ...(primary
        ? []
        : [
            {
              name: 'GARMEF',
              fields: [
                uai(),
                f('GARMEFCode', 1, 1, 255),
                f('GARMEFLibelle', 1, 1, 255),
                f('GARMEFRattach', 0, 1, 255),
                f('GARMEFSTAT11', 0, 1, 255),
              ],
              key: ['GARStructureUAI', 'GARMEFCode'],
            },
            {
              name: 'GARMatiere',
              fields: [uai(), f('GARMatiereCode', 1, 1, 255), f('GARMatiereLibelle', 1, 1, 255)],
              key: ['GARStructureUAI', 'GARMatiereCode'],
            },
          ]),
    ],
    Groupe: [
      {
        name: 'GARGroupe',
        fields: [
          f('GARGroupeCode', 1, 1, 255),
          uai(),
          f('GARGroupeLibelle', 1, 1, 255),
          f('GARGroupeStatut', 1, 1, 31),
          f('GARGroupeDivAppartenance', 0, U, 255),
        ],
        key: ['GARGroupeCode', 'GARStructureUAI'],
      },
      {
        name: 'GARPersonGroupe',
        fields: [uai(), personId(), f('GARGroupeCode', 1, 1, 255)],
        key: ['GARStructureUAI', 'GARPersonIdentifiant', 'GARGroupeCode'],
      },
      ...(primary ? [] : [ensMatiere('GAREnsGroupeMatiere'), ensMatiere('GAREnsClasseMatiere')]),
    ],
    RespAff: [
      {
        name: 'GARRespAff',
        fields: [
          personId(),
          f('GARPersonNom', 1, 1, 500),
          f('GARPersonPrenom', 1, 1, 500),
          f('GARPersonCivilite', 0, 1, 30),
          f('GARPersonMail', 1, U, 255),
          uai('GARRespAffEtab', 1, U),
        ],
        key: ['GARPersonIdentifiant'],
      },
    ],
  };
}

/** The record specs of each kind, per degree, transcribed from `GAR-ENT.xsd` (v1.7) and `GAR-ENT-1D.xsd`. */
export const FEED_SCHEMAS: Record<FeedDegree, Record<FeedKind, readonly RecordSpec[]>> = {
  '2D': schema('2D'),
  '1D': schema('1D'),
};

/** The root element of a kind's file: `GAR-ENT-Eleve`… */
export function rootElementOf(kind: FeedKind): string {
  return `GAR-ENT-${kind}`;
}

/** The kind a root element names, or `undefined`. */
export function kindOfRoot(name: string): FeedKind | undefined {
  const m = /^GAR-ENT-(Eleve|Enseignant|Etab|Groupe|RespAff)$/.exec(name);
  return m ? (m[1] as FeedKind) : undefined;
}
