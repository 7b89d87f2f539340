import type { FeedProblemCode } from '@opengar/server/feeds';
import type { GeneratedFeedFile } from './generate-feed.js';

/** One way to break a valid feed, with the problem code the check must report. */
export interface FeedBreakage {
  name: string;
  code: FeedProblemCode;
  /** Whether the official XSD refuses it too (the conformance test checks with `xmllint`). */
  xsdInvalid: boolean;
  apply(files: readonly GeneratedFeedFile[]): GeneratedFeedFile[];
}

/** Changes the first file of a kind with `fn`. */
function inKind(kind: string, fn: (text: string) => string) {
  return (files: readonly GeneratedFeedFile[]) => {
    let done = false;
    return files.map((f) => {
      if (done || !f.name.includes(`_${kind}_`)) return f;
      done = true;
      return { name: f.name, text: fn(f.text) };
    });
  };
}

const once = (text: string, pattern: RegExp, replace: (m: string, ...groups: string[]) => string) =>
  text.replace(pattern, replace);

/**
 * Every way the check must refuse a feed: what the XSD forbids (missing, repeated, out-of-order, unknown or too long
 * elements, empty values, bad dates, duplicate keys, wrong namespace or root, no `Version`, a DTD, broken XML) and
 * what GAR's rules add (unknown profiles, statuses, schools, groups and people; a missing kind; a bad file name).
 * Deterministic: each applies to the files {@link feedFiles} makes.
 *
 * @example
 * ```ts
 * for (const b of FEED_BREAKAGES) await importFeed(b.apply(validFiles)); // refused with b.code
 * ```
 */
export const FEED_BREAKAGES: readonly FeedBreakage[] = [
  {
    name: 'a required element is missing',
    code: 'missing_element',
    xsdInvalid: true,
    apply: inKind('Eleve', (t) => once(t, /<men:GARPersonNom>[^<]*<\/men:GARPersonNom>/, () => '')),
  },
  {
    name: 'a value is too long',
    code: 'too_long',
    xsdInvalid: true,
    apply: inKind('Eleve', (t) => once(t, /<men:GARPersonNom>[^<]*</, () => `<men:GARPersonNom>${'X'.repeat(501)}<`)),
  },
  {
    name: 'an element appears too often',
    code: 'too_many',
    xsdInvalid: true,
    apply: inKind('Eleve', (t) => once(t, /(<men:GARPersonPrenom>[^<]*<\/men:GARPersonPrenom>)/, (m) => m + m)),
  },
  {
    name: 'elements out of order',
    code: 'out_of_order',
    xsdInvalid: true,
    apply: inKind('Eleve', (t) =>
      once(
        t,
        /(<men:GARPersonNom>[^<]*<\/men:GARPersonNom>)(<men:GARPersonPrenom>[^<]*<\/men:GARPersonPrenom>)/,
        (_m, a, b) => b! + a!,
      ),
    ),
  },
  {
    name: 'an unknown element',
    code: 'unexpected_element',
    xsdInvalid: true,
    apply: inKind('Eleve', (t) =>
      once(t, /(<\/men:GARPersonIdentifiant>)/, (m) => `${m}<men:GARPersonSurnom>x</men:GARPersonSurnom>`),
    ),
  },
  {
    name: 'text between elements',
    code: 'unexpected_text',
    xsdInvalid: true,
    apply: inKind('Eleve', (t) => once(t, /(<\/men:GARPersonIdentifiant>)/, (m) => `${m}stray text`)),
  },
  {
    name: 'an empty value',
    code: 'empty',
    xsdInvalid: false,
    apply: inKind('Eleve', (t) => once(t, /<men:GARPersonNom>[^<]*</, () => '<men:GARPersonNom><')),
  },
  {
    name: 'a bad date',
    code: 'bad_date',
    xsdInvalid: true,
    apply: inKind('Eleve', (t) =>
      once(t, /<men:GARPersonDateNaissance>[^<]*</, () => '<men:GARPersonDateNaissance>2012-13<'),
    ),
  },
  {
    name: 'an invisible character in a person id',
    code: 'invalid_text',
    xsdInvalid: false,
    apply: inKind('Eleve', (t) =>
      once(t, /<men:GARPersonIdentifiant>([^<]*)</, (_m, id) => `<men:GARPersonIdentifiant>${id!}\u200b<`),
    ),
  },
  {
    name: 'a duplicate key',
    code: 'duplicate_key',
    xsdInvalid: true,
    apply: inKind('Eleve', (t) => once(t, /(<men:GAREleve>[\s\S]*?<\/men:GAREleve>)/, (m) => `${m}\n${m}`)),
  },
  {
    name: 'a wrong namespace',
    code: 'wrong_namespace',
    xsdInvalid: true,
    apply: inKind('Eleve', (t) => t.replace(/xmlns:men="[^"]*"/, 'xmlns:men="http://example.org/not-gar"')),
  },
  {
    name: 'a wrong root element',
    code: 'wrong_root',
    xsdInvalid: true,
    apply: inKind('Eleve', (t) => t.replace(/GAR-ENT-Eleve/g, 'GAR-ENT-Eleves')),
  },
  {
    name: 'no Version attribute',
    code: 'missing_version',
    xsdInvalid: true,
    apply: inKind('Eleve', (t) => t.replace(/ Version="[^"]*"/, '')),
  },
  {
    name: 'a DTD with an entity',
    code: 'doctype_refused',
    xsdInvalid: false,
    apply: inKind('Eleve', (t) => t.replace('?>\n', '?>\n<!DOCTYPE x [<!ENTITY big "boom">]>\n')),
  },
  {
    name: 'an undeclared entity',
    code: 'not_well_formed',
    xsdInvalid: true,
    apply: inKind('Eleve', (t) => once(t, /<men:GARPersonNom>/, (m) => `${m}&big;`)),
  },
  {
    name: 'a truncated file',
    code: 'not_well_formed',
    xsdInvalid: true,
    apply: inKind('Eleve', (t) => t.slice(0, Math.floor(t.length / 2))),
  },
  {
    name: 'an unknown profile',
    code: 'unknown_profile',
    xsdInvalid: false,
    apply: inKind('Eleve', (t) => once(t, /National_elv/, () => 'National_xyz')),
  },
  {
    name: 'an unknown group status',
    code: 'unknown_status',
    xsdInvalid: false,
    apply: inKind('Groupe', (t) => once(t, /DIVISION/, () => 'CLASSE')),
  },
  {
    name: 'a person at an unknown school',
    code: 'unknown_school',
    xsdInvalid: false,
    apply: inKind('Eleve', (t) => once(t, /<men:GARPersonEtab>[^<]*</, () => '<men:GARPersonEtab>9999999Z<')),
  },
  {
    name: 'a membership of an unknown division',
    code: 'unknown_group',
    xsdInvalid: false,
    apply: inKind('Groupe', (t) =>
      once(t, /(<men:GARPersonGroupe>[\s\S]*?<men:GARGroupeCode>)[^<]*/, (_m, a) => `${a!}NOPE`),
    ),
  },
  {
    name: 'a membership of an unknown person',
    code: 'unknown_person',
    xsdInvalid: false,
    apply: inKind('Groupe', (t) =>
      once(t, /(<men:GARPersonGroupe>[\s\S]*?<men:GARPersonIdentifiant>)[^<]*/, (_m, a) => `${a!}ghost`),
    ),
  },
  {
    name: 'a kind of file is missing',
    code: 'missing_kind',
    xsdInvalid: false,
    apply: (files) => files.filter((f) => !f.name.includes('_RespAff_')),
  },
  {
    name: 'a file with a bad name',
    code: 'bad_file_name',
    xsdInvalid: false,
    apply: (files) => files.map((f, i) => (i === 0 ? { name: 'etablissements.xml', text: f.text } : f)),
  },
];
