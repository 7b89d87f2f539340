import { GarTokenError } from '../errors/gar-token-error.js';

/** The name of the form field that carries the token in the hand-off. */
export const launchField = 'gar_token';

/** Default cap on a hand-off body: a token of 8 KiB plus room for the form encoding. */
export const defaultMaxBodyBytes = 16_384;

const tooLarge = (): GarTokenError => new GarTokenError('malformed', 'the hand-off body is too large');

/** Reads a body from chunks, refusing it once it passes `maxBytes`. */
export async function readLimited(chunks: AsyncIterable<Uint8Array | string>, maxBytes: number): Promise<Uint8Array> {
  const encoder = new TextEncoder();
  const parts: Uint8Array[] = [];
  let total = 0;
  for await (const chunk of chunks) {
    const bytes = typeof chunk === 'string' ? encoder.encode(chunk) : chunk;
    total += bytes.byteLength;
    if (total > maxBytes) throw tooLarge();
    parts.push(bytes);
  }
  const body = new Uint8Array(total);
  let offset = 0;
  for (const p of parts) {
    body.set(p, offset);
    offset += p.byteLength;
  }
  return body;
}

/** A web `ReadableStream` as chunks (not every TypeScript lib declares it async-iterable). */
export async function* streamChunks(stream: ReadableStream<Uint8Array>): AsyncGenerator<Uint8Array> {
  const reader = stream.getReader();
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return;
      yield value;
    }
  } finally {
    reader.releaseLock();
  }
}

/** The one `gar_token` value of a form; none, several or an empty one is `malformed`. */
export function pickToken(values: readonly unknown[]): string {
  if (values.length !== 1 || typeof values[0] !== 'string' || values[0].length === 0) {
    throw new GarTokenError('malformed', 'the hand-off must carry exactly one gar_token field');
  }
  return values[0];
}

/**
 * Extracts `gar_token` from a urlencoded or multipart body. Anything else is `malformed`, since the hand-off is a
 * plain HTML form post.
 */
export async function tokenFromBody(body: Uint8Array, contentType: string | undefined): Promise<string> {
  const type = (contentType ?? '').split(';')[0]?.trim().toLowerCase();
  if (type === 'application/x-www-form-urlencoded') {
    return pickToken(new URLSearchParams(new TextDecoder().decode(body)).getAll(launchField));
  }
  if (type === 'multipart/form-data' && contentType) {
    let form: FormData;
    try {
      form = await new Response(new Uint8Array(body), { headers: { 'content-type': contentType } }).formData();
    } catch (error) {
      throw new GarTokenError('malformed', 'the hand-off body is not valid multipart/form-data', { cause: error });
    }
    return pickToken(form.getAll(launchField));
  }
  throw new GarTokenError('malformed', 'the hand-off must be a form post (application/x-www-form-urlencoded)');
}
