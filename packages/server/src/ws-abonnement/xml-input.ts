import { TEXT_PROBLEM_MESSAGES, cleanJsonText } from '@opengar/core';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { WsAbonnementError } from './errors.js';

/** The largest XML body the web service reads (a subscription is ~1 KiB; filters less). */
export const MAX_XML_BYTES = 64 * 1024;

/** A character reference to a control other than tab and line breaks (`&#0;`, `&#x1F;`…), which XML 1.0 forbids. */
const C0_REFERENCE = /&#(?:0*(?:[0-8]|1[124-9]|2\d|3[01]|127)|x0*(?:[0-8bcef]|1[0-9a-f]|7f));/i;

/**
 * Parses an XML body safely: size bounded, DTDs and entity declarations refused before parsing (so no external entity
 * and no entity expansion can happen), well-formedness checked with a line number, namespace prefixes dropped, every
 * value kept as text.
 *
 * @throws {@link WsAbonnementError} `too-large`, `forbidden-construct` or `malformed`.
 */
export function readXml(
  text: string,
  arrays: readonly string[] = [],
  maxBytes = MAX_XML_BYTES,
): Record<string, unknown> {
  if (new TextEncoder().encode(text).length > maxBytes) {
    throw new WsAbonnementError('too-large', '/', `body larger than ${maxBytes} bytes`);
  }
  if (/<!DOCTYPE|<!ENTITY/i.test(text)) {
    throw new WsAbonnementError('forbidden-construct', '/', 'DTDs and entity declarations are not accepted');
  }
  if (/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/.test(text) || C0_REFERENCE.test(text)) {
    throw new WsAbonnementError('malformed', '/', TEXT_PROBLEM_MESSAGES.control_character);
  }
  const valid = XMLValidator.validate(text);
  if (valid !== true) {
    throw new WsAbonnementError('malformed', '/', `malformed XML at line ${valid.err.line}: ${valid.err.msg}`);
  }
  const arraySet = new Set(arrays);
  const parser = new XMLParser({
    ignoreAttributes: true,
    removeNSPrefix: true,
    parseTagValue: false,
    trimValues: true,
    processEntities: true,
    htmlEntities: false,
    isArray: (name) => arraySet.has(name),
    maxNestedTags: 10,
  });
  const doc: unknown = parser.parse(text);
  if (!doc || typeof doc !== 'object') throw new WsAbonnementError('malformed', '/', 'empty document');
  const { value, problems } = cleanJsonText(doc, 1);
  const problem = problems[0];
  if (problem)
    throw new WsAbonnementError('invalid', problem.pointer.replace(/\/\d+$/, ''), TEXT_PROBLEM_MESSAGES[problem.code]);
  return value as Record<string, unknown>;
}
