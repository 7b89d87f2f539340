// The letter of a tile without a thumbnail (outsider check after issue 22): a name opening with markup, punctuation
// or an emoji shows its first letter or digit, never « < » nor half a surrogate pair.
import assert from 'node:assert/strict';
import { it } from 'node:test';
import { monogram } from '../src/mediacentre/monogram.js';

it('monogram is the first letter or digit of the name, upper-cased', () => {
  assert.equal(monogram('atlas interactif'), 'A');
  assert.equal(monogram('  Édition'), 'É');
  assert.equal(monogram('<img src=x onerror="alert(1)"><b>Gras</b>'), 'I');
  assert.equal(monogram('(LTI) Cartothèque'), 'L');
  assert.equal(monogram('« Lecture » 6e'), 'L');
  assert.equal(monogram('3e – Mathématiques'), '3');
  assert.equal(monogram('🎨 Arts plastiques'), 'A');
  assert.equal(monogram('𝐌aths'), '𝐌', 'a letter outside the BMP stays whole');
});

it('monogram is « ? » for a name without a letter or digit', () => {
  assert.equal(monogram(''), '?');
  assert.equal(monogram('   '), '?');
  assert.equal(monogram('<> — !?'), '?');
});
