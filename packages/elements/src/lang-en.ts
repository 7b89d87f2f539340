/**
 * Registers the English translation of `<gar-mediacentre>` (`lang="en"`). `define-all.js` imports it; a page that
 * registers elements one by one imports it when it wants English.
 *
 * @example
 * ```ts
 * import '@opengar/elements/define-mediacentre.js';
 * import '@opengar/elements/lang-en.js';
 * ```
 *
 * @packageDocumentation
 */
import { en } from './mediacentre/localize/en.js';
import { registerTranslation } from './mediacentre/localize.js';
import { classroomEn } from './mediacentre/localize/classroom-en.js';
import { register } from './shared/localize.js';

registerTranslation('en', en);
register('gar-mediacentre-classroom', 'en', classroomEn);
