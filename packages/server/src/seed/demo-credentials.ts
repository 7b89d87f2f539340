/**
 * Credentials of the demo deployment. DEMO ONLY: they are public (in the source and in `docs/demo-data.md`), so a
 * service seeded with them must never be reachable from a network (the CLI refuses `--seed demo` off loopback).
 *
 * @example
 * ```ts
 * const res = await fetch('http://127.0.0.1:4000/api/v1/admin/ents', {
 *   headers: { authorization: `Bearer ${DEMO_CREDENTIALS.operatorSecret}` },
 * });
 * ```
 */
export const DEMO_CREDENTIALS = {
  /** The operator secret (`Authorization: Bearer …` on `/api/v1/admin/…`). */
  operatorSecret: 'demo-operator-secret-0000-not-for-production',
  /** Publisher API keys by publisher id (`Authorization: Bearer …` on the subscription web service). */
  publisherApiKeys: {
    'editions-horizon': 'demo-publisher-key-editions-horizon-not-for-production',
    'lexique-et-cie': 'demo-publisher-key-lexique-et-cie-not-for-production',
    'exo-academie': 'demo-publisher-key-exo-academie-not-for-production',
    'presse-jeunesse': 'demo-publisher-key-presse-jeunesse-not-for-production',
    'offre-nationale': 'demo-publisher-key-offre-nationale-not-for-production',
  } as Readonly<Record<string, string>>,
  /** The demo ENT's assertion-signing key pair (ES256): examples sign `gar-ent+jwt` assertions with the private JWK. */
  entSigningKey: {
    publicJwk: {
      kty: 'EC',
      crv: 'P-256',
      x: 'd0yD6Mx0C0xn_NvNa9cnxitIdD2xZnC6jcfPxPL4O5U',
      y: 'b3g89k4Q8UoOJ6RqifGRrRbEGgGpDtBqkioGaqj8Biw',
      kid: 'ent-demo-2026',
      alg: 'ES256',
      use: 'sig',
    },
    privateJwk: {
      kty: 'EC',
      crv: 'P-256',
      x: 'd0yD6Mx0C0xn_NvNa9cnxitIdD2xZnC6jcfPxPL4O5U',
      y: 'b3g89k4Q8UoOJ6RqifGRrRbEGgGpDtBqkioGaqj8Biw',
      d: 'Mb9YhjYvggcy8GqXolPxnVXPnWu5JkPi8f1YsnXxaEw',
      kid: 'ent-demo-2026',
      alg: 'ES256',
      use: 'sig',
    },
  },
} as const;
