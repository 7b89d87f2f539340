import type { Migration } from './index.js';

// The history's filters: by author, and by target (every typed audit record, and the grants of version 1, keep their
// targets in `after.targets`; `@>` finds a target there through this index).
const sql = `
CREATE INDEX audit_entries_by_actor ON audit_entries (uai, actor, at_ts DESC, id DESC);
CREATE INDEX audit_entries_by_target ON audit_entries USING gin ((after -> 'targets') jsonb_path_ops);
`;

/** Indexes of the audit history's filters (author, target); the records themselves need no new column. */
export const auditRecords: Migration = { version: 5, name: 'audit_records', sql };
