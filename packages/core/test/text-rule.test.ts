// The core text rule (controls, format characters, mixed scripts, NFC), JSON depth and Paris-time dates.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import {
  MAX_JSON_DEPTH,
  cleanJsonText,
  jsonDepth,
  personIdSchema,
  publisherDateTimeSchema,
  resourceIdSchema,
  safeParse,
  subscriptionIdSchema,
  textProblem,
  withParisOffset,
} from '../src/index.js';

describe('text rule', () => {
  it('refuses every C0 control and DEL in an id, and all but tab and line breaks in free text', () => {
    for (let code = 0; code < 0x20; code++) {
      const c = String.fromCharCode(code);
      assert.equal(textProblem(`a${c}b`, 'id'), 'control_character', `U+${code.toString(16)} in an id`);
      assert.equal(
        textProblem(`a${c}b`, 'free'),
        c === '\t' || c === '\n' || c === '\r' ? undefined : 'control_character',
      );
    }
    assert.equal(textProblem('a\u007fb', 'free'), 'control_character');
  });

  it('refuses format characters and mixed scripts in ids only', () => {
    for (const c of [
      '\u200b',
      '\u200c',
      '\u200d',
      '\u2060',
      '\ufeff',
      '\u202e',
      '\u202a',
      '\u2066',
      '\u2069',
      '\u00ad',
    ]) {
      assert.equal(textProblem(`eleve${c}a`, 'id'), 'format_character', `U+${c.codePointAt(0)!.toString(16)}`);
      assert.equal(textProblem(`Nom${c}`, 'free'), undefined);
    }
    assert.equal(textProblem('p\u0430ul', 'id'), 'mixed_script'); // Cyrillic а
    assert.equal(textProblem('\u03bfmega-o', 'id'), 'mixed_script'); // Greek ο
    assert.equal(textProblem('ark:/11111/maths-2', 'id'), undefined);
    assert.equal(textProblem('élève-Ünïcode', 'id'), undefined);
    assert.equal(textProblem('иван-123', 'id'), undefined); // one script is fine
    assert.equal(textProblem('p\u0430ul', 'free'), undefined);
  });

  it('never accepts an id holding a control or format character, whatever surrounds it (property)', () => {
    const bad = fc.oneof(
      fc.integer({ min: 0, max: 0x1f }).map((c) => String.fromCharCode(c)),
      fc.constantFrom('\u007f', '\u200b', '\u202e', '\u2066', '\ufeff'),
    );
    fc.assert(
      fc.property(fc.string({ maxLength: 20 }), bad, fc.string({ maxLength: 20 }), (before, c, after) => {
        assert.notEqual(textProblem(`${before}${c}${after}`, 'id'), undefined);
        assert.equal(personIdSchema.safeParse(`x${before}${c}${after}`.slice(0, 64)).success, false);
      }),
    );
  });

  it('NFC-normalises ids, so NFC and NFD spellings are one id (property)', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme-composite', minLength: 1, maxLength: 12 }), (s) => {
        const nfc = personIdSchema.safeParse(s.normalize('NFC'));
        const nfd = personIdSchema.safeParse(s.normalize('NFD'));
        assert.equal(nfc.success, nfd.success);
        if (nfc.success && nfd.success) assert.equal(nfc.data, nfd.data);
      }),
    );
    assert.equal(subscriptionIdSchema.parse('ABO-e\u0301te\u0301'), 'ABO-\u00e9t\u00e9');
  });

  it('reports the rule as a validation code with a JSON pointer', () => {
    const r = safeParse(resourceIdSchema, 'ark:/1\u0000', 'resource id');
    assert.equal(r.ok, false);
    if (!r.ok)
      assert.deepEqual(
        r.error.issues.map((i) => i.code),
        ['control_character'],
      );
  });
});

describe('JSON input', () => {
  it('counts depth on the raw text without recursion, ignoring brackets in strings', () => {
    assert.equal(jsonDepth('{"a":[1,[2]],"b":"[[[\\"["}'), 3);
    assert.equal(jsonDepth('1'), 0);
    assert.equal(jsonDepth('['.repeat(50_000) + ']'.repeat(50_000)), 50_000);
    assert.equal(jsonDepth('['.repeat(50_000), MAX_JSON_DEPTH), MAX_JSON_DEPTH + 1);
  });

  it('agrees with the parsed depth (property)', () => {
    const depthOf = (v: unknown): number =>
      Array.isArray(v)
        ? 1 + Math.max(0, ...v.map(depthOf))
        : v !== null && typeof v === 'object'
          ? 1 + Math.max(0, ...Object.values(v).map(depthOf))
          : 0;
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 6 }), (v) => assert.equal(jsonDepth(JSON.stringify(v)), depthOf(v))),
    );
  });

  it('keeps a __proto__ member a member, never a prototype', () => {
    const { value } = cleanJsonText(JSON.parse('{"__proto__":{"polluted":true}}'));
    assert.deepEqual(Object.keys(value as object), ['__proto__']);
    assert.equal((value as Record<string, unknown>).polluted, undefined);
    assert.equal(({} as Record<string, unknown>).polluted, undefined);
  });

  it('NFC-normalises strings and names and points at controls', () => {
    const { value, problems } = cleanJsonText({
      ['ne\u0301']: ['ok', 'bad\u0000', { c: 'tab\tand\nnewline' }],
      k: 'x\u0007',
    });
    assert.deepEqual(value, { ['n\u00e9']: ['ok', 'bad\u0000', { c: 'tab\tand\nnewline' }], k: 'x\u0007' });
    assert.deepEqual(problems, [
      { pointer: '/ne\u0301/1', code: 'control_character' },
      { pointer: '/k', code: 'control_character' },
    ]);
  });
});

describe('Paris time', () => {
  it('gives an offset-less date-time the offset of Paris that day', () => {
    assert.equal(withParisOffset('2026-09-01T00:00:00'), '2026-09-01T00:00:00+02:00');
    assert.equal(withParisOffset('2027-01-15T08:30:00'), '2027-01-15T08:30:00+01:00');
    assert.equal(withParisOffset('2026-03-29T01:59:59'), '2026-03-29T01:59:59+01:00');
    assert.equal(withParisOffset('2026-03-29T03:00:00'), '2026-03-29T03:00:00+02:00');
    assert.equal(withParisOffset('2026-10-25T03:00:00'), '2026-10-25T03:00:00+01:00');
    assert.equal(withParisOffset('2026-10-25T01:59:59'), '2026-10-25T01:59:59+02:00');
    assert.equal(withParisOffset('2026-09-01T00:00:00Z'), '2026-09-01T00:00:00Z');
    assert.equal(withParisOffset('2026-02-30T00:00:00'), '2026-02-30T00:00:00');
    assert.equal(publisherDateTimeSchema.parse('2026-09-01T00:00:00.250'), '2026-09-01T00:00:00.250+02:00');
    assert.equal(publisherDateTimeSchema.safeParse('2026-02-30T00:00:00').success, false);
    assert.equal(publisherDateTimeSchema.parse('2026-09-01T00:00:00-05:00'), '2026-09-01T00:00:00-05:00');
  });

  it('always names the same instant as the Paris wall clock (property)', () => {
    const fmt = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Paris', dateStyle: 'short', timeStyle: 'medium' });
    fc.assert(
      fc.property(
        fc.date({ min: new Date('2000-01-01T00:00:00Z'), max: new Date('2099-12-31T00:00:00Z'), noInvalidDate: true }),
        (d) => {
          const local = fmt.format(d).replace(' ', 'T');
          const withOffset = withParisOffset(local);
          const back = fmt.format(new Date(withOffset)).replace(' ', 'T');
          assert.equal(back, local); // a repeated autumn hour may name the other instant, but shows the same wall clock
        },
      ),
    );
  });
});
