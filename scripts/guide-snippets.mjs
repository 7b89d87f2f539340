// The snippets of the guides that the guide tests run: a fenced block preceded by `<!-- guide-test: NAME -->` (blank
// lines between them allowed). A marker without a block after it, or a name used twice, is an error.
import { readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { root } from './lib.mjs';

/** The guides the tests follow. */
export const GUIDES = ['docs/guide-ent.md', 'docs/guide-publisher.md'];

/** The URL the guides write for the service; the tests put the running service's URL in its place, and nothing else. */
export const GUIDE_SERVICE_URL = 'https://gar.example';

/**
 * @param {string} file a Markdown file
 * @returns {{ name: string, lang: string, code: string, file: string, line: number }[]}
 */
export function extractSnippets(file) {
  const lines = readFileSync(file, 'utf8').split('\n');
  const where = relative(root, file);
  const snippets = [];
  for (let i = 0; i < lines.length; i++) {
    const marker = /^<!--\s*guide-test:\s*([\w-]+)\s*-->\s*$/.exec(lines[i].trim());
    if (!marker) continue;
    let j = i + 1;
    while (j < lines.length && lines[j].trim() === '') j++;
    const fence = /^(`{3,})(\w*)/.exec(lines[j] ?? '');
    if (!fence) throw new Error(`${where}:${i + 1}: guide-test ${marker[1]} is not followed by a fenced code block`);
    const end = lines.findIndex((l, k) => k > j && l.startsWith(fence[1]));
    if (end < 0) throw new Error(`${where}:${j + 1}: the code block of ${marker[1]} is never closed`);
    snippets.push({
      name: marker[1],
      lang: fence[2],
      code: `${lines.slice(j + 1, end).join('\n')}\n`,
      file: where,
      line: j + 2,
    });
    i = end;
  }
  return snippets;
}

/** Every marked snippet of {@link GUIDES}, by name; a name used twice across the guides is an error. */
export function guideSnippets() {
  const byName = new Map();
  for (const guide of GUIDES)
    for (const s of extractSnippets(join(root, guide))) {
      const seen = byName.get(s.name);
      if (seen) throw new Error(`${s.file}:${s.line}: guide-test ${s.name} is also at ${seen.file}:${seen.line}`);
      byName.set(s.name, s);
    }
  return byName;
}

/** The pinned CDN address of the elements' single file in the ENT guide; its version is the package's. */
export const GUIDE_CDN_BUNDLE =
  /https:\/\/cdn\.jsdelivr\.net\/npm\/@opengar\/elements@([^/"']+)\/dist\/opengar-elements\.min\.js/g;

/**
 * The snippet's code with the pinned CDN address of the elements' single file replaced by `localUrl` (the same file,
 * from the packed tarball); throws when the guide pins another version than `version`, the package's.
 */
export function withLocalBundle(code, version, localUrl) {
  return code.replace(GUIDE_CDN_BUNDLE, (_, pinned) => {
    if (pinned !== version)
      throw new Error(`the ENT guide pins @opengar/elements@${pinned}, the package is ${version}`);
    return localUrl;
  });
}

/** The snippet's code with the guides' service URL replaced by `serviceUrl`. */
export function withService(snippet, serviceUrl) {
  return snippet.code.split(GUIDE_SERVICE_URL).join(serviceUrl.replace(/\/+$/, ''));
}
