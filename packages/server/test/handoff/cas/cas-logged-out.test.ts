// The signed-out page a pupil reads: counts said in correct French and English, no « 0 service(s) prévenu(s) ».
import assert from 'node:assert/strict';
import { it } from 'node:test';
import { loggedOutHtml } from '../../../src/handoff/cas/cas-pages.js';

const text = (html: string) =>
  html
    .replace(/<[^>]+>/g, ' ')
    .replace(/[ \n]+/g, ' ')
    .trim();

it('says nothing about services when none was told, and agrees singular and plural', () => {
  const none = text(loggedOutHtml({ notified: 0, failed: 0 }));
  assert.match(none, /Ta session d’accès aux ressources est fermée\./);
  assert.match(none, /Your resource access session is closed\./);
  assert.doesNotMatch(none, /\(s\)|0\u00a0service|0 service/);

  const one = text(loggedOutHtml({ notified: 1, failed: 1 }));
  assert.match(one, /est fermée \(1\u00a0service prévenu\)\./);
  assert.match(one, /is closed \(1 service told\)\./);
  assert.match(one, /1\u00a0service n’a pas pu être prévenu\u00a0: ferme ton navigateur/);
  assert.match(one, /1 service could not be told: close your browser to sign out of it\./);

  const many = text(loggedOutHtml({ notified: 3, failed: 2 }));
  assert.match(many, /\(3\u00a0services prévenus\)/);
  assert.match(many, /\(3 services told\)/);
  assert.match(many, /2\u00a0services n’ont pas pu être prévenus\u00a0:/);
  assert.match(many, /sign out of them\./);
  assert.doesNotMatch(many, /\(s\)/);
});
