import { readBoundedBody } from '../http/read-bounded-body.js';
import { MAX_XML_BYTES } from './xml-input.js';

/** The XML text of a request, or the status and message to answer instead. */
export type XmlRequestBody = { ok: true; text: string } | { ok: false; status: 400 | 413 | 415; message: string };

const XML_TYPE = /^(?:application|text)\/(?:[\w.+-]+\+)?xml\s*(?:;.*)?$/i;

/** A Node `IncomingMessage` as `@hono/node-server` passes it in the bindings: only what reading needs. */
interface IncomingLike {
  readableEnded?: boolean;
  [Symbol.asyncIterator](): AsyncIterator<unknown>;
}

function incomingOf(env: unknown): IncomingLike | undefined {
  if (!env || typeof env !== 'object' || !('incoming' in env)) return undefined;
  const incoming = (env as { incoming: unknown }).incoming;
  if (!incoming || typeof incoming !== 'object' || !(Symbol.asyncIterator in incoming)) return undefined;
  return incoming as IncomingLike;
}

/**
 * Reads the XML body of a web-service request, at most 64 KiB by default (413 beyond, checked on the declared
 * length and while reading), `application/xml` or `text/xml` (415 otherwise), UTF-8 (400). A GET body — which fetch
 * `Request`s cannot carry, so `@hono/node-server` leaves it unread — is read from the Node request it passes in the
 * bindings (`env.incoming`). No body reads as `''`.
 *
 * @example
 * ```ts
 * const body = await readXmlRequest(c.req.raw, c.env);
 * if (!body.ok) return erreurResponse(body.status, body.message);
 * ```
 */
export async function readXmlRequest(req: Request, env: unknown, maxBytes = MAX_XML_BYTES): Promise<XmlRequestBody> {
  const length = req.headers.get('content-length');
  const chunked = req.headers.has('transfer-encoding');
  let source: ReadableStream<Uint8Array> | AsyncIterable<unknown> | undefined;
  if (req.body) source = req.body;
  else if ((req.method === 'GET' || req.method === 'HEAD') && ((length !== null && length !== '0') || chunked)) {
    const incoming = incomingOf(env);
    if (incoming && !incoming.readableEnded) source = incoming;
  }
  if (!source) return { ok: true, text: '' };
  const type = req.headers.get('content-type');
  if (!type || !XML_TYPE.test(type.trim()))
    return { ok: false, status: 415, message: '/: send application/xml;charset=utf-8' };
  if (length !== null && Number(length) > maxBytes)
    return { ok: false, status: 413, message: `/: the body exceeds ${maxBytes} bytes` };
  const bytes = await readBoundedBody(source, maxBytes);
  if (!bytes) return { ok: false, status: 413, message: `/: the body exceeds ${maxBytes} bytes` };
  try {
    return { ok: true, text: new TextDecoder('utf-8', { fatal: true }).decode(bytes) };
  } catch {
    return { ok: false, status: 400, message: '/: the body is not UTF-8' };
  }
}
