import { catalogueDeliverySchema, safeParse, type CatalogueEntry } from '@opengar/core';
import { escapeXml } from '../http/escape-xml.js';
import { WsAbonnementError } from '../ws-abonnement/errors.js';
import { readXml } from '../ws-abonnement/xml-input.js';

/** Namespace of GAR's list of diffusable resources (`<listeRessourcesDiffusables>`). */
export const RESSOURCES_DIFFUSABLES_NS = 'http://gar.education.fr/schemas/init/0/1/';

/** The largest catalogue document read: 2,000 entries with their ScoLOMFR terms fit several times. */
export const MAX_CATALOGUE_XML_BYTES = 8 * 1024 * 1024;

const ROOT = 'listeRessourcesDiffusables';
const ENTRY = 'ressourceDiffusable';
const TERMS = [
  ['levels', 'niveauEducatif'],
  ['teachingDomains', 'domaineEnseignement'],
  ['pedagogicalTypes', 'typePedagogique'],
  ['documentTypologies', 'typologieDocument'],
] as const;
const ARRAYS = [
  ENTRY,
  'distributeursCom',
  'distributeurCom',
  'nomDistributeurCom',
  'membreFamille',
  'offreNationale',
  'attributDeclare',
  ...TERMS.map(([, e]) => e),
];
/** GAR element names of the entry's code names, for messages that name the offending element. */
const ELEMENT: Readonly<Record<string, string>> = {
  resourceId: 'idRessource',
  name: 'nomRessource',
  publisherId: 'idEditeur',
  publisherName: 'nomEditeur',
  distributors: 'distributeursCom',
  techDistributor: 'distributeurTech',
  displayable: 'affichable',
  diffusable: 'diffusable',
  familyParent: 'mereFamille',
  familyIds: 'membreFamille',
  presentationType: 'typePresentation',
  free: 'gratuit',
  nationalOffers: 'offreNationale',
  declaredAttributes: 'attributDeclare',
  thumbnailUrl: 'urlVignette',
  description: 'description',
  ...Object.fromEntries(TERMS),
};

type Node = Record<string, unknown>;
const text = (v: unknown): string | undefined => (v === undefined ? undefined : typeof v === 'string' ? v : '');
const list = (v: unknown): unknown[] => (Array.isArray(v) ? v : v === undefined || v === '' ? [] : [v]);
const node = (v: unknown): Node => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Node) : {});

function bool(v: unknown, path: string): boolean | undefined {
  if (v === undefined) return undefined;
  if (v === 'true') return true;
  if (v === 'false') return false;
  throw new WsAbonnementError('invalid', path, 'write true or false');
}

function entryInput(raw: unknown, path: string): Record<string, unknown> {
  const e = node(raw);
  const distributors = list(e.distributeursCom).flatMap((d) => {
    const ids = list(node(d).distributeurCom);
    const names = list(node(d).nomDistributeurCom);
    return ids.map((id, i) => ({ id: text(id), name: text(names[i]) ?? '' }));
  });
  const out: Record<string, unknown> = {
    resourceId: text(e.idRessource),
    name: text(e.nomRessource),
    publisherId: text(e.idEditeur),
    publisherName: text(e.nomEditeur) ?? '',
    distributors,
    techDistributor: { id: text(e.distributeurTech), name: text(e.nomDistributeurTech) ?? '' },
    displayable: bool(e.affichable, `${path}/affichable`),
    diffusable: bool(e.diffusable, `${path}/diffusable`),
    familyParent: bool(e.mereFamille, `${path}/mereFamille`),
    familyIds: list(e.membreFamille).map(text),
    nationalOffers: list(e.offreNationale).map(text),
    declaredAttributes: list(e.attributDeclare).map(text),
  };
  if (e.typePresentation !== undefined) {
    const t = node(e.typePresentation);
    out.presentationType = { code: text(t.code), nom: text(t.nom) ?? '' };
  }
  for (const [field, element] of TERMS)
    out[field] = list(e[element]).map((t) => ({ uri: text(node(t).uri) ?? '', nom: text(node(t).nom) ?? '' }));
  const free = bool(e.gratuit, `${path}/gratuit`);
  if (free !== undefined) out.free = free;
  if (e.urlVignette !== undefined) out.thumbnailUrl = text(e.urlVignette);
  if (e.description !== undefined) out.description = text(e.description);
  return out;
}

/**
 * Reads GAR's `<listeRessourcesDiffusables>` (the sample's fields, and the ScoLOMFR elements opengar adds) into
 * catalogue entries: safe parsing (no DTD, no entity, bounded size), every entry validated, the first problem named by
 * its XML path (`/listeRessourcesDiffusables/ressourceDiffusable[3]/nomRessource`).
 *
 * @example
 * ```ts
 * const { entries } = parseRessourcesDiffusables(xml);
 * ```
 * @throws {@link WsAbonnementError} `too-large`, `forbidden-construct`, `malformed` or `invalid`.
 */
export function parseRessourcesDiffusables(xml: string): { entries: CatalogueEntry[]; generatedAt?: string } {
  const doc = readXml(xml, ARRAYS, MAX_CATALOGUE_XML_BYTES);
  if (!(ROOT in doc)) throw new WsAbonnementError('invalid', '/', `the root element must be <${ROOT}>`);
  const root = node(doc[ROOT]);
  const raw = list(root[ENTRY]);
  const entries = raw.map((r, i) => entryInput(r, `/${ROOT}/${ENTRY}[${i + 1}]`));
  const parsed = safeParse(catalogueDeliverySchema, { entries }, 'catalogue');
  if (!parsed.ok) {
    const issue = parsed.error.issues[0];
    const [, , index, field] = issue?.pointer.split('/') ?? [];
    const at =
      index === undefined
        ? `/${ROOT}`
        : `/${ROOT}/${ENTRY}[${Number(index) + 1}]${field ? `/${ELEMENT[field] ?? field}` : ''}`;
    throw new WsAbonnementError('invalid', at, issue?.message ?? 'invalid catalogue');
  }
  const generatedAt = text(root.dateGeneration);
  return { entries: parsed.value.entries, ...(generatedAt ? { generatedAt } : {}) };
}

const el = (name: string, value: string) => (value === '' ? `<${name}/>` : `<${name}>${escapeXml(value)}</${name}>`);

function entryXml(e: CatalogueEntry): string {
  const parts = [
    el('idRessource', e.resourceId),
    el('nomRessource', e.name),
    el('idEditeur', e.publisherId),
    el('nomEditeur', e.publisherName),
    ...e.distributors.map(
      (d) => `<distributeursCom>${el('distributeurCom', d.id)}${el('nomDistributeurCom', d.name)}</distributeursCom>`,
    ),
    el('distributeurTech', e.techDistributor.id),
    el('nomDistributeurTech', e.techDistributor.name),
    el('affichable', String(e.displayable)),
    el('diffusable', String(e.diffusable)),
    ...(e.familyParent ? [el('mereFamille', 'true')] : []),
    ...e.familyIds.map((id) => el('membreFamille', id)),
    ...(e.presentationType
      ? [
          `<typePresentation>${el('code', e.presentationType.code)}${el('nom', e.presentationType.nom)}</typePresentation>`,
        ]
      : []),
    ...TERMS.flatMap(([field, element]) =>
      e[field].map((t) => `<${element}>${el('uri', t.uri)}${el('nom', t.nom)}</${element}>`),
    ),
    ...(e.free === undefined ? [] : [el('gratuit', String(e.free))]),
    ...e.nationalOffers.map((o) => el('offreNationale', o)),
    ...e.declaredAttributes.map((a) => el('attributDeclare', a)),
    ...(e.thumbnailUrl ? [el('urlVignette', e.thumbnailUrl)] : []),
    ...(e.description !== undefined ? [el('description', e.description)] : []),
  ];
  return `  <${ENTRY}>\n${parts.map((p) => `    ${p}\n`).join('')}  </${ENTRY}>\n`;
}

/**
 * Writes GAR's `<listeRessourcesDiffusables>`: `dateGeneration`, then each entry with GAR's elements in GAR's order
 * and the ScoLOMFR elements opengar adds after them (only those the entry has).
 *
 * @example
 * ```ts
 * return xmlResponse(ressourcesDiffusablesDocument(entries, new Date()));
 * ```
 */
export function ressourcesDiffusablesDocument(entries: readonly CatalogueEntry[], generatedAt: Date): string {
  const date = `${generatedAt.toISOString().slice(0, 19)}Z`;
  return `<?xml version="1.0" encoding="UTF-8" standalone="no"?>\n<${ROOT} xmlns="${RESSOURCES_DIFFUSABLES_NS}">\n  ${el(
    'dateGeneration',
    date,
  )}\n${entries.map(entryXml).join('')}</${ROOT}>\n`;
}
