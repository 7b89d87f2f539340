import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import ts from 'typescript';

/** The environment variable that makes {@link checkExportSnapshot} rewrite the snapshot instead of comparing. */
export const UPDATE_EXPORT_SNAPSHOTS_ENV = 'UPDATE_EXPORT_SNAPSHOTS';

/**
 * The sorted names (values and types) each TypeScript entry module exports, read with the compiler in one program.
 *
 * @example
 * ```ts
 * const [names] = exportedNames(['/repo/packages/core/src/index.ts']);
 * ```
 */
export function exportedNames(entryFiles: readonly string[]): string[][] {
  // Only the module graph is bound (no type check): the export list does not depend on the program's diagnostics.
  const program = ts.createProgram([...entryFiles], {
    module: ts.ModuleKind.NodeNext,
    moduleResolution: ts.ModuleResolutionKind.NodeNext,
    target: ts.ScriptTarget.ES2022,
    customConditions: ['opengar-source'],
    experimentalDecorators: true,
    noEmit: true,
    // Without the standard library the program loads in a fraction of the time; names do not need it.
    noLib: true,
    skipLibCheck: true,
    types: [],
  });
  const checker = program.getTypeChecker();
  return entryFiles.map((file) => {
    const source = program.getSourceFile(file);
    if (!source) throw new Error(`cannot read ${file}`);
    const module = checker.getSymbolAtLocation(source);
    return module
      ? checker
          .getExportsOfModule(module)
          .map((s) => s.getName())
          .sort()
      : [];
  });
}

/**
 * The TypeScript entry files of a package, read from the `opengar-source` condition of its `package.json` `exports`,
 * keyed by subpath (`.`, `./node`…); a subpath whose source differs by platform (`node`, `browser`…) gives one key per
 * file, `"<subpath> [<conditions>]"`.
 *
 * @example
 * ```ts
 * sourceEntries('/repo/packages/server'); // { '.': 'src/index.ts', './node': 'src/node/index.ts', … }
 * ```
 */
export function sourceEntries(packageDir: string): Record<string, string> {
  const manifest = JSON.parse(readFileSync(join(packageDir, 'package.json'), 'utf8')) as {
    exports?: Record<string, unknown>;
  };
  const entries: Record<string, string> = {};
  for (const [subpath, target] of Object.entries(manifest.exports ?? {})) {
    if (typeof target !== 'object' || target === null) continue;
    const source = (target as Record<string, unknown>)['opengar-source'];
    if (typeof source === 'string') {
      entries[subpath] = source;
    } else if (typeof source === 'object' && source !== null) {
      const byFile = new Map<string, string[]>();
      for (const [condition, file] of Object.entries(source)) {
        if (typeof file === 'string') byFile.set(file, [...(byFile.get(file) ?? []), condition]);
      }
      for (const [file, conditions] of byFile)
        entries[byFile.size === 1 ? subpath : `${subpath} [${conditions.join(', ')}]`] = file;
    }
  }
  return entries;
}

/**
 * Compares the names every entry point of a package exports with the committed snapshot
 * `<packageDir>/test/exports.snapshot.json`, so that adding or removing a public export is a decision; with
 * `UPDATE_EXPORT_SNAPSHOTS=1` it rewrites the snapshot instead.
 *
 * @example
 * ```ts
 * it('exports what its snapshot says', () => checkExportSnapshot(fileURLToPath(new URL('..', import.meta.url))));
 * ```
 */
export function checkExportSnapshot(packageDir: string): void {
  const entries = sourceEntries(packageDir);
  const keys = Object.keys(entries).sort();
  const names = exportedNames(keys.map((k) => join(packageDir, entries[k]!)));
  const actual: Record<string, string[]> = Object.fromEntries(keys.map((k, i) => [k, names[i]!]));
  const snapshotFile = join(packageDir, 'test', 'exports.snapshot.json');
  if (process.env[UPDATE_EXPORT_SNAPSHOTS_ENV] === '1') {
    writeFileSync(snapshotFile, `${JSON.stringify(actual, null, 2)}\n`);
    return;
  }
  let expected: Record<string, string[]> = {};
  try {
    expected = JSON.parse(readFileSync(snapshotFile, 'utf8')) as Record<string, string[]>;
  } catch {
    // a missing snapshot is reported below as every name being new
  }
  const changes: string[] = [];
  for (const key of new Set([...Object.keys(expected), ...keys])) {
    const was = new Set(expected[key] ?? []);
    const now = new Set(actual[key] ?? []);
    const added = [...now].filter((n) => !was.has(n));
    const removed = [...was].filter((n) => !now.has(n));
    if (added.length) changes.push(`${key}: + ${added.join(', ')}`);
    if (removed.length) changes.push(`${key}: - ${removed.join(', ')}`);
  }
  assert.deepEqual(
    actual,
    expected,
    `The public exports changed:\n  ${changes.join('\n  ')}\nIf that is intended, rewrite the snapshot with\n` +
      `  ${UPDATE_EXPORT_SNAPSHOTS_ENV}=1 node --import tsx --conditions=opengar-source --test ${relative(process.cwd(), join(packageDir, 'test', 'exports.test.ts')) || '.'}\n` +
      'and commit test/exports.snapshot.json (every new export needs TSDoc with an example).',
  );
}
