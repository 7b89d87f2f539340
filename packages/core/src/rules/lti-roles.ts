import type { Profile } from '../model/profiles.js';

const LIS = 'http://purl.imsglobal.org/vocab/lis/v2';

/**
 * The LIS roles (LTI 1.3 `roles` claim) of a GAR profile **(our rule)**: a pupil is a student and a learner, a
 * teacher faculty and an instructor, a librarian-teacher staff and an instructor (both may place resources in a
 * course), a head an administrator, other staff staff. Case-insensitive, as profiles are read everywhere.
 *
 * @example
 * ```ts
 * ltiRolesFor('National_elv'); // ['http://purl.imsglobal.org/vocab/lis/v2/institution/person#Student', '…/membership#Learner']
 * ```
 */
export function ltiRolesFor(profile: Profile | string | undefined): string[] {
  switch (profile?.toLowerCase()) {
    case 'national_elv':
      return [`${LIS}/institution/person#Student`, `${LIS}/membership#Learner`];
    case 'national_ens':
      return [`${LIS}/institution/person#Faculty`, `${LIS}/membership#Instructor`];
    case 'national_doc':
      return [`${LIS}/institution/person#Staff`, `${LIS}/membership#Instructor`];
    case 'national_dir':
      return [`${LIS}/institution/person#Administrator`, `${LIS}/membership#Administrator`];
    case undefined:
      return [];
    default:
      return [`${LIS}/institution/person#Staff`];
  }
}
