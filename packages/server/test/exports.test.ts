// The package's public surface: each entry point's exported names against test/exports.snapshot.json. Adding an export
// is a decision; the failure says how to rewrite the snapshot.
import { it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { checkExportSnapshot } from '@opengar/test-support/exports';

it('exports exactly the names of its snapshot', () =>
  checkExportSnapshot(fileURLToPath(new URL('..', import.meta.url))));
