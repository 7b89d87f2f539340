// CSV for spreadsheets, shared by the service's exports and the elements' downloads. Names come from feeds and
// publishers (untrusted): a cell a spreadsheet would run as a formula is neutralised.

/** The separators opengar writes: `,` (RFC 4180) or `;` (what French spreadsheets expect). */
export type CsvSeparator = ',' | ';';

/**
 * One CSV cell: a leading `=` `+` `-` `@`, tab or carriage return gets an apostrophe (so it is text, not a formula);
 * a cell holding the separator, a quote or a line break is quoted, its quotes doubled.
 *
 * @example
 * ```ts
 * import { csvCell } from '@opengar/core';
 *
 * csvCell('=HYPERLINK("x")', ';'); // '"\'=HYPERLINK(""x"")"'
 * csvCell('Dupont; Jean', ';'); // '"Dupont; Jean"'
 * csvCell(12, ','); // '12'
 * ```
 */
export function csvCell(value: string | number, separator: CsvSeparator): string {
  let text = String(value);
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return text.includes(separator) || /["\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/**
 * Rows as CSV text: cells through {@link csvCell}, lines ended by CRLF (the last one too).
 *
 * @example
 * ```ts
 * import { csvText } from '@opengar/core';
 *
 * csvText([['section', 'item'], ['count', 3]], ';'); // 'section;item\r\ncount;3\r\n'
 * ```
 */
export function csvText(rows: readonly (readonly (string | number)[])[], separator: CsvSeparator): string {
  return rows.map((row) => `${row.map((v) => csvCell(v, separator)).join(separator)}\r\n`).join('');
}
