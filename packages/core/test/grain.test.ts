import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { checkGrain, grainOriginSchema, resourceSchema } from '../src/index.js';
import { HOSTILE_GRAINS } from '@opengar/test-support';

const ORIGINS = ['https://lecture.editeur.example', 'http://127.0.0.1:4100'];

describe('checkGrain', () => {
  it('accepts a path (in the first origin) and an absolute URL inside a declared origin, canonical', () => {
    assert.deepEqual(checkGrain('/chapitre/3?page=42', ORIGINS), {
      ok: true,
      url: 'https://lecture.editeur.example/chapitre/3?page=42',
    });
    assert.deepEqual(checkGrain('http://127.0.0.1:4100/resources/manuel/p/12', ORIGINS), {
      ok: true,
      url: 'http://127.0.0.1:4100/resources/manuel/p/12',
    });
    assert.deepEqual(checkGrain('/livre?q=%C3%A9t%C3%A9&x=1', ORIGINS), {
      ok: true,
      url: 'https://lecture.editeur.example/livre?q=%C3%A9t%C3%A9&x=1',
    });
  });

  for (const [grain, reason] of HOSTILE_GRAINS) {
    it(`refuses ${JSON.stringify(grain.slice(0, 60))} (${reason})`, () => {
      assert.deepEqual(checkGrain(grain, ORIGINS), { ok: false, reason });
    });
  }

  it('refuses every grain for a resource that declares no origin', () => {
    assert.deepEqual(checkGrain('/chapitre/3', []), { ok: false, reason: 'no_grains' });
  });

  it('an http origin off loopback, a path or a non-canonical origin cannot be declared', () => {
    assert.ok(grainOriginSchema.safeParse('https://lecture.editeur.example').success);
    assert.ok(grainOriginSchema.safeParse('http://127.0.0.1:4100').success);
    for (const bad of [
      'http://lecture.editeur.example',
      'https://lecture.editeur.example/',
      'https://lecture.editeur.example/livre',
      'https://LECTURE.editeur.example',
      'https://a@lecture.editeur.example',
      'javascript:alert(1)',
    ])
      assert.equal(grainOriginSchema.safeParse(bad).success, false, bad);
  });

  it('a resource declares unique origins, none by default', () => {
    const base = {
      id: 'ark:/1/x',
      idType: 'ark',
      name: 'X',
      publisherId: 'P',
      publisherName: 'P',
      distributorIds: ['D'],
      accessUrl: 'https://x.example/gar',
      presentationType: { code: 'MAN', nom: 'Manuels numériques' },
    };
    assert.deepEqual(resourceSchema.parse(base).grainOrigins, []);
    const twice = resourceSchema.safeParse({ ...base, grainOrigins: ['https://x.example', 'https://x.example'] });
    assert.equal(twice.success, false);
  });
});
