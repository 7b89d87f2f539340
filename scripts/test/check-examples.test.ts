// The examples check must fail on a wrong example, or `npm test` would pass with examples nobody compiles.
import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { checkExamples, extractExamples } from '../check-examples.mjs';

type Failure = { file: string; line: number; code: string; message: string };

const doc = (code: string, tail = '') =>
  `/**\n * Fixture.\n *\n * @example\n * \`\`\`ts\n${code
    .split('\n')
    .map((l) => ` * ${l}`)
    .join('\n')}\n * \`\`\`\n */\nexport const fixture = 1;\n${tail}`;
// The first code line of `doc(…)` is line 6 of the file.
const FIRST = 6;

const fixtures = {
  // parseAbonnement(xml, options, pathId): the pathId inside the options is the mistake issue 14 found.
  wrongArgs: doc("const xml = '<abonnement/>';\nparseAbonnement(xml, { mode: 'create', pathId: 'x' });"),
  rightArgs: doc(
    "const xml = '<abonnement/>';\nconst { subscription } = parseAbonnement(xml, { mode: 'create' }, 'x');",
  ),
  // `client` is a reader's value (any); `parseAbonnement` is the package's, so its return type is real.
  wrongResult: doc(
    "const n: number = parseAbonnement(xml, { mode: 'create' }, 'x').subscription.id;\nawait client.anything(1);",
  ),
  renamed: doc("parseAbonements(xml, { mode: 'create' }, 'x');"),
  syntax: doc('createGarService({ …, store });'),
  fragment: doc('const r = safeParseSubscription(body);\nif (!r.ok) return r.error.issues;'),
  crossPackage: doc('mefStat4Of({ mefStat11: 10010001110 });'),
  // `service` is the GarService: createSubscription(actor, input, pathId) misses its pathId.
  typedService: doc("await service.subscriptions.create(publisher, { id: 'ABO-1', ...details });"),
  closedComment: doc('createGarService({ store /* … */ });'),
  inline: `/** Fixture. @example \`verifyOperator(1, 2, 3)\` */\nexport const fixture = 1;\n`,
};
const path = (name: string) => `packages/server/src/ws-abonnement/${name}.fixture.ts`;

describe('check-examples', () => {
  let result: { examples: number; failures: Failure[] };
  const failuresOf = (name: keyof typeof fixtures) => result.failures.filter((f) => f.file === path(name));

  before(() => {
    result = checkExamples({ sources: Object.entries(fixtures).map(([name, text]) => ({ path: path(name), text })) });
  });

  it('checks every example it is given', () => {
    assert.equal(result.examples, Object.keys(fixtures).length);
  });

  it('fails a call of a real function with wrong arguments, at the line of the call', () => {
    assert.deepEqual(
      failuresOf('wrongArgs').map((x) => [x.line, x.code]),
      [[FIRST + 1, 'TS2554']],
    );
  });

  it('passes the same call with the right arguments, its free names read as the reader’s values', () => {
    assert.deepEqual(failuresOf('rightArgs'), []);
  });

  it('types the package’s names for real and only the reader’s names as any', () => {
    assert.deepEqual(
      failuresOf('wrongResult').map((x) => [x.line, x.code]),
      [[FIRST, 'TS2322']],
    );
  });

  it('fails a call of a function no package exports when an export is a letter away (a rename)', () => {
    assert.deepEqual(
      failuresOf('renamed').map((x) => [x.line, x.code]),
      [[FIRST, 'renamed']],
    );
  });

  it('fails an example that does not parse', () => {
    assert.ok(failuresOf('syntax').length > 0);
    assert.ok(failuresOf('syntax').every((x) => x.line === FIRST));
  });

  it('reads a fragment with a top-level return as a handler body', () => {
    assert.deepEqual(failuresOf('fragment'), []);
  });

  it('resolves the names of the other packages (core from a server example) and checks their types', () => {
    assert.deepEqual(
      failuresOf('crossPackage').map((x) => [x.line, x.code]),
      [[FIRST, 'TS2322']],
    );
  });

  it('types `service` as the GarService, so a call on it is checked', () => {
    assert.deepEqual(
      failuresOf('typedService').map((x) => [x.line, x.code]),
      [[FIRST, 'TS2554']],
    );
  });

  it('fails an example holding `*/`, which ends its doc comment', () => {
    assert.ok(failuresOf('closedComment').some((x) => x.line === FIRST && x.code === 'comment-closed'));
  });

  it('checks one-line `@example \\`code\\`` forms too', () => {
    assert.deepEqual(
      failuresOf('inline').map((x) => [x.line, x.code]),
      [[1, 'TS2554']],
    );
  });
});

describe('extractExamples', () => {
  it('takes ts fences under @example only, with the line of their first code line', () => {
    const text = [
      '/**', //                1
      ' * Text.', //           2
      ' * ```ts', //           3  not under @example
      ' * notChecked();', //   4
      ' * ```', //             5
      ' * @example', //        6
      ' * ```ts', //           7
      ' * first();', //        8
      ' *', //                 9
      ' * second();', //       10
      ' * ```', //             11
      ' * ```html', //         12
      ' * <x-y></x-y>', //     13
      ' * ```', //             14
      ' * @param a ```ts', //  15
      ' */', //                16
    ].join('\n');
    assert.deepEqual(extractExamples(text), [{ line: 8, code: 'first();\n\nsecond();' }]);
  });
});
