// The guide tests run only what scripts/guide-snippets.mjs extracts: a marker it missed would be a snippet nobody runs.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { extractSnippets, guideSnippets, withService } from '../guide-snippets.mjs';
import { lowestNode } from '../node-runtime.mjs';

const dir = mkdtempSync(join(tmpdir(), 'opengar-guide-snippets-'));
after(() => rmSync(dir, { recursive: true, force: true }));
const md = (name: string, text: string) => {
  const file = join(dir, name);
  writeFileSync(file, text);
  return file;
};

describe('extractSnippets', () => {
  it('takes the fenced block after each marker, with its language and first line', () => {
    const file = md(
      'ok.md',
      '# Guide\n\n<!-- guide-test: one -->\n\n```sh\ncurl https://gar.example/x\n```\n\n```sh\nnot marked\n```\n' +
        '<!--guide-test:two-->\n````ts\nconst a = "```";\n````\n',
    );
    const got = extractSnippets(file);
    assert.deepEqual(
      got.map((s: { name: string; lang: string; code: string; line: number }) => [s.name, s.lang, s.code, s.line]),
      [
        ['one', 'sh', 'curl https://gar.example/x\n', 6],
        ['two', 'ts', 'const a = "```";\n', 14],
      ],
    );
  });

  it('refuses a marker without a block, and a block never closed', () => {
    assert.throws(
      () => extractSnippets(md('lost.md', '<!-- guide-test: lost -->\nSome text.\n')),
      /lost is not followed/,
    );
    assert.throws(() => extractSnippets(md('open.md', '<!-- guide-test: open -->\n```sh\necho\n')), /never closed/);
  });

  it('puts the running service in place of the guides’ URL, and changes nothing else', () => {
    const snippet = { code: "curl https://gar.example/cas/p3/serviceValidate -d 'service=https://dico.example/cas'\n" };
    assert.equal(
      withService(snippet, 'http://127.0.0.1:4000/'),
      "curl http://127.0.0.1:4000/cas/p3/serviceValidate -d 'service=https://dico.example/cas'\n",
    );
  });
});

describe('the guides', () => {
  it('mark snippets with unique names', () => {
    const names = [...guideSnippets().keys()];
    assert.ok(names.includes('ent-embed') && names.includes('publisher-hono'), names.join(', '));
  });
});

describe('lowestNode', () => {
  it('reads the root engines range as a version', () => {
    assert.match(lowestNode(), /^\d+\.\d+\.\d+$/);
    assert.equal(lowestNode(), '22.12.0');
  });
});
