import type { Person } from '@opengar/core';
import { escapeXml } from '../http/escape-xml.js';

// What the demo's 2D and 1D feeds write alike: elements with escaped text, and a person's common fields.

/** One element with escaped text. */
export const el = (name: string, value: string) => `<${name}>${escapeXml(value)}</${name}>`;

/** Whether a person is a pupil somewhere. */
export const isPupil = (p: Person) => p.profiles.some((x) => x.profile === 'National_elv');

/** A person's identifier, profiles, names, civility, schools and birth date, then `tail` (what the kind adds). */
export function personXml(p: Person, tail: string): string {
  const uais = [...new Set(p.profiles.map((x) => x.uai))];
  return (
    el('GARPersonIdentifiant', p.id) +
    p.profiles
      .map(
        (x) =>
          `<GARPersonProfils>${el('GARStructureUAI', x.uai)}${el('GARPersonProfil', x.profile)}</GARPersonProfils>`,
      )
      .join('') +
    el('GARPersonNom', p.lastName) +
    el('GARPersonPrenom', p.firstName) +
    el('GARPersonAutresPrenoms', p.firstName) +
    (p.civility ? el('GARPersonCivilite', p.civility) : '') +
    (uais[0] ? el('GARPersonStructRattach', uais[0]) : '') +
    uais.map((u) => el('GARPersonEtab', u)).join('') +
    (p.birthDate ? el('GARPersonDateNaissance', p.birthDate) : '') +
    tail
  );
}
