import type { School } from '@opengar/core';
import { escapeXml } from '../http/escape-xml.js';

/** Namespace of GAR's establishment list. */
export const LIST_ETABLISSEMENT_NS = 'http://www.atosworldline.com/listEtablissement/v1.0/';

/**
 * Writes GAR's `<listEtablissement>` (the schools a publisher may deliver to), fields in GAR's order.
 *
 * @example
 * ```ts
 * etablissementsDocument(await store.listSchools());
 * ```
 */
export function etablissementsDocument(schools: readonly School[]): string {
  const el = (name: string, value: string | undefined) =>
    value === undefined ? '' : `\n        <${name}>${escapeXml(value)}</${name}>`;
  const items = schools.map(
    (s) =>
      `    <etablissement>${el('uai', s.uai)}${el('nature_uai', s.natureUai)}${el('nature_uai_libe', s.natureUaiLabel)}${el('type_uai', s.typeUai)}${el('type_uai_libe', s.typeUaiLabel)}${el('commune', s.commune)}${el('commune_libe', s.communeLabel)}${el('academie', s.academie)}${el('academie_libe', s.academieLabel)}${el('departement_insee_3', s.departement)}${el('departement_insee_3_libe', s.departementLabel)}${el('appellation_officielle', s.name)}${el('code_postal_uai', s.postalCode)}${el('localite_acheminement_uai', s.locality)}${el('idENT', s.entId)}\n    </etablissement>`,
  );
  return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<listEtablissement xmlns="${LIST_ETABLISSEMENT_NS}">\n${items.join('\n')}${items.length ? '\n' : ''}</listEtablissement>\n`;
}
