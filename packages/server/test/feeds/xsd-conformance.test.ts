// The generated feeds against the official schemas, with xmllint, when ../shared/gar/ is beside the clone (the one
// place the project reads it). Elsewhere the test says why it is skipped.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, describe, test } from 'node:test';
import { FEED_BREAKAGES, feedFiles, generateFeedModel, type GeneratedFeedFile } from '@opengar/test-support';
import { demoDataSet } from '../../src/seed/demo-data-set.js';
import { demoFeedFiles } from '../../src/seed/demo-feed.js';

const shared = fileURLToPath(new URL('../../../../../shared/gar/', import.meta.url));
const xsd = { '2D': join(shared, 'GAR-ENT.xsd'), '1D': join(shared, 'GAR-ENT-1D.xsd') };
const hasXmllint = spawnSync('xmllint', ['--version']).status === 0;
const skip = !existsSync(xsd['2D'])
  ? `official XSDs not found at ${shared} (a clone without ../shared): conformance not checked`
  : !hasXmllint
    ? 'xmllint not installed (Debian: apt-get install libxml2-utils): conformance not checked'
    : false;

const dir = mkdtempSync(join(tmpdir(), 'opengar-xsd-'));
after(() => rmSync(dir, { recursive: true, force: true }));

function validate(files: readonly GeneratedFeedFile[], schema: string): { ok: boolean; output: string } {
  const paths = files.map((f, i) => {
    const p = join(dir, `${i}-${f.name.replace(/[^\w.-]/g, '_')}`);
    writeFileSync(p, f.text);
    return p;
  });
  const r = spawnSync('xmllint', ['--noout', '--nonet', '--schema', schema, ...paths], { encoding: 'utf8' });
  return { ok: r.status === 0, output: r.stderr };
}

describe('generated feeds against the official XSDs (xmllint)', { skip }, () => {
  for (const degree of ['2D', '1D'] as const) {
    test(`valid ${degree} feeds validate`, () => {
      const files = [...feedFiles(generateFeedModel({ degree, schools: 2, pupilsPerSchool: 30 }), { perFile: 25 })];
      const r = validate(files, xsd[degree]);
      assert.ok(r.ok, r.output.slice(0, 2000));
    });
  }
  // The demo's own feeds: the collège and lycée in 2D, the école in 1D (what `seedDemo` imports).
  for (const degree of ['2D', '1D'] as const) {
    test(`the demo's ${degree} feed validates`, () => {
      const files = demoFeedFiles(demoDataSet(), { degree, perFile: 500 });
      const r = validate(files, xsd[degree]);
      assert.ok(r.ok, r.output.slice(0, 2000));
    });
  }
  const valid = [...feedFiles(generateFeedModel({ schools: 1, pupilsPerSchool: 10 }))];
  for (const b of FEED_BREAKAGES.filter((x) => x.xsdInvalid)) {
    test(`the XSD refuses it too: ${b.name}`, () => {
      const broken = b.apply(valid).filter((f, i) => f !== valid[i]);
      assert.equal(broken.length, 1);
      assert.equal(validate(broken, xsd['2D']).ok, false);
    });
  }
});
