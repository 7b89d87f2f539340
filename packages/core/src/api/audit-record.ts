import { z } from 'zod';
import { allocationTargetSchema, type AllocationTarget } from '../model/entities.js';
import { personIdSchema } from '../model/primitives.js';
import { audienceSchema, type Audience } from '../model/profiles.js';
import { targetAudiences, targetKey } from '../rules/targets.js';

/** The version of the audit records written today; older rows are upgraded by {@link readAuditRecord}. */
export const AUDIT_RECORD_VERSION = 2;

/** Copies per audience (`ELEVE`, `ENSEIGNANT`…); an audience with no copy is absent. */
export const audienceCountsSchema = z.partialRecord(audienceSchema, z.int().min(0));
/** Copies per audience. */
export type AudienceCounts = z.infer<typeof audienceCountsSchema>;

/** A copy a change gave: to whom, by which allocation, in which pool. */
const givenCopySchema = z.object({
  personId: z.string(),
  allocationId: z.string(),
  audience: audienceSchema.optional(),
});

/** A copy a change took back, whole (an undo gives it back as it was). */
const heldCopySchema = z.object({
  subscriptionId: z.string(),
  uai: z.string(),
  personId: z.string(),
  audience: audienceSchema,
  allocationId: z.string(),
  assignedAt: z.string(),
  firstOpenedAt: z.string().optional(),
});

const v = z.literal(AUDIT_RECORD_VERSION);
const targets = z.array(allocationTargetSchema);

/** A subscription given to targets (`allocation.create`). */
const allocateSchema = z.object({
  v,
  kind: z.literal('allocate'),
  subscriptionId: z.string(),
  targets,
  allocationIds: z.array(z.string()),
  assignedAt: z.string(),
  granted: z.array(givenCopySchema),
  /** Copies given, per audience (absent audiences gave none; empty for rows of version 1). */
  counts: audienceCountsSchema,
});

/** Copies taken back: an allocation withdrawn or some people's copies (`allocation.withdraw`). */
const withdrawSchema = z.object({
  v,
  kind: z.literal('withdraw'),
  subscriptionId: z.string(),
  /** The allocation withdrawn, with its target; or the people whose copies were taken (person targets). */
  allocationId: z.string().optional(),
  targets,
  released: z.array(heldCopySchema),
  /** Opened non-transferable copies left with their holders. */
  kept: z.array(z.string()),
  counts: audienceCountsSchema,
});

/** Some people's copies taken back and the subscription given to other targets (`allocation.move`). */
const moveSchema = z.object({
  v,
  kind: z.literal('move'),
  subscriptionId: z.string(),
  /** Where the copies went. */
  targets,
  allocationIds: z.array(z.string()),
  assignedAt: z.string(),
  granted: z.array(givenCopySchema),
  counts: audienceCountsSchema,
  released: z.array(heldCopySchema),
  releasedCounts: audienceCountsSchema,
});

/** The manager role delegated to, or taken back from, a staff member (`delegation.grant`, `delegation.revoke`). */
const delegationSchema = (kind: 'delegate' | 'revoke') =>
  z.object({ v, kind: z.literal(kind), delegateId: personIdSchema, targets });

/** The kinds of change an undo can reverse. */
export const UNDOABLE_KINDS = ['allocate', 'withdraw', 'move', 'delegate', 'revoke'] as const;

/** An undo: which entry it reversed, what that entry was about, and the copies it took and gave back (`undo`). */
const undoSchema = z.object({
  v,
  kind: z.literal('undo'),
  auditId: z.string(),
  undid: z.enum(UNDOABLE_KINDS),
  subscriptionId: z.string().optional(),
  /** The targets of the change undone. */
  targets,
  /** Copies taken back from their holders, per audience. */
  took: audienceCountsSchema,
  /** Copies given back, per audience. */
  gave: audienceCountsSchema,
});

/**
 * What an audit entry of the allocation console records, as a versioned discriminated union on `kind`. Every variant
 * carries its `targets`, so that the history can be filtered by target and say whom a change was about.
 *
 * @example
 * ```ts
 * const record = auditRecordSchema.parse(entry.after);
 * if (record.kind === 'allocate') record.granted.length;
 * ```
 */
export const auditRecordSchema = z.discriminatedUnion('kind', [
  allocateSchema,
  withdrawSchema,
  moveSchema,
  delegationSchema('delegate'),
  delegationSchema('revoke'),
  undoSchema,
]);
/** An audit record of the allocation console. */
export type AuditRecord = z.infer<typeof auditRecordSchema>;
/** The kind of an audit record. */
export type AuditRecordKind = AuditRecord['kind'];

/** The `action` column of each kind of record (the names of version 1, kept). */
export const AUDIT_ACTIONS: Readonly<Record<AuditRecordKind, string>> = {
  allocate: 'allocation.create',
  withdraw: 'allocation.withdraw',
  move: 'allocation.move',
  delegate: 'delegation.grant',
  revoke: 'delegation.revoke',
  undo: 'undo',
};

const KIND_OF: ReadonlyMap<string, AuditRecordKind> = new Map(
  Object.entries(AUDIT_ACTIONS).map(([kind, action]) => [action, kind as AuditRecordKind]),
);

/**
 * The kind of record an `action` holds, if it is one of the allocation console's.
 *
 * @example
 * ```ts
 * auditKindOf('allocation.create'); // 'allocate'
 * auditKindOf('feed.apply'); // undefined
 * ```
 */
export function auditKindOf(action: string): AuditRecordKind | undefined {
  return KIND_OF.get(action);
}

/**
 * Copies per audience.
 *
 * @example
 * ```ts
 * countByAudience([{ audience: 'ELEVE' }, { audience: 'ELEVE' }, { audience: 'ENSEIGNANT' }]); // { ELEVE: 2, ENSEIGNANT: 1 }
 * ```
 */
export function countByAudience(copies: readonly { audience?: Audience | undefined }[]): AudienceCounts {
  const out: AudienceCounts = {};
  for (const c of copies) if (c.audience) out[c.audience] = (out[c.audience] ?? 0) + 1;
  return out;
}

/** The stored parts of an audit entry that {@link readAuditRecord} reads. */
export interface StoredAuditParts {
  action: string;
  subjectId: string;
  before?: unknown;
  after?: unknown;
}

// Version 1 (before records were typed): the same facts spread over `before` and `after`, without audiences.
const v1Grant = z.object({
  subscriptionId: z.string(),
  targets: targets.optional(),
  allocationIds: z.array(z.string()),
  assignedAt: z.string(),
  granted: z.array(givenCopySchema),
});
const v1Release = z.object({
  subscriptionId: z.string(),
  allocationId: z.string().optional(),
  copies: z.array(heldCopySchema),
});
const v1Undo = z.object({ auditId: z.string(), action: z.string() });
const v1Kept = z.object({ kept: z.array(z.string()).optional() }).optional();

const persons = (copies: readonly { personId: string }[]): AllocationTarget[] =>
  copies.map((c) => ({ kind: 'person', personId: c.personId }));

function upgradeV1(entry: StoredAuditParts): AuditRecord | undefined {
  const kind = auditKindOf(entry.action);
  const after = entry.after;
  const before = entry.before;
  switch (kind) {
    case 'allocate': {
      const g = v1Grant.safeParse(after);
      if (!g.success) return undefined;
      const { targets: t, ...rest } = g.data;
      return { v: 2, kind, ...rest, targets: t ?? [], counts: countByAudience(rest.granted) };
    }
    case 'withdraw': {
      const r = v1Release.safeParse(before);
      const k = v1Kept.safeParse(after);
      if (!r.success || !k.success) return undefined;
      const { allocationId, copies, subscriptionId } = r.data;
      return {
        v: 2,
        kind,
        subscriptionId,
        ...(allocationId !== undefined ? { allocationId } : {}),
        targets: allocationId === undefined ? persons(copies) : [],
        released: copies,
        kept: k.data?.kept ?? [],
        counts: countByAudience(copies),
      };
    }
    case 'move': {
      const r = v1Release.safeParse(before);
      const g = v1Grant.safeParse(after);
      if (!r.success || !g.success) return undefined;
      const { targets: t, ...rest } = g.data;
      return {
        v: 2,
        kind,
        ...rest,
        targets: t ?? [],
        counts: countByAudience(rest.granted),
        released: r.data.copies,
        releasedCounts: countByAudience(r.data.copies),
      };
    }
    case 'delegate':
    case 'revoke':
      return { v: 2, kind, delegateId: entry.subjectId, targets: [{ kind: 'person', personId: entry.subjectId }] };
    case 'undo': {
      const u = v1Undo.safeParse(before);
      const undid = u.success ? auditKindOf(u.data.action) : undefined;
      if (!u.success || undid === undefined || undid === 'undo') return undefined;
      return { v: 2, kind, auditId: u.data.auditId, undid, targets: [], took: {}, gave: {} };
    }
    default:
      return undefined;
  }
}

/**
 * The typed record of a stored audit entry of the allocation console, whatever version wrote it: a record of
 * version 2 is stored whole in `after` and checked against {@link auditRecordSchema}; a row of version 1 (facts spread
 * over `before` and `after`) is upgraded. `undefined` for other actions (directory, feeds…) and for rows that say too
 * little to be read (an undo then refuses them).
 *
 * @example
 * ```ts
 * readAuditRecord({ action: 'delegation.grant', subjectId: 'prof-1' })?.kind; // 'delegate'
 * ```
 */
export function readAuditRecord(entry: StoredAuditParts): AuditRecord | undefined {
  const after = entry.after as { v?: unknown } | null | undefined;
  if (typeof after === 'object' && after !== null && after.v === AUDIT_RECORD_VERSION) {
    const r = auditRecordSchema.safeParse(after);
    return r.success && AUDIT_ACTIONS[r.data.kind] === entry.action ? r.data : undefined;
  }
  return upgradeV1(entry);
}

/**
 * A target as the history names it: its key (as {@link targetKey}), its kind, a readable name and, when it gives to
 * some audiences only, those audiences (its population). Absent `population`: everyone the target covers.
 */
export const auditTargetDescriptionSchema = z.object({
  key: z.string(),
  kind: z.string(),
  name: z.string(),
  population: z.array(audienceSchema).optional(),
});
/** A target as the history names it. */
export type AuditTargetDescription = z.infer<typeof auditTargetDescriptionSchema>;

/** The names a school's directory gives: people (with their audience there) and divisions or groups. */
export interface AuditNames {
  person(id: string): { name: string; audience?: Audience | undefined } | undefined;
  group(code: string): string | undefined;
}

/**
 * Names a target for the history, from the directory's names (an unknown person or group, e.g. one erased since,
 * keeps its id). The one place that knows how each kind of target reads: a new kind adds its case here.
 *
 * @example
 * ```ts
 * describeAuditTarget({ kind: 'division', code: '5A' }, { person: () => undefined, group: () => '5e A' });
 * // { key: 'division:5A', kind: 'division', name: '5e A' }
 * ```
 */
export function describeAuditTarget(target: AllocationTarget, names: AuditNames): AuditTargetDescription {
  const key = targetKey(target);
  switch (target.kind) {
    case 'audience':
      return { key, kind: target.kind, name: target.audience, population: [target.audience] };
    case 'division':
    case 'group':
      return {
        key,
        kind: target.kind,
        name: names.group(target.code) ?? target.code,
        population: targetAudiences(target)!,
      };
    case 'level':
      return { key, kind: target.kind, name: target.mefStat4, population: ['ELEVE'] };
    case 'subjectTeachers':
      return {
        key,
        kind: target.kind,
        name: `${target.subject} (${target.divisions.map((d) => names.group(d) ?? d).join(', ')})`,
        population: ['ENSEIGNANT'],
      };
    case 'person': {
      const p = names.person(target.personId);
      return {
        key,
        kind: target.kind,
        name: p?.name ?? target.personId,
        ...(p?.audience ? { population: [p.audience] } : {}),
      };
    }
  }
}

/**
 * The target a filter key names (`division:5A`, `person:e1`, `audience:ELEVE`…), or `undefined` when it names none.
 *
 * @example
 * ```ts
 * parseTargetKey('division:5A'); // { kind: 'division', code: '5A' }
 * ```
 */
export function parseTargetKey(key: string): AllocationTarget | undefined {
  const at = key.indexOf(':');
  if (at <= 0) return undefined;
  const kind = key.slice(0, at);
  const rest = key.slice(at + 1);
  const [head = '', population] = rest.split('@');
  const candidate =
    kind === 'person'
      ? { kind, personId: rest }
      : kind === 'audience'
        ? { kind, audience: rest }
        : kind === 'level'
          ? { kind, mefStat4: rest }
          : kind === 'subjectTeachers'
            ? { kind, subject: head, divisions: population?.split('+') ?? [] }
            : { kind, code: head, ...(population ? { audiences: population.split('+') } : {}) };
  const r = allocationTargetSchema.safeParse(candidate);
  return r.success && targetKey(r.data) === key ? r.data : undefined;
}
