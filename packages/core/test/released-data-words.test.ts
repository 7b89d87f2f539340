import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { ATTRIBUTE_NAMES, PROFILES, describeReleasedData, releasableAttributeNames } from '../src/index.js';

test('the catalogue’s words are those of what the release function sends to some profile, and nothing else', () => {
  const one = (declared: string[]) => describeReleasedData(declared as never, 'en');
  // A declared attribute no profile is ever sent is not described; the pseudonym always is.
  assert.deepEqual(one([]), ['a pseudonym specific to this resource (never the ENT’s identifier)']);
  fc.assert(
    fc.property(fc.subarray([...ATTRIBUTE_NAMES]), (declared) => {
      const released = new Set(PROFILES.flatMap((p) => releasableAttributeNames({ declaredAttributes: declared }, p)));
      // The same words as those of what is released to some profile: the declaration is never a second list.
      assert.deepEqual(one(declared), one([...released]));
      assert.equal(one(declared).length, released.size);
    }),
  );
});
