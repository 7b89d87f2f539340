import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { escapeHtml } from '../../src/http/escape-html.js';
import { escapeXml } from '../../src/http/escape-xml.js';
import { readBoundedBody } from '../../src/http/read-bounded-body.js';

function streamOf(parts: string[], onCancel?: () => void): ReadableStream<Uint8Array> {
  let i = 0;
  return new ReadableStream<Uint8Array>({
    pull(controller) {
      const part = parts[i++];
      if (part === undefined) controller.close();
      else controller.enqueue(new TextEncoder().encode(part));
    },
    cancel: () => onCancel?.(),
  });
}

const text = (bytes: Uint8Array | undefined) => (bytes ? new TextDecoder().decode(bytes) : undefined);

describe('readBoundedBody', () => {
  it('reads a body up to the limit, and no body as no bytes', async () => {
    assert.equal(text(await readBoundedBody(new Request('http://x/', { method: 'POST', body: 'abcd' }), 4)), 'abcd');
    assert.equal(text(await readBoundedBody(new Response('héllo'), 6)), 'héllo');
    assert.equal((await readBoundedBody(new Request('http://x/'), 0))?.byteLength, 0);
    assert.equal((await readBoundedBody(null, 0))?.byteLength, 0);
  });

  it('refuses a declared length over the limit without reading', async () => {
    let pulled = false;
    const body = new ReadableStream<Uint8Array>(
      {
        pull: (controller) => {
          pulled = true;
          controller.enqueue(new TextEncoder().encode('abcde'));
          controller.close();
        },
      },
      { highWaterMark: 0 },
    );
    // A fetch Request drops a Content-Length header it is given; a Response keeps it.
    assert.equal(await readBoundedBody(new Response(body, { headers: { 'content-length': '5' } }), 4), undefined);
    assert.equal(pulled, false);
  });

  it('stops a stream that grows past the limit and cancels the rest', async () => {
    let cancelled = false;
    const parts = Array.from({ length: 100 }, () => 'x'.repeat(10));
    assert.equal(
      await readBoundedBody(
        streamOf(parts, () => (cancelled = true)),
        25,
      ),
      undefined,
    );
    assert.equal(cancelled, true);
    assert.equal(text(await readBoundedBody(streamOf(['ab', 'cd']), 4)), 'abcd');
  });

  it('reads chunks of an async iterable (a Node request), strings and buffers alike', async () => {
    async function* chunks() {
      yield 'ab';
      yield Buffer.from('cd');
    }
    assert.equal(text(await readBoundedBody(chunks(), 4)), 'abcd');
    assert.equal(await readBoundedBody(chunks(), 3), undefined);
  });
});

describe('escapers', () => {
  it('escape HTML and XML text', () => {
    assert.equal(escapeHtml(`<a href="x">'&'</a>`), '&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;');
    assert.equal(escapeXml(`<a b="x">'&'</a>`), '&lt;a b=&quot;x&quot;&gt;&apos;&amp;&apos;&lt;/a&gt;');
  });

  it('write characters XML cannot carry as U+FFFD', () => {
    assert.equal(escapeXml('a\u0000b\u001fc\ufffed\tE\n'), 'a\ufffdb\ufffdc\ufffdd\tE\n');
  });
});
