import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';

const src = join(dirname(fileURLToPath(import.meta.url)), '..', 'src');

// A long sentence split over two string literals joined by `+` must keep the space between its sentences: the panel
// once said « (tous publics).Retirez-en 1 ». Every text the elements show lives in their sources.
test('no text of the elements runs two sentences together across a `+`', () => {
  const found: string[] = [];
  for (const entry of readdirSync(src, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile() || !entry.name.endsWith('.ts')) continue;
    const file = join(entry.parentPath, entry.name);
    const lines = readFileSync(file, 'utf8').split('\n');
    lines.forEach((line, i) => {
      const end = /[.!?)»:;]([`'"]) \+$/.exec(line);
      const next = /^\s*([`'"])\p{Lu}/u.exec(lines[i + 1] ?? '');
      if (end && next && end[1] === next[1]) found.push(`${file}:${i + 2}`);
    });
  }
  assert.deepEqual(found, []);
});
