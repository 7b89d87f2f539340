import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { pairwisePseudonym, pseudonymScope, statisticsPseudonym } from '../src/index.js';

describe('pairwise pseudonym (IDO)', () => {
  const base = { secret: 'opengar-test-secret', entId: 'ENTTEST1', personId: 'eleve-000123' };

  it('passes the first test vector of GAR-REFERENCE.md', () => {
    assert.equal(
      pairwisePseudonym({ ...base, scope: 'ark:/12345/famille-maths' }),
      'a82fc3e862fe123c5df20ffd5405adfbb0c8d86784d88ec974a4e19d76603f0d8ada3601a44f1a2a553897cead46d38fc5123c4347fa056d0038c1ee2f9e7cf3',
    );
  });

  it('passes the second test vector', () => {
    assert.equal(
      pairwisePseudonym({ ...base, scope: 'ark:/67890/dico' }),
      '09fc3961729725e297b69663c0ddf635c83e8d247566a76b98824d5986901741dacedc87c938724f053566f25968278db8e888ed845ea65360b96f14e9553389',
    );
  });

  it('is 128 lower-case hex characters', () => {
    assert.match(pairwisePseudonym({ ...base, scope: 'x' }), /^[0-9a-f]{128}$/);
  });

  it('length-prefixes its parts, so shifting a boundary changes the result', () => {
    const a = pairwisePseudonym({ secret: 's', entId: 'AB', personId: 'C', scope: 'x' });
    const b = pairwisePseudonym({ secret: 's', entId: 'A', personId: 'BC', scope: 'x' });
    assert.notEqual(a, b);
  });

  it('accepts the secret as bytes and refuses an empty one', () => {
    const bytes = new TextEncoder().encode('opengar-test-secret');
    assert.equal(
      pairwisePseudonym({ ...base, secret: bytes, scope: 'ark:/67890/dico' }),
      pairwisePseudonym({ ...base, scope: 'ark:/67890/dico' }),
    );
    assert.throws(() => pairwisePseudonym({ ...base, secret: '', scope: 'x' }), TypeError);
  });

  it('uses the family parent as scope when there is one', () => {
    assert.equal(pseudonymScope({ id: 'ark:/1/tome-1', familyParentId: 'ark:/1/famille' }), 'ark:/1/famille');
    assert.equal(pseudonymScope({ id: 'ark:/1/seul' }), 'ark:/1/seul');
  });

  it('statistics pseudonym differs from any IDO of the same person under the same secret', () => {
    const stats = statisticsPseudonym('opengar-test-secret', 'ENTTEST1', 'eleve-000123');
    assert.notEqual(stats, pairwisePseudonym({ ...base, scope: 'ark:/67890/dico' }));
    assert.match(stats, /^[0-9a-f]{128}$/);
  });
});
