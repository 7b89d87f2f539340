/**
 * What an ENT page that shows the médiacentre loads, and nothing else: `<gar-client-provider>`, `<gar-mediacentre>`
 * (French built in) and its English. Built as the single file `dist/opengar-mediacentre.min.js` (exported as
 * `@opengar/elements/bundle-mediacentre`), a fraction of `dist/opengar-elements.min.js`, which also holds the
 * allocation panel and the statistics.
 *
 * @example
 * ```html
 * <script type="module" src="https://cdn.jsdelivr.net/npm/@opengar/elements@0.1.0/dist/opengar-mediacentre.min.js"></script>
 * ```
 *
 * @packageDocumentation
 */
import './client-provider/define.js';
import './mediacentre/define.js';
import './lang-en.js';
