/**
 * Registers every element of the package, providers first (so that consumers find them when they connect), and
 * every language.
 *
 * @example
 * ```html
 * <script type="module" src="https://cdn.example/opengar-elements.min.js"></script>
 * ```
 *
 * @packageDocumentation
 */
import './client-provider/define.js';
import './mediacentre/define.js';
import './allocation-panel/define.js';
import './usage-stats/define.js';
import './lang-en.js';
