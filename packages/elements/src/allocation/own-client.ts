import { createMediacentreClient, type FetchLike, type GarMediacentreClient, type GetToken } from '@opengar/sdk';

/** The client a lone element makes from its `service-url`, `getToken` and `fetch`, made again only when they change. */
export class OwnClient {
  private made?: { key: unknown[]; client: GarMediacentreClient };

  /** The client for these settings, or `undefined` when they are incomplete or invalid. */
  for(serviceUrl: string, getToken: GetToken | undefined, fetch: FetchLike | undefined): GarMediacentreClient | undefined {
    if (!serviceUrl || !getToken) return undefined;
    const key = [serviceUrl, getToken, fetch];
    if (!this.made || this.made.key.some((v, i) => v !== key[i])) {
      try {
        this.made = { key, client: createMediacentreClient({ baseUrl: serviceUrl, getToken, ...(fetch ? { fetch } : {}) }) };
      } catch {
        return undefined;
      }
    }
    return this.made.client;
  }
}
