import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { it } from 'node:test';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));

it('the core tour runs and shows the rules at work', () => {
  const out = execFileSync(
    process.execPath,
    ['--import', 'tsx', '--conditions=opengar-source', join(here, '..', 'tour.ts')],
    { encoding: 'utf8' },
  );
  assert.match(out, /"reason":"insufficient_licences".*"remaining":2/);
  assert.match(out, /Léa's médiacentre: Dictionnaire junior/);
  assert.match(out, /DIV: \[ '3A##3e A' \]/);
  assert.doesNotMatch(out, /NOM|P_MEL/);
  assert.match(out, /Dictionnaire junior\s+<5/);
});
