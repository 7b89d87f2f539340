import type { CallOptions, GarClientOptions } from './options.js';
import { createTransport } from './transport.js';

/** One file of a directory feed: its name (`…_Eleve_0000.xml`) and its content. */
export interface FeedFile {
  name: string;
  content: Blob | string | Uint8Array;
}

/** What an applied feed did (`POST /api/v1/ent/feeds`); a refused feed rejects with `GarApiError` (422, its problems). */
export interface FeedRunView {
  id: string;
  entId: string;
  status: 'applied' | 'refused';
  problemCount: number;
  summary?: Record<string, number>;
}

/** An ENT back end's calls (credential: a client assertion whose `aud` is the route's URL, or mTLS). */
export interface GarEntClient {
  /**
   * `POST /api/v1/ent/feeds`: uploads the ENT's complete directory feed, as XML files or as one `.tar.gz` bundle with
   * its MD5; the service applies it whole or refuses it whole.
   */
  uploadFeed(
    feed: readonly FeedFile[] | { bundle: Blob | Uint8Array; md5: string },
    options?: CallOptions,
  ): Promise<FeedRunView>;
}

const blob = (content: Blob | string | Uint8Array, type: string): Blob =>
  content instanceof Blob ? content : new Blob([content as BlobPart], { type });

/**
 * Creates an ENT back end's client. `getToken` gives a client assertion for `{baseUrl}/api/v1/ent/feeds` (its `aud`).
 *
 * @example
 * ```ts
 * const ent = createEntClient({ baseUrl: 'https://gar.example', getToken: () => clientAssertion(`${base}/api/v1/ent/feeds`) });
 * const run = await ent.uploadFeed([{ name: 'ENT_Eleve_0000.xml', content: xml }]);
 * ```
 */
export function createEntClient(options: GarClientOptions): GarEntClient {
  const { send } = createTransport({ timeout: 120_000, ...options }, 'createEntClient');
  return {
    uploadFeed(feed, o) {
      if ('bundle' in feed) {
        return send('post', 'api/v1/ent/feeds', {
          signal: o?.signal,
          body: blob(feed.bundle, 'application/gzip'),
          headers: { 'content-type': 'application/gzip', 'x-feed-md5': feed.md5 },
        });
      }
      if (feed.length === 0) throw new TypeError('uploadFeed: at least one file');
      const form = new FormData();
      for (const f of feed) form.append('file', blob(f.content, 'application/xml'), f.name);
      return send('post', 'api/v1/ent/feeds', { signal: o?.signal, body: form });
    },
  };
}
