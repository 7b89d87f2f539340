import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { multipartFiles } from '../../src/http/multipart-files.js';

/** A body as a browser or `fetch` serialises a FormData. */
async function serialised(form: FormData): Promise<{ bytes: Uint8Array; type: string }> {
  const request = new Request('http://localhost/', { method: 'POST', body: form });
  return { bytes: new Uint8Array(await request.arrayBuffer()), type: request.headers.get('content-type')! };
}

describe('multipartFiles', () => {
  test('splits the files of a form, bytes untouched, and skips text fields', async () => {
    const form = new FormData();
    const crlfInside = 'a\r\n--not-the-boundary\r\n\r\nb';
    form.append('file', new Blob(['<a/>']), 'one.xml');
    form.append('note', 'a text field');
    form.append('file', new Blob([crlfInside]), 'two "quoted".xml');
    form.append('file', new Blob([new Uint8Array([0xc3, 0xa9, 0, 255])]), 'bin.xml');
    const { bytes, type } = await serialised(form);
    const files = multipartFiles(bytes, type)!;
    assert.deepEqual(
      files.map((f) => f.field),
      ['file', 'file', 'file'],
    );
    assert.equal(files[0]!.filename, 'one.xml');
    assert.equal(new TextDecoder().decode(files[0]!.data), '<a/>');
    assert.equal(new TextDecoder().decode(files[1]!.data), crlfInside);
    assert.match(files[1]!.filename, /^two .*quoted.*\.xml$/);
    assert.deepEqual([...files[2]!.data], [0xc3, 0xa9, 0, 255]);
  });

  test('an empty form has no files', async () => {
    const { bytes, type } = await serialised(new FormData());
    assert.deepEqual(multipartFiles(bytes, type), []);
  });

  test('a malformed body or content type is undefined, not a throw', async () => {
    const form = new FormData();
    form.append('file', new Blob(['<a/>']), 'one.xml');
    const { bytes, type } = await serialised(form);
    assert.equal(
      multipartFiles(bytes.subarray(0, bytes.length - 20), type),
      undefined,
      'cut before the closing delimiter',
    );
    assert.equal(multipartFiles(bytes, 'multipart/form-data'), undefined, 'no boundary');
    assert.equal(multipartFiles(bytes, 'multipart/form-data; boundary=other'), undefined, 'another boundary');
    assert.equal(multipartFiles(new TextEncoder().encode('plain'), type), undefined);
  });
});
