import {
  audienceAt,
  csvText,
  AUDIENCES,
  describeAuditTarget,
  parseTargetKey,
  readAuditRecord,
  type AllocationTarget,
  type AudienceCounts,
  type AuditEntryView,
  type AuditNames,
  type AuditQuery,
  type AuditRecord,
  type School,
} from '@opengar/core';
import type { AuditEntry, AuditFilter, StoreOps } from '../store/types.js';
import { invalid } from '../kernel/errors.js';

/** The store's filter of a history query (a `target` or `cursor` that names nothing is a validation error). */
export function auditFilter(uai: string, q: AuditQuery, limit: number): AuditFilter {
  const f: AuditFilter = { uai, limit };
  if (q.before !== undefined) f.before = q.before;
  if (q.from !== undefined) f.from = q.from;
  if (q.to !== undefined) f.to = q.to;
  if (q.subscriptionId !== undefined) f.subjectId = q.subscriptionId;
  if (q.author !== undefined) f.actor = q.author;
  if (q.target !== undefined) {
    const target = parseTargetKey(q.target);
    if (!target) throw invalid('/target', 'invalid_value', 'not a target key (division:5A, person:…, audience:ELEVE)');
    f.target = target;
  }
  if (q.cursor !== undefined) f.after = readCursor(q.cursor);
  return f;
}

/** The opaque cursor of the page after `entry`: its instant and id. */
export function cursorAfter(entry: Pick<AuditEntry, 'at' | 'id'>): string {
  return Buffer.from(JSON.stringify([entry.at, entry.id]), 'utf8').toString('base64url');
}

function readCursor(cursor: string): { at: string; id: string } {
  try {
    const v: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (Array.isArray(v) && v.length === 2 && typeof v[0] === 'string' && typeof v[1] === 'string') {
      if (!Number.isNaN(Date.parse(v[0]))) return { at: v[0], id: v[1] };
    }
  } catch {
    // answered below
  }
  throw invalid('/cursor', 'invalid_value', 'not a cursor of this history (take `next` from a previous page)');
}

/**
 * The directory's names of the people and groups some entries mention, read once per distinct id. Names are read
 * when the history is shown, never stored in it: a person erased since reads as the pseudonym that replaced their id.
 */
export async function namesFor(
  store: StoreOps,
  school: School,
  entries: readonly { actor: string; targets: readonly AllocationTarget[] }[],
): Promise<AuditNames> {
  const people = new Map<string, { name: string; audience?: ReturnType<typeof audienceAt> } | undefined>();
  const groups = new Map<string, string | undefined>();
  for (const e of entries) {
    const ids = [e.actor, ...e.targets.flatMap((t) => (t.kind === 'person' ? [t.personId] : []))];
    for (const id of ids) {
      if (people.has(id)) continue;
      const p = await store.getPerson(school.entId, id);
      people.set(id, p && { name: `${p.firstName} ${p.lastName}`, audience: audienceAt(p, school.uai) });
    }
    for (const t of e.targets) {
      if ((t.kind === 'division' || t.kind === 'group') && !groups.has(t.code))
        groups.set(t.code, (await store.getGroup(school.uai, t.code))?.label);
    }
  }
  return { person: (id) => people.get(id), group: (code) => groups.get(code) };
}

/** The copies a record gave and took, per audience (for an undo: those the undo gave and took). */
function moved(record: AuditRecord | undefined): { gave: AudienceCounts; took: AudienceCounts } {
  switch (record?.kind) {
    case 'allocate':
      return { gave: record.counts, took: {} };
    case 'withdraw':
      return { gave: {}, took: record.counts };
    case 'move':
      return { gave: record.counts, took: record.releasedCounts };
    case 'undo':
      return { gave: record.gave, took: record.took };
    default:
      return { gave: {}, took: {} };
  }
}

/** An entry with its record read (upgraded from version 1 when needed). */
export function withRecord(e: AuditEntry): {
  entry: AuditEntry;
  record: AuditRecord | undefined;
  actor: string;
  targets: AllocationTarget[];
} {
  const record = readAuditRecord(e);
  return { entry: e, record, actor: e.actor, targets: record?.targets ?? [] };
}

/** The subscription an entry is about: its record's, or for other entries one named in `after` or `before`. */
function subscriptionOf(e: AuditEntry, record: AuditRecord | undefined): { subscriptionId?: string } {
  if (record)
    return 'subscriptionId' in record && record.subscriptionId ? { subscriptionId: record.subscriptionId } : {};
  for (const v of [e.after, e.before]) {
    const id = (v as { subscriptionId?: unknown } | null | undefined)?.subscriptionId;
    if (typeof v === 'object' && typeof id === 'string') return { subscriptionId: id };
  }
  return {};
}

/** An entry as managers see it: the stored entry, its author and targets named, its copies per audience. */
export function entryView(read: ReturnType<typeof withRecord>, names: AuditNames, undoable: boolean): AuditEntryView {
  const { entry: e, record } = read;
  return {
    ...e,
    undoable,
    author: names.person(e.actor)?.name ?? e.actor,
    ...(record ? { kind: record.kind } : {}),
    ...subscriptionOf(e, record),
    targets: read.targets.map((t) => describeAuditTarget(t, names)),
    ...moved(record),
    ...(record?.kind === 'undo' ? { undid: { auditId: record.auditId, kind: record.undid } } : {}),
  };
}

const CSV_KIND: Record<NonNullable<AuditEntryView['kind']>, string> = {
  allocate: 'Affectation',
  withdraw: 'Retrait',
  move: 'Transfert',
  delegate: 'Délégation',
  revoke: 'Fin de délégation',
  undo: 'Annulation',
};
const CSV_AUDIENCE: Record<(typeof AUDIENCES)[number], string> = {
  ELEVE: 'élèves',
  ENSEIGNANT: 'enseignants',
  DOCUMENTALISTE: 'documentalistes',
  'AUTRE PERSONNEL': 'autres personnels',
};

const ONE: Record<(typeof AUDIENCES)[number], string> = {
  ELEVE: 'élève',
  ENSEIGNANT: 'enseignant',
  DOCUMENTALISTE: 'documentaliste',
  'AUTRE PERSONNEL': 'autre personnel',
};
const counts = (c: AudienceCounts): string =>
  AUDIENCES.filter((a) => (c[a] ?? 0) > 0)
    .map((a) => `${c[a]} ${c[a] === 1 ? ONE[a] : CSV_AUDIENCE[a]}`)
    .join(', ');

/** A target in French: its name, and its population when it gives to some audiences only. */
function targetLabel(t: AuditEntryView['targets'][number]): string {
  if (t.kind === 'audience') return `tous les ${t.population?.map((a) => CSV_AUDIENCE[a]).join(', ') ?? t.name}`;
  if (t.kind === 'person' || !t.population) return t.name;
  return `${t.name} (${t.population.map((a) => CSV_AUDIENCE[a]).join(', ')})`;
}

/** The CSV header row (French, as the console). */
export const AUDIT_CSV_HEADER = [
  'Date',
  'Auteur',
  'Action',
  'Ressource',
  'Cibles',
  'Exemplaires donnés',
  'Exemplaires repris',
  'Annule',
  'Annulée',
];

/**
 * Rows of the history as CSV (`;`-separated, as French spreadsheets read it; UTF-8 with a byte order mark), dates in
 * Paris time.
 */
export function auditCsv(views: readonly AuditEntryView[], resourceLabel: (subscriptionId: string) => string): string {
  const date = new Intl.DateTimeFormat('fr-FR', { dateStyle: 'short', timeStyle: 'short', timeZone: 'Europe/Paris' });
  const rows = views.map((v) => [
    date.format(new Date(v.at)),
    v.author,
    v.kind ? CSV_KIND[v.kind] : v.action,
    v.subscriptionId ? resourceLabel(v.subscriptionId) : '',
    v.targets.map(targetLabel).join(', '),
    counts(v.gave),
    counts(v.took),
    v.undid ? CSV_KIND[v.undid.kind] : '',
    v.undoneBy ? 'oui' : '',
  ]);
  return `\uFEFF${csvText([AUDIT_CSV_HEADER, ...rows], ';')}`;
}
