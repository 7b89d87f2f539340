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
import './define-client-provider.js';
import './define-mediacentre.js';
import './define-allocation-panel.js';
import './define-usage-stats.js';
import './lang-en.js';
