// `opengar person export|erase` and `opengar paperwork` on a small PGlite store: files written, values escaped, the
// erasure leaving only what the rules keep.
import assert from 'node:assert/strict';
import { mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { createTestPgliteStore } from '../helpers/pglite-template.js';
import { copy, ent, person, resource, school, subscription } from '../helpers/fixtures.js';
import { runInProcess as run } from './run-cli.js';

describe('opengar person and paperwork', () => {
  let dir: string;
  let data: string;
  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'opengar-privacy-'));
    data = join(dir, 'store');
    const store = await createTestPgliteStore(data);
    await store.putEnt(ent());
    await store.putSchool(school({ name: 'Collège <Un>' }));
    await store.putResource(resource({ name: 'Maths & <b>co</b>', declaredAttributes: ['UAI', 'DIV', 'P_MEL'] }));
    await store.insertSubscription(subscription());
    await store.putPerson(person({ lastName: '<img src=x onerror=alert(1)>' }));
    await store.insertCopies([copy({ subscriptionId: 'ABO-MATHS-S1', personId: 'eleve-a' })]);
    await store.close();
  });
  after(() => rm(dir, { recursive: true, force: true }));

  it('person export writes the JSON and an escaped page', async () => {
    const html = join(dir, 'export.html');
    const json = join(dir, 'export.json');
    const r = await run([
      'person',
      'export',
      '--store',
      data,
      '--ent',
      'ENTA',
      '--person',
      'eleve-a',
      '--html',
      html,
      '--json',
      json,
    ]);
    assert.equal(r.error, undefined, r.err);
    assert.match(r.out, /Found: .*people 1.*licence_copies 1/);
    const page = await readFile(html, 'utf8');
    assert.ok(page.includes('&lt;img src=x onerror=alert(1)&gt;') && !page.includes('<img'));
    const body = JSON.parse(await readFile(json, 'utf8')) as { tables: { table: string }[] };
    assert.ok(body.tables.some((t) => t.table === 'people'));
  });

  it('paperwork writes the register, the notices in fr and en, and the impact-assessment outline', async () => {
    const out = join(dir, 'paperwork');
    const r = await run([
      'paperwork',
      '--store',
      data,
      '--out',
      out,
      '--controller',
      'Rectorat',
      '--dpo',
      'dpd@ac.test',
      '--terms-url',
      'https://gar.test/cgu',
    ]);
    assert.equal(r.error, undefined, r.err);
    assert.deepEqual((await readdir(out)).sort(), [
      'README.md',
      'aipd.html',
      'notice-0000001A.en.html',
      'notice-0000001A.fr.html',
      'registre.html',
    ]);
    const register = await readFile(join(out, 'registre.html'), 'utf8');
    assert.ok(register.includes('Maths &amp; &lt;b&gt;co&lt;/b&gt;') && !register.includes('<b>co'));
    assert.match(register, /l’adresse électronique \(personnels seulement\)/);
    const fr = await readFile(join(out, 'notice-0000001A.fr.html'), 'utf8');
    assert.match(fr, /<html lang="fr">/);
    assert.match(fr, /Collège &lt;Un&gt;/);
    // A pupil never gets P_MEL: the notice lists what a pupil receives.
    assert.ok(!fr.includes('<code>P_MEL</code>'));
    assert.match(fr, /href="https:\/\/gar.test\/cgu"/);
    assert.match(await readFile(join(out, 'notice-0000001A.en.html'), 'utf8'), /Information for families/);
    assert.match(await readFile(join(out, 'aipd.html'), 'utf8'), /À compléter/);
  });

  it('person erase reports what is left, and a second erase is refused', async () => {
    const html = join(dir, 'erase.html');
    const r = await run([
      'person',
      'erase',
      '--store',
      data,
      '--ent',
      'ENTA',
      '--person',
      'eleve-a',
      '--html',
      html,
      '--lang',
      'en',
    ]);
    assert.equal(r.error, undefined, r.err);
    assert.match(r.out, /Left after the erasure: audit_entries \d+\./);
    assert.match(await readFile(html, 'utf8'), /After the erasure/);
    const again = await run(['person', 'erase', '--store', data, '--ent', 'ENTA', '--person', 'eleve-a']);
    assert.ok(again.error);
  });
});
