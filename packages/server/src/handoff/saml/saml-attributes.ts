import type { ReleasedAttributes } from '@opengar/core';

/** One `<saml:Attribute>`: GAR's attribute name and its values, in the order released. */
export interface SamlAttribute {
  name: string;
  values: string[];
}

/**
 * The attributes of a SAML assertion, from exactly what `releaseAttributes` (core) released for the JWT hand-off: the
 * same names (`IDO`, `UAI`, `PRO`…), one `<saml:AttributeValue>` per value (a token's array claim gives one value per
 * item). Nothing is added and nothing is dropped: there is no second release list.
 *
 * @example
 * ```ts
 * samlAttributes({ IDO: 'ab12…', UAI: ['0561641E'] }); // [{ name: 'IDO', values: ['ab12…'] }, { name: 'UAI', values: ['0561641E'] }]
 * ```
 */
export function samlAttributes(attributes: ReleasedAttributes): SamlAttribute[] {
  return Object.entries(attributes)
    .filter(([, v]) => v !== undefined)
    .map(([name, v]) => ({ name, values: Array.isArray(v) ? v.map(String) : [String(v)] }));
}
