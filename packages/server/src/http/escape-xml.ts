// Characters XML 1.0 cannot carry at all, even escaped: written as U+FFFD so that a document always parses.
const NOT_XML = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g;
const ENTITIES: Readonly<Record<string, string>> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&apos;',
};

/**
 * Escapes text for XML element content and attribute values: the one XML escaper of the documents opengar writes
 * (CAS responses, ws-abonnement bodies and `<Erreur>`s, generated feeds).
 *
 * @example
 * ```ts
 * escapeXml('a<b & "c"'); // 'a&lt;b &amp; &quot;c&quot;'
 * ```
 */
export function escapeXml(text: string): string {
  return text.replace(NOT_XML, '\ufffd').replace(/[&<>"']/g, (c) => ENTITIES[c]!);
}
