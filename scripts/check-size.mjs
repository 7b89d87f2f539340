// Size rails for the code base: warns about files over 400 lines (a sign to split), fails on lines no reader can take.
// The formatter (Biome, lineWidth 120) breaks code; what it cannot break is long strings, comments and template text,
// so those get a hard ceiling, and, once the tree is formatted (`--formatted`), a budget of lines over 160 characters
// that may only go down. Usage: node scripts/check-size.mjs [--formatted]
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { root } from './lib.mjs';

const FILE_LINES_WARN = 400;
const LONG_LINE = 160;
/** No line may be longer than this; the longest today is a template of ws-abonnement's listEtablissement (583). */
const MAX_LINE = 600;
/**
 * Lines over LONG_LINE in the formatted tree (114 after `biome format --write`; 139 since the rentrée and the
 * responsable's year added lit templates and French sentences the formatter cannot break; 162 since issues 18–22: the
 * catalogue, teacher, école and « données transmises » views, and the paperwork pages, whose long HTML text lines were
 * wrapped where the text allowed); lower it as they are fixed.
 */
const LONG_LINE_BUDGET = 162;

const CODE = /\.(?:ts|mts|cts|js|mjs|cjs)$/;
const listed = spawnSync('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard'], {
  cwd: root,
  encoding: 'utf8',
});
if (listed.status !== 0) {
  console.error(`check-size: git ls-files failed: ${listed.stderr}`);
  process.exit(1);
}
const files = listed.stdout.split('\0').filter((f) => CODE.test(f) && !f.endsWith('.d.ts'));

const bigFiles = [];
const longLines = [];
const tooLong = [];
for (const file of files) {
  let text;
  try {
    text = readFileSync(join(root, file), 'utf8');
  } catch {
    continue; // listed but deleted in the working tree
  }
  const lines = text.split('\n');
  if (lines.at(-1) === '') lines.pop();
  if (lines.length > FILE_LINES_WARN) bigFiles.push({ file, lines: lines.length });
  lines.forEach((line, i) => {
    if (line.length > LONG_LINE) longLines.push({ at: `${file}:${i + 1}`, length: line.length });
    if (line.length > MAX_LINE) tooLong.push({ at: `${file}:${i + 1}`, length: line.length });
  });
}

const formatted = process.argv.includes('--formatted');
bigFiles.sort((a, b) => b.lines - a.lines);
longLines.sort((a, b) => b.length - a.length);
for (const { file, lines } of bigFiles)
  console.log(`warning: ${file} has ${lines} lines (over ${FILE_LINES_WARN}: consider splitting)`);
console.log(
  `${files.length} files, ${bigFiles.length} over ${FILE_LINES_WARN} lines, ${longLines.length} lines over ${LONG_LINE} characters`,
);
for (const { at, length } of longLines.slice(0, 5)) console.log(`  longest: ${at} (${length})`);

let failed = false;
for (const { at, length } of tooLong) {
  console.error(
    `error: ${at} is ${length} characters long (the ceiling is ${MAX_LINE}): split the string, comment or template`,
  );
  failed = true;
}
if (formatted && longLines.length > LONG_LINE_BUDGET) {
  console.error(
    `error: ${longLines.length} lines over ${LONG_LINE} characters, the budget is ${LONG_LINE_BUDGET}: split the new ones`,
  );
  failed = true;
}
process.exit(failed ? 1 : 0);
