import { ATTRIBUTE_NAMES, type AttributeName, type Resource } from '../model/entities.js';
import type { Profile } from '../model/profiles.js';
import { releaseAttributes, type ReleaseInput } from './attributes.js';

/** How a person is spoken to about their data: `tu` for pupils, `vous` for adults. */
export type ReleasedDataAddress = 'tu' | 'vous';

/**
 * The names of the attributes a hand-off releases for this input, in GAR's order: the keys of
 * {@link releaseAttributes}' answer, never a second list. `IDO` is always first.
 *
 * @example
 * ```ts
 * releasedAttributeNames({ person, uai: '0561641E', resource, ido: '', groups, mefs }); // ['IDO', 'UAI', 'DIV']
 * ```
 */
export function releasedAttributeNames(input: ReleaseInput): AttributeName[] {
  const released = new Set(Object.keys(releaseAttributes(input)));
  return ATTRIBUTE_NAMES.filter((name) => released.has(name));
}

/**
 * The most a resource can receive about someone of `profile` at a school: {@link releasedAttributeNames} for a person
 * who has every value (name, civility, e-mail, a class, a group, a level). What a head, a register or a notice shows
 * per resource; a real person may receive less (an attribute with no value is not sent).
 *
 * @example
 * ```ts
 * releasableAttributeNames({ declaredAttributes: ['UAI', 'P_MEL', 'DIV'] }, 'National_elv'); // ['IDO', 'UAI', 'DIV']
 * ```
 */
export function releasableAttributeNames(
  resource: Pick<Resource, 'declaredAttributes'>,
  profile: Profile,
): AttributeName[] {
  const uai = '0000000A';
  return releasedAttributeNames({
    person: {
      entId: 'ENT',
      id: 'someone',
      lastName: 'Nom',
      firstName: 'Prénom',
      civility: 'Mme',
      email: 'someone@example.org',
      profiles: [{ uai, profile }],
      mefs: [{ uai, code: 'MEF' }],
    },
    uai,
    resource,
    ido: '',
    groups: [
      { uai, code: 'D', label: 'D', status: 'DIVISION' },
      { uai, code: 'G', label: 'G', status: 'GROUPE' },
    ],
    mefs: [{ uai, code: 'MEF', mefStat11: '10010012110' }],
  });
}

/**
 * How to address someone of `profile`: pupils are spoken to with `tu`, everyone else with `vous`.
 * @example `releasedDataAddress('National_elv'); // 'tu'`
 */
export function releasedDataAddress(profile: Profile | undefined): ReleasedDataAddress {
  return profile === 'National_elv' ? 'tu' : 'vous';
}
