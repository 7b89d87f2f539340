/**
 * Registers every element of the package, providers first (so that consumers find them when they connect), and
 * every language. Without a bundler, load the single file the package ships instead (`@opengar/elements/bundle`).
 *
 * @example
 * ```html
 * <script type="module" src="https://cdn.jsdelivr.net/npm/@opengar/elements@0.1.0/dist/opengar-elements.min.js"></script>
 * ```
 *
 * @packageDocumentation
 */
import './client-provider/define.js';
import './mediacentre/define.js';
import './allocation-panel/define.js';
import './usage-stats/define.js';
import './catalogue/define.js';
import './teacher-classes/define.js';
import './lang-en.js';
