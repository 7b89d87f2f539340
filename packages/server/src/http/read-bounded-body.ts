/** What a body can be read from: a request or response (its declared length is checked first), a stream, or chunks. */
export type BodySource = Request | Response | ReadableStream<Uint8Array> | AsyncIterable<unknown> | null | undefined;

function declaredTooLarge(message: Request | Response, maxBytes: number): boolean {
  const declared = message.headers.get('content-length');
  return declared !== null && Number(declared) > maxBytes;
}

async function* streamChunks(body: ReadableStream<Uint8Array>): AsyncGenerator<Uint8Array> {
  const reader = body.getReader();
  let done = false;
  try {
    for (;;) {
      const next = await reader.read();
      if (next.done) {
        done = true;
        return;
      }
      yield next.value;
    }
  } finally {
    // Stopped early (over the limit): the rest of the body is refused, not buffered.
    if (!done) await reader.cancel().catch(() => undefined);
  }
}

function toBytes(chunk: unknown): Uint8Array {
  if (chunk instanceof Uint8Array) return chunk;
  return typeof chunk === 'string' ? new TextEncoder().encode(chunk) : new Uint8Array(0);
}

/**
 * Reads a whole body, at most `maxBytes`: the bytes, or `undefined` when the body is larger (declared by
 * `Content-Length`, or found while reading, which then stops). No body reads as no bytes. The one body reader of the
 * server's routes (JSON, forms, feed uploads, ws-abonnement XML) and of the ENT key-set fetcher.
 *
 * @example
 * ```ts
 * const bytes = await readBoundedBody(c.req.raw, 64 * 1024);
 * if (!bytes) return tooLarge();
 * ```
 */
export async function readBoundedBody(
  source: BodySource,
  maxBytes: number,
): Promise<Uint8Array<ArrayBuffer> | undefined> {
  let chunks: AsyncIterable<unknown> | undefined;
  // Duck-typed (@hono/node-server's requests are its own class), streams first: a Node request has headers too.
  if (source && 'getReader' in source) chunks = streamChunks(source);
  else if (source && Symbol.asyncIterator in source) chunks = source;
  else if (source) {
    if (declaredTooLarge(source, maxBytes)) return undefined;
    if (source.body) chunks = streamChunks(source.body);
  }
  const parts: Uint8Array[] = [];
  let total = 0;
  if (chunks) {
    for await (const chunk of chunks) {
      const bytes = toBytes(chunk);
      total += bytes.byteLength;
      if (total > maxBytes) return undefined;
      parts.push(bytes);
    }
  }
  const out = new Uint8Array(total);
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.byteLength;
  }
  return out;
}
