import type { AttributeName, Group, Mef, Person, Resource } from '../model/entities.js';
import { primaryProfileAt } from './people.js';

/** The attribute set released to a resource: claim name → value, in GAR's forms. */
export interface ReleasedAttributes {
  IDO: string;
  UAI?: [string];
  PRO?: string;
  NOM?: string;
  PRE?: string;
  CIV?: string;
  P_MEL?: string;
  DIV?: string[];
  GRO?: string[];
  P_MS4?: string[];
  E_MS4?: string[];
}

/** What attribute release needs to know. */
export interface ReleaseInput {
  person: Person;
  /** The school the person launched from. */
  uai: string;
  resource: Pick<Resource, 'declaredAttributes'>;
  /** The person's pairwise pseudonym for this resource's scope. */
  ido: string;
  /** The divisions and groups the person belongs to at that school. */
  groups: readonly Pick<Group, 'code' | 'label' | 'status' | 'uai'>[];
  /** The school's MEFs (at least those the person is attached to). */
  mefs: readonly Pick<Mef, 'uai' | 'code' | 'mefStat11' | 'mefStat4'>[];
}

/** `code##libellé`, GAR's form for divisions and groups. */
export function codeLabel(code: string, label: string): string {
  return `${code}##${label || code}`;
}

/** MEFSTAT4 level codes of a person at a school: the first four characters of each MEFSTAT11, or MEFSTAT4 directly. */
export function mefStat4Codes(person: Pick<Person, 'mefs'>, uai: string, mefs: ReleaseInput['mefs']): string[] {
  const byCode = new Map(mefs.filter((m) => m.uai === uai).map((m) => [m.code, m]));
  const out = new Set<string>();
  for (const link of person.mefs) {
    if (link.uai !== uai) continue;
    const mef = byCode.get(link.code);
    const ms4 = mef?.mefStat4 ?? mef?.mefStat11?.slice(0, 4);
    if (ms4) out.add(ms4);
  }
  return [...out];
}

/**
 * Builds exactly the attributes a resource declared (plus `IDO`), in GAR's formats. Undeclared attributes are never
 * present; `P_MEL` is never released for a pupil; `P_MS4` is for staff and `E_MS4` for pupils. Attributes with no value
 * for this person are omitted rather than sent empty.
 *
 * @example
 * ```ts
 * releaseAttributes({ person, uai: '0561641E', resource: { declaredAttributes: ['UAI', 'PRO', 'DIV'] }, ido, groups, mefs });
 * // { IDO: '…', UAI: ['0561641E'], PRO: 'National_elv', DIV: ['3A##3e A'] }
 * ```
 */
export function releaseAttributes(input: ReleaseInput): ReleasedAttributes {
  const { person, uai, resource, ido } = input;
  const profile = primaryProfileAt(person, uai);
  const pupil = profile === 'National_elv';
  const out: ReleasedAttributes = { IDO: ido };
  const declared = new Set<AttributeName>(resource.declaredAttributes);
  const atSchool = input.groups.filter((g) => g.uai === uai);
  for (const name of declared) {
    switch (name) {
      case 'IDO':
        break;
      case 'UAI':
        out.UAI = [uai];
        break;
      case 'PRO':
        if (profile) out.PRO = profile;
        break;
      case 'NOM':
        out.NOM = person.lastName;
        break;
      case 'PRE':
        out.PRE = person.firstName;
        break;
      case 'CIV':
        if (person.civility) out.CIV = person.civility;
        break;
      case 'P_MEL':
        if (!pupil && person.email) out.P_MEL = person.email;
        break;
      case 'DIV': {
        const div = atSchool.filter((g) => g.status === 'DIVISION').map((g) => codeLabel(g.code, g.label));
        if (div.length) out.DIV = div;
        break;
      }
      case 'GRO': {
        const gro = atSchool.filter((g) => g.status === 'GROUPE').map((g) => codeLabel(g.code, g.label));
        if (gro.length) out.GRO = gro;
        break;
      }
      case 'P_MS4':
        if (!pupil && profile) {
          const codes = mefStat4Codes(person, uai, input.mefs);
          if (codes.length) out.P_MS4 = codes;
        }
        break;
      case 'E_MS4':
        if (pupil) {
          const codes = mefStat4Codes(person, uai, input.mefs);
          if (codes.length) out.E_MS4 = codes;
        }
        break;
    }
  }
  return out;
}
