import {
  AUDIENCES,
  schoolYearEnd,
  subscriptionSchema,
  safeParse,
  withParisOffset,
  type Audience,
  type LicenceCount,
  type Subscription,
} from '@opengar/core';
import { WsAbonnementError } from './errors.js';
import { escapeXml } from '../http/escape-xml.js';
import { readXml } from './xml-input.js';

/** Namespace of GAR's subscription web service. */
export const WS_ABONNEMENT_NS = 'http://www.atosworldline.com/wsabonnement/v1.0/';

/** The per-audience count elements, in GAR's order, with the audience each one counts. */
export const COUNT_ELEMENTS: readonly (readonly [string, Audience])[] = [
  ['nbLicenceEnseignant', 'ENSEIGNANT'],
  ['nbLicenceEleve', 'ELEVE'],
  ['nbLicenceProfDoc', 'DOCUMENTALISTE'],
  ['nbLicenceAutrePersonnel', 'AUTRE PERSONNEL'],
];

const SINGLE = [
  'idAbonnement',
  'commentaireAbonnement',
  'idDistributeurCom',
  'idRessource',
  'typeIdRessource',
  'libelleRessource',
  'debutValidite',
  'finValidite',
  'anneeFinValidite',
  'uaiEtab',
  'categorieAffectation',
  'typeAffectation',
  'nbLicenceGlobale',
  ...COUNT_ELEMENTS.map(([e]) => e),
  'codeProjetRessource',
] as const;
const KNOWN = new Set<string>([...SINGLE, 'publicCible']);
const MAX: Record<string, number> = {
  idAbonnement: 45,
  commentaireAbonnement: 255,
  idDistributeurCom: 26,
  idRessource: 1024,
  typeIdRessource: 50,
  libelleRessource: 255,
  uaiEtab: 45,
  codeProjetRessource: 50,
};
const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,9})?(Z|[+-]\d{2}:\d{2})$/;

/** What a PUT (create) or POST (update) body means. */
export interface AbonnementInput {
  /** The subscription the body describes (for an update, `uai` is the stored one). */
  subscription: Omit<Subscription, 'automatic'> & { automatic: false };
}

const at = (element: string) => `/abonnement/${element}`;
const invalid = (element: string, message: string) => new WsAbonnementError('invalid', at(element), message);

function text(node: Record<string, unknown>, name: string): string | undefined {
  const v = node[name];
  if (v === undefined) return undefined;
  if (Array.isArray(v)) throw invalid(name, 'must appear once');
  if (typeof v === 'object' && v !== null) throw invalid(name, 'must hold text, not elements');
  return String(v);
}

function required(node: Record<string, unknown>, name: string): string {
  const v = text(node, name);
  if (v === undefined || v === '') throw invalid(name, 'is required');
  return v;
}

function count(name: string, value: string): LicenceCount {
  if (value.length > 8) throw invalid(name, 'is at most 8 characters');
  if (value === 'ILLIMITE') return 'ILLIMITE';
  if (!/^\d+$/.test(value)) throw invalid(name, 'must be a non-negative integer or ILLIMITE');
  return Number(value);
}

/** A date-time with an offset or `Z`, or without one (as GAR's publishers send them): then Paris time. */
function dateTime(name: string, value: string): string {
  const withOffset = withParisOffset(value);
  if (!DATE_TIME.test(withOffset) || Number.isNaN(Date.parse(withOffset))) {
    throw invalid(
      name,
      'must be an ISO 8601 date-time, e.g. 2026-09-01T00:00:00+02:00 (without an offset: Paris time)',
    );
  }
  return withOffset;
}

/** What a PUT (create) or POST (update) is checked against: the id in the path and, on update, the stored school. */
export type AbonnementMode = { mode: 'create' } | { mode: 'update'; current: Pick<Subscription, 'uai'> };

type Node = Record<string, unknown>;
/** The subscription a body describes, before the core schema checks it. */
type Candidate = Omit<Subscription, 'automatic'> & { automatic: false };
/** Reads one or a few fields of `<abonnement>`, throwing a {@link WsAbonnementError} naming the offending element. */
type FieldReader = (node: Node, options: AbonnementMode & { pathId: string }) => Partial<Candidate>;

function readId(node: Node, pathId: string): string {
  const id = text(node, 'idAbonnement') ?? pathId;
  if (id !== pathId) throw invalid('idAbonnement', 'differs from the id in the URL; an id never changes');
  if (!/^[^\s_][^\s]*$/.test(id) || id.length > 45)
    throw invalid('idAbonnement', 'must have no spaces and not start with _');
  return id;
}

function readUai(node: Node, options: AbonnementMode): string {
  if (options.mode === 'update') {
    const bodyUai = text(node, 'uaiEtab');
    if (bodyUai !== undefined && bodyUai !== options.current.uai) throw invalid('uaiEtab', 'cannot change on update');
    return options.current.uai;
  }
  const uai = required(node, 'uaiEtab');
  if (!/^[0-9A-Z]+$/.test(uai)) throw invalid('uaiEtab', 'a UAI is upper-case letters and digits');
  return uai;
}

function readValidity(node: Node): Pick<Candidate, 'validFrom' | 'validUntil' | 'endSchoolYear'> {
  const validFrom = dateTime('debutValidite', required(node, 'debutValidite'));
  const fin = text(node, 'finValidite');
  const annee = text(node, 'anneeFinValidite');
  if ((fin === undefined) === (annee === undefined))
    throw invalid('finValidite', 'give either finValidite or anneeFinValidite, not both');
  let validUntil: string;
  let endSchoolYear: string | undefined;
  if (fin !== undefined) validUntil = dateTime('finValidite', fin);
  else {
    const m = /^(\d{4})-(\d{4})$/.exec(annee!);
    if (!m || Number(m[2]) !== Number(m[1]) + 1)
      throw invalid('anneeFinValidite', 'a school year is written 2025-2026');
    endSchoolYear = annee!;
    validUntil = schoolYearEnd(annee!);
  }
  if (Date.parse(validUntil) <= Date.parse(validFrom))
    throw invalid(fin !== undefined ? 'finValidite' : 'anneeFinValidite', 'must be after debutValidite');
  return { validFrom, validUntil, ...(endSchoolYear ? { endSchoolYear } : {}) };
}

function readCategory(node: Node): Candidate['category'] {
  const category = required(node, 'categorieAffectation');
  if (category !== 'transferable' && category !== 'non transferable') {
    throw invalid('categorieAffectation', 'must be "transferable" or "non transferable"');
  }
  return category;
}

function readType(node: Node): Candidate['type'] {
  const type = required(node, 'typeAffectation');
  if (type !== 'ETABL' && type !== 'INDIV') throw invalid('typeAffectation', 'must be ETABL or INDIV');
  return type;
}

function readLicences(node: Node): Subscription['licences'] {
  const global = text(node, 'nbLicenceGlobale');
  const present = COUNT_ELEMENTS.filter(([e]) => text(node, e) !== undefined);
  if (global !== undefined) {
    if (present.length)
      throw invalid(present[0]![0], 'give either nbLicenceGlobale or the four per-audience counts, not both');
    return { kind: 'global', count: count('nbLicenceGlobale', global) };
  }
  const missing = COUNT_ELEMENTS.find(([e]) => text(node, e) === undefined);
  if (missing) throw invalid(missing[0], 'is required when nbLicenceGlobale is absent (all four counts)');
  const counts = {} as Record<Audience, LicenceCount>;
  for (const [e, audience] of COUNT_ELEMENTS) counts[audience] = count(e, text(node, e)!);
  return { kind: 'perAudience', counts };
}

function readAudiences(node: Node): Audience[] {
  const raw = node['publicCible'];
  const audiences = (Array.isArray(raw) ? raw : []).map((v) => String(v));
  if (audiences.length === 0) throw invalid('publicCible', 'at least one is required');
  for (const a of audiences) {
    if (!(AUDIENCES as readonly string[]).includes(a))
      throw invalid('publicCible', `unknown audience; expected one of ${AUDIENCES.join(', ')}`);
  }
  if (new Set(audiences).size !== audiences.length) throw invalid('publicCible', 'each audience at most once');
  return audiences as Audience[];
}

/** An optional text element, left out when absent or empty. */
const optional =
  <K extends keyof Candidate>(field: K, element: string): FieldReader =>
  (node) => {
    const v = text(node, element);
    return v ? ({ [field]: v } as Partial<Candidate>) : {};
  };

/** A required text element. */
const requiredText =
  <K extends keyof Candidate>(field: K, element: string): FieldReader =>
  (node) =>
    ({ [field]: required(node, element) }) as Partial<Candidate>;

/**
 * The readers of `<abonnement>`, in the order their rules are checked (so the first error named is always the same):
 * each turns its elements into fields of the subscription.
 */
const FIELD_READERS: readonly FieldReader[] = [
  (node, o) => ({ id: readId(node, o.pathId) }),
  (node, o) => ({ uai: readUai(node, o) }),
  readValidity,
  (node) => ({ category: readCategory(node) }),
  (node) => ({ type: readType(node) }),
  (node) => ({ licences: readLicences(node) }),
  (node) => ({ audiences: readAudiences(node) }),
  optional('comment', 'commentaireAbonnement'),
  optional('projectCode', 'codeProjetRessource'),
  requiredText('distributorId', 'idDistributeurCom'),
  requiredText('resourceId', 'idRessource'),
  requiredText('resourceIdType', 'typeIdRessource'),
  requiredText('resourceLabel', 'libelleRessource'),
];

/** The `<abonnement>` element of a body, with no unknown element and no text over its length. */
function abonnementNode(xml: string): Node {
  const doc = readXml(xml, ['publicCible']);
  const root = doc['abonnement'];
  if (!root || typeof root !== 'object' || Array.isArray(root)) {
    throw new WsAbonnementError('invalid', '/', 'the root element must be <abonnement>');
  }
  const node = root as Node;
  for (const name of Object.keys(node)) if (!KNOWN.has(name)) throw invalid(name, 'unknown element');
  for (const [name, max] of Object.entries(MAX)) {
    const v = text(node, name);
    if (v !== undefined && v.length > max) throw invalid(name, `is at most ${max} characters`);
  }
  return node;
}

/**
 * Reads the `<abonnement>` body of a PUT (create) or POST (update) of GAR's web service and checks every field rule,
 * one reader per field (see `FIELD_READERS`): lengths, enums, `finValidite` xor `anneeFinValidite`,
 * `nbLicenceGlobale` xor the four counts, `ILLIMITE`, one or more distinct `publicCible`, no unknown or repeated
 * element, the path id equal to the body's, `uaiEtab` required on create and unchanged on update; then the core
 * subscription schema.
 *
 * @throws {@link WsAbonnementError} naming the offending element.
 * @example
 * ```ts
 * const { subscription } = parseAbonnement(xml, { mode: 'create' }, 'briefeco_1630592291');
 * ```
 */
export function parseAbonnement(xml: string, options: AbonnementMode, pathId: string): AbonnementInput {
  const node = abonnementNode(xml);
  const candidate: Partial<Candidate> = {};
  for (const read of FIELD_READERS) Object.assign(candidate, read(node, { ...options, pathId }));
  const checked = safeParse(subscriptionSchema, { ...candidate, automatic: false }, 'subscription');
  if (!checked.ok) {
    const issue = checked.error.issues[0]!;
    throw new WsAbonnementError('invalid', `/abonnement${issue.pointer}`, issue.message);
  }
  return { subscription: { ...checked.value, automatic: false } };
}

/** Writes one `<abonnement>` element (children in GAR's order), without the XML declaration. */
export function abonnementElement(sub: Subscription, indent = '    '): string {
  const lines: string[] = [];
  const el = (name: string, value: string | number | undefined) => {
    if (value !== undefined) lines.push(`${indent}    <${name}>${escapeXml(String(value))}</${name}>`);
  };
  el('idAbonnement', sub.id);
  el('commentaireAbonnement', sub.comment);
  el('idDistributeurCom', sub.distributorId);
  el('idRessource', sub.resourceId);
  el('typeIdRessource', sub.resourceIdType);
  el('libelleRessource', sub.resourceLabel);
  el('debutValidite', sub.validFrom);
  if (sub.endSchoolYear) el('anneeFinValidite', sub.endSchoolYear);
  else el('finValidite', sub.validUntil);
  el('uaiEtab', sub.uai);
  el('categorieAffectation', sub.category);
  el('typeAffectation', sub.type);
  if (sub.licences.kind === 'global') el('nbLicenceGlobale', sub.licences.count);
  else for (const [e, audience] of COUNT_ELEMENTS) el(e, sub.licences.counts[audience]);
  for (const a of sub.audiences) el('publicCible', a);
  el('codeProjetRessource', sub.projectCode);
  return `${indent}<abonnement>\n${lines.join('\n')}\n${indent}</abonnement>`;
}

/**
 * Writes GAR's list response `<abonnements>`.
 *
 * @example
 * ```ts
 * c.body(abonnementsDocument(subs), 200, { 'content-type': 'application/xml;charset=utf-8' });
 * ```
 */
export function abonnementsDocument(subs: readonly Subscription[]): string {
  const body = subs.map((s) => abonnementElement(s)).join('\n');
  return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<abonnements xmlns="${WS_ABONNEMENT_NS}">\n${body}${body ? '\n' : ''}</abonnements>\n`;
}

/**
 * Writes a single `<abonnement>` document (the answer to a create or update).
 *
 * @example
 * ```ts
 * xmlResponse(abonnementDocument(subscription), 201);
 * ```
 */
export function abonnementDocument(sub: Subscription): string {
  return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n${abonnementElement(sub, '').replace('<abonnement>', `<abonnement xmlns="${WS_ABONNEMENT_NS}">`)}\n`;
}

/**
 * GAR's error body for the web service: `<Erreur><Code>…</Code><Message>…</Message></Erreur>`.
 *
 * @example
 * ```ts
 * erreurDocument('Not Found', '/abonnement/idAbonnement: no such subscription');
 * ```
 */
export function erreurDocument(code: string, message: string): string {
  return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Erreur xmlns="${WS_ABONNEMENT_NS}"><Code>${escapeXml(code)}</Code><Message>${escapeXml(message)}</Message></Erreur>\n`;
}
