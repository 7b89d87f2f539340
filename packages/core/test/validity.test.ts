import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { endsWithin, isSubscriptionValidAt, schoolYearEnd, schoolYearOf } from '../src/index.js';

describe('validity windows and school years', () => {
  it('a school year ends on 15 August 23:59:59 Paris time of its second year', () => {
    assert.equal(schoolYearEnd('2025-2026'), '2026-08-15T21:59:59.000Z');
    assert.throws(() => schoolYearEnd('2025-2027'), TypeError);
    assert.throws(() => schoolYearEnd('2025/2026'), TypeError);
  });

  it('places instants in their school year around the 16 August boundary', () => {
    assert.equal(schoolYearOf('2026-08-15T21:59:59Z'), '2025-2026');
    assert.equal(schoolYearOf('2026-08-15T22:00:00Z'), '2026-2027');
    assert.equal(schoolYearOf('2027-01-10T10:00:00Z'), '2026-2027');
  });

  it('includes both ends of the window and nothing outside', () => {
    const sub = { validFrom: '2026-09-01T00:00:00Z', validUntil: '2026-09-30T00:00:00Z' };
    assert.equal(isSubscriptionValidAt(sub, '2026-08-31T23:59:59Z'), false);
    assert.equal(isSubscriptionValidAt(sub, '2026-09-01T00:00:00Z'), true);
    assert.equal(isSubscriptionValidAt(sub, '2026-09-30T00:00:00Z'), true);
    assert.equal(isSubscriptionValidAt(sub, '2026-09-30T00:00:01Z'), false);
  });

  it('tells when a subscription ends within some days', () => {
    const sub = { validUntil: '2026-10-31T00:00:00Z' };
    assert.equal(endsWithin(sub, '2026-10-02T00:00:00Z', 30), true);
    assert.equal(endsWithin(sub, '2026-09-30T00:00:00Z', 30), false);
    assert.equal(endsWithin(sub, '2026-11-01T00:00:00Z', 30), false);
  });
});
