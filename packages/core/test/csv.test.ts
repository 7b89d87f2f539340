import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { csvCell, csvText } from '../src/index.js';

// A minimal RFC 4180 reader, to check that what csvText writes reads back to the same cells.
function readCsv(text: string, separator: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i] as string;
    if (quoted && c === '"' && text[i + 1] === '"') {
      cell += '"';
      i++;
    } else if (c === '"') {
      quoted = !quoted;
    } else if (quoted) {
      cell += c;
    } else if (c === separator) {
      row.push(cell);
      cell = '';
    } else if (c === '\r' && text[i + 1] === '\n') {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
      i++;
    } else {
      cell += c;
    }
  }
  return rows;
}

describe('CSV cells and text', () => {
  test('a cell a spreadsheet would run as a formula starts with an apostrophe', () => {
    for (const lead of ['=', '+', '-', '@', '\t', '\r'])
      assert.equal(csvCell(`${lead}1`, ',').replace(/^"/, '')[0], "'");
    assert.equal(csvCell('=SUM(A1)', ';'), "'=SUM(A1)");
    assert.equal(csvCell('a=b', ';'), 'a=b');
  });

  test('the separator, quotes and line breaks are quoted; the other separator is not', () => {
    assert.equal(csvCell('Dupont; Jean', ';'), '"Dupont; Jean"');
    assert.equal(csvCell('Dupont; Jean', ','), 'Dupont; Jean');
    assert.equal(csvCell('a,b', ','), '"a,b"');
    assert.equal(csvCell('il dit "non"', ';'), '"il dit ""non"""');
    assert.equal(csvCell('deux\nlignes', ','), '"deux\nlignes"');
    assert.equal(csvCell(42, ';'), '42');
  });

  test('lines end with CRLF, the last one too', () => {
    assert.equal(
      csvText(
        [
          ['a', 'b'],
          [1, 2],
        ],
        ';',
      ),
      'a;b\r\n1;2\r\n',
    );
    assert.equal(csvText([], ','), '');
  });

  test('what is written reads back to the same cells (formula cells keep their apostrophe)', () => {
    fc.assert(
      fc.property(
        fc.constantFrom<',' | ';'>(',', ';'),
        fc.array(
          fc.array(fc.string({ unit: fc.constantFrom('a', ';', ',', '"', '\n', '\r', '=', ' ', 'é') }), {
            minLength: 1,
            maxLength: 4,
          }),
          { maxLength: 5 },
        ),
        (sep, rows) => {
          const expected = rows.map((r) => r.map((v) => (/^[=+\-@\t\r]/.test(v) ? `'${v}` : v)));
          assert.deepEqual(readCsv(csvText(rows, sep), sep), expected);
        },
      ),
    );
  });
});
