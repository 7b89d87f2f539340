import { initial } from './001_initial.js';
import { statistics } from './003_statistics.js';
import { feedsNotifications } from './002_feeds_notifications.js';
import { entConsoleUrl } from './004_ent_console_url.js';
import { auditRecords } from './005_audit_records.js';
import { targets } from './006_targets.js';
import { grainOrigins } from './007_grain_origins.js';
import { nativeApps } from './008_native_apps.js';
import { catalogue } from './009_catalogue.js';
import { classroom } from './010_classroom.js';
import { samlProviders } from './011_saml_providers.js';
import { lti } from './012_lti.js';
import { ltiPlatforms } from './013_lti_platforms.js';
import { pinGrainTitle } from './014_pin_grain_title.js';
import { peopleById } from './015_people_by_id.js';
import { schoolSearch } from './017_school_search.js';

/** A schema change, applied once, in version order, inside the migration transaction. */
export interface Migration {
  version: number;
  name: string;
  sql: string;
}

/** Every migration, oldest first. Add a file `NNN_name.ts` and list it here; never edit an applied one. */
export const MIGRATIONS: readonly Migration[] = [
  initial,
  feedsNotifications,
  statistics,
  entConsoleUrl,
  auditRecords,
  targets,
  grainOrigins,
  nativeApps,
  catalogue,
  classroom,
  samlProviders,
  lti,
  ltiPlatforms,
  pinGrainTitle,
  peopleById,
  schoolSearch,
];
