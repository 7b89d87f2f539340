/** How to fetch a JWKS: the URL, the `fetch` to use and the limits. */
export interface FetchJwksOptions {
  readonly url: string;
  readonly fetch: typeof globalThis.fetch;
  readonly timeoutMs: number;
  readonly maxBytes: number;
}

async function readLimited(response: Response, maxBytes: number): Promise<Uint8Array> {
  const declared = Number(response.headers.get('content-length'));
  if (Number.isFinite(declared) && declared > maxBytes) throw new Error('JWKS response is too large');
  if (!response.body) return new Uint8Array(0);
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > maxBytes) {
      await reader.cancel();
      throw new Error('JWKS response is too large');
    }
    chunks.push(value);
  }
  const bytes = new Uint8Array(total);
  let offset = 0;
  for (const c of chunks) {
    bytes.set(c, offset);
    offset += c.byteLength;
  }
  return bytes;
}

/**
 * Fetches and parses a JWKS, giving up after `timeoutMs` even when the injected `fetch` ignores the abort signal.
 * Resolves to the raw `keys` array.
 */
export async function fetchJwks(options: FetchJwksOptions): Promise<unknown[]> {
  const controller = new AbortController();
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      const error = new Error(`JWKS request timed out after ${options.timeoutMs} ms`);
      controller.abort(error);
      reject(error);
    }, options.timeoutMs);
  });
  const load = async (): Promise<unknown[]> => {
    const response = await options.fetch(options.url, {
      signal: controller.signal,
      headers: { accept: 'application/jwk-set+json, application/json' },
    });
    if (!response.ok) {
      await response.body?.cancel();
      throw new Error(`JWKS endpoint answered HTTP ${response.status}`);
    }
    const text = new TextDecoder('utf-8', { fatal: true }).decode(await readLimited(response, options.maxBytes));
    const json: unknown = JSON.parse(text);
    const keys = typeof json === 'object' && json !== null ? (json as { keys?: unknown }).keys : undefined;
    if (!Array.isArray(keys)) throw new Error('JWKS response has no `keys` array');
    return keys;
  };
  try {
    return await Promise.race([load(), timeout]);
  } finally {
    clearTimeout(timer);
  }
}
