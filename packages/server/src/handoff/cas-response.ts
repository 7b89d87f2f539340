import { escapeXml } from '../http/escape-xml.js';
import type { CasFailureCode } from './single-use-tickets.js';

const CAS_NS = 'http://www.yale.edu/tp/cas';
const ATTRIBUTE_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

/**
 * Escapes text for XML element content and attribute values: `escapeXml` under the name the hand-off module
 * has always exported.
 *
 * @example
 * ```ts
 * xmlEscape('a<b & "c"'); // 'a&lt;b &amp; &quot;c&quot;'
 * ```
 */
export function xmlEscape(text: string): string {
  return escapeXml(text);
}

/**
 * CAS 3.0 `serviceValidate` success: `cas:user` is the IDO, `cas:attributes` holds one element per value of each
 * released attribute (as GAR's sample shows: `<cas:DIV>` repeated, `<cas:UAI>`, `<cas:IDO>`…).
 *
 * @example
 * ```ts
 * casSuccessXml(ido, { IDO: ido, UAI: ['0561641E'], PRO: 'National_elv' });
 * ```
 */
export function casSuccessXml(user: string, attributes: Readonly<Record<string, string | readonly string[]>>): string {
  const lines: string[] = [];
  for (const [name, value] of Object.entries(attributes)) {
    if (!ATTRIBUTE_NAME.test(name)) continue;
    for (const v of typeof value === 'string' ? [value] : value)
      lines.push(`      <cas:${name}>${xmlEscape(v)}</cas:${name}>`);
  }
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<cas:serviceResponse xmlns:cas="${CAS_NS}">`,
    '  <cas:authenticationSuccess>',
    `    <cas:user>${xmlEscape(user)}</cas:user>`,
    '    <cas:attributes>',
    ...lines,
    '    </cas:attributes>',
    '  </cas:authenticationSuccess>',
    '</cas:serviceResponse>',
    '',
  ].join('\n');
}

/**
 * CAS 3.0 `serviceValidate` failure with its code and an escaped message.
 *
 * @example
 * ```ts
 * casFailureXml('INVALID_TICKET', 'Ticket ST-… not recognized');
 * ```
 */
export function casFailureXml(code: CasFailureCode, message: string): string {
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<cas:serviceResponse xmlns:cas="${CAS_NS}">`,
    `  <cas:authenticationFailure code="${code}">${xmlEscape(message)}</cas:authenticationFailure>`,
    '</cas:serviceResponse>',
    '',
  ].join('\n');
}
