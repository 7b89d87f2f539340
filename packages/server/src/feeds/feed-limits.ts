/**
 * Every limit a directory feed is held to, in one place (documented in docs/feeds.md, "Limits"). The XML limits come
 * from GAR's schemas (`GAR-ENT.xsd`, `GAR-ENT-1D.xsd`) with a wide margin, so a genuine export never comes near them
 * while a hostile one is refused as soon as it crosses one, with its file and line:
 *
 * - depth: the deepest path in the schemas is root › record › structure › leaf (`GAR-ENT-Eleve › GAREleve ›
 *   GARPersonProfils › GARStructureUAI`), 4 levels;
 * - attributes: the schemas declare one (`Version`, on the root), plus namespace declarations and `xsi:schemaLocation`;
 * - text: the longest value the schemas allow is 500 characters; one run of characters without markup (a text, an
 *   attribute value, a comment, a name) is held to this many;
 * - elements: GAR ships at most 10,000 records ("nodes") per file, each of a few dozen elements at most.
 *
 * @example
 * ```ts
 * import { FEED_LIMITS } from '@opengar/server/feeds';
 * FEED_LIMITS.maxDepth; // 16
 * ```
 */
export const FEED_LIMITS = {
  /** Deepest element nesting in a file (the schemas need 4). */
  maxDepth: 16,
  /** Most attributes on one element, namespace declarations included (the schemas need 1). */
  maxAttributes: 16,
  /** Longest run of characters without markup: a text, attribute value, comment or name (the schemas allow 500). */
  maxTextChars: 4096,
  /** Most elements in one file (GAR: ≤ 10,000 records a file, of a few dozen elements each). */
  maxElementsPerFile: 1_000_000,
  /** Most files in a `.tar.gz` bundle. */
  maxFiles: 2000,
  /** Most bytes a bundle may expand to, whatever its compressed size (command line: a file on disk). */
  maxExpandedBytes: 4 * 1024 ** 3,
  /** An uploaded bundle may expand to this many times its compressed size (XML compresses 10 to 20 times)… */
  maxExpansionRatio: 32,
  /** …or to this many bytes, whichever is more (tiny bundles are mostly tar padding and compress far better). */
  minExpandedBytes: 16 * 1024 * 1024,
  /** Largest upload over HTTP (bigger académie feeds go through `opengar import-feed`). */
  maxUploadBytes: 64 * 1024 * 1024,
} as const;
