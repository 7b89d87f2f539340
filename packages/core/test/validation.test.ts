import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  GarCoreError,
  ValidationError,
  isSafePublisherUrl,
  normalizeProfile,
  parsePerson,
  parseResource,
  parseSubscription,
  safeParse,
  subscriptionSchema,
  toJsonPointer,
} from '../src/index.js';
import { resource, subscription } from './fixtures.js';

function issuesOf(fn: () => unknown) {
  try {
    fn();
  } catch (e) {
    assert.ok(e instanceof ValidationError);
    assert.ok(e instanceof GarCoreError);
    assert.equal(e.code, 'invalid_input');
    return e.issues.map((i) => `${i.pointer} ${i.code}`);
  }
  assert.fail('expected a ValidationError');
}

describe('validation of untrusted input', () => {
  it('accepts a complete subscription', () => {
    const s = parseSubscription(subscription('abo-1', 'ark:/1/x'));
    assert.equal(s.id, 'abo-1');
  });

  it('says which field is too long', () => {
    assert.deepEqual(
      issuesOf(() => parseSubscription(subscription('a'.repeat(46), 'ark:/1/x'))),
      ['/id too_long'],
    );
    assert.deepEqual(
      issuesOf(() => parseSubscription(subscription('abo', 'ark:/1/x', { comment: 'x'.repeat(256) }))),
      ['/comment too_long'],
    );
  });

  it('refuses subscription ids with spaces or a leading underscore', () => {
    assert.deepEqual(
      issuesOf(() => parseSubscription(subscription('_abo', 'ark:/1/x'))),
      ['/id invalid_format'],
    );
    assert.deepEqual(
      issuesOf(() => parseSubscription(subscription('a b', 'ark:/1/x'))),
      ['/id invalid_format'],
    );
  });

  it('names enum violations and missing fields with JSON pointers', () => {
    const bad = { ...subscription('abo', 'ark:/1/x'), type: 'COLLECTIF', audiences: ['ELEVE', 'PARENT'] } as unknown;
    assert.deepEqual(
      issuesOf(() => parseSubscription(bad)),
      ['/type invalid_enum', '/audiences/1 invalid_enum'],
    );
    const { resourceId: _dropped, ...missing } = subscription('abo', 'ark:/1/x');
    assert.deepEqual(
      issuesOf(() => parseSubscription(missing)),
      ['/resourceId required'],
    );
  });

  it('refuses unknown fields, one issue each', () => {
    assert.deepEqual(
      issuesOf(() => parseSubscription({ ...subscription('abo', 'ark:/1/x'), evil: 1 })),
      ['/evil unknown_field'],
    );
  });

  it('checks licence counts: integers or ILLIMITE, all four per-audience counts', () => {
    assert.deepEqual(
      issuesOf(() => parseSubscription(subscription('abo', 'ark:/1/x', { licences: { kind: 'global', count: -1 } }))),
      ['/licences/count too_small'],
    );
    const partial = {
      kind: 'perAudience',
      counts: { ELEVE: 3, ENSEIGNANT: 'ILLIMITE', DOCUMENTALISTE: 1 },
    } as unknown as Parameters<typeof subscription>[2];
    assert.deepEqual(
      issuesOf(() => parseSubscription(subscription('abo', 'ark:/1/x', { licences: partial } as never))),
      ['/licences/counts/AUTRE PERSONNEL required'],
    );
  });

  it('refuses a validity window that ends before it starts', () => {
    assert.deepEqual(
      issuesOf(() => parseSubscription(subscription('abo', 'ark:/1/x', { validUntil: '2026-01-01T00:00:00Z' }))),
      ['/validUntil invalid_format'],
    );
  });

  it('refuses unsafe publisher URLs', () => {
    assert.deepEqual(
      issuesOf(() => parseResource(resource('ark:/1/x', { accessUrl: 'javascript:alert(1)' }))),
      ['/accessUrl invalid_format'],
    );
    assert.deepEqual(
      issuesOf(() => parseResource(resource('ark:/1/x', { thumbnailUrl: 'http://evil.example/t.png' }))),
      ['/thumbnailUrl invalid_format'],
    );
    assert.equal(isSafePublisherUrl('http://127.0.0.1:4100/r'), true);
    assert.equal(isSafePublisherUrl('https://user:pw@x.example/'), false);
    assert.equal(isSafePublisherUrl('/relative'), false);
  });

  it('refuses duplicate declared attributes and unknown ones', () => {
    assert.deepEqual(
      issuesOf(() => parseResource(resource('ark:/1/x', { declaredAttributes: ['NOM', 'NOM'] }))),
      ['/declaredAttributes conflict'],
    );
    assert.deepEqual(
      issuesOf(() => parseResource(resource('ark:/1/x', { declaredAttributes: ['NOM', 'SSN'] as never }))),
      ['/declaredAttributes/1 invalid_enum'],
    );
  });

  it('accepts profiles in any case and emits GAR spelling', () => {
    const p = parsePerson({
      entId: 'E1',
      id: 'p1',
      lastName: 'Durand',
      firstName: 'Jean',
      profiles: [{ uai: '0561641E', profile: 'NATIONAL_ENS' }],
    });
    assert.equal(p.profiles[0]!.profile, 'National_ens');
    assert.equal(normalizeProfile('national_DOC'), 'National_doc');
    assert.deepEqual(
      issuesOf(() =>
        parsePerson({
          entId: 'E1',
          id: 'p1',
          lastName: 'D',
          firstName: 'J',
          profiles: [{ uai: '0561641E', profile: 'teacher' }],
        }),
      ),
      ['/profiles/0/profile invalid_enum'],
    );
  });

  it('refuses lower-case UAIs and over-long person ids', () => {
    assert.deepEqual(
      issuesOf(() =>
        parsePerson({
          entId: 'E1',
          id: 'x'.repeat(65),
          lastName: 'D',
          firstName: 'J',
          profiles: [{ uai: '0561641e', profile: 'National_elv' }],
        }),
      ),
      ['/id too_long', '/profiles/0/uai invalid_format'],
    );
  });

  it('safeParse never throws and escapes pointers', () => {
    const r = safeParse(subscriptionSchema, 'not an object');
    assert.equal(r.ok, false);
    assert.equal(toJsonPointer(['a/b', 'c~d', 0]), '/a~1b/c~0d/0');
  });
});
