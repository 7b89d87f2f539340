import { z } from 'zod';
import { publisherUrlSchema } from './primitives.js';

/** Longest PEM certificate accepted (a 4096-bit RSA certificate is under 2.5 KiB). */
const MAX_PEM_LENGTH = 8192;

/**
 * One X.509 certificate in PEM (`-----BEGIN CERTIFICATE-----`, base64, `-----END CERTIFICATE-----`), nothing else.
 *
 * @example
 * ```ts
 * pemCertificateSchema.parse('-----BEGIN CERTIFICATE-----\nMIIB…\n-----END CERTIFICATE-----');
 * ```
 */
export const pemCertificateSchema = z
  .string()
  .max(MAX_PEM_LENGTH)
  .regex(/^\s*-----BEGIN CERTIFICATE-----\s*[A-Za-z0-9+/=\s]+-----END CERTIFICATE-----\s*$/, {
    message: 'one PEM certificate (-----BEGIN CERTIFICATE----- … -----END CERTIFICATE-----)',
  });

/**
 * A SAML 2.0 service provider, as the operator registers it on a resource whose `protocol` is `saml`: the resource
 * receives a signed `<Response>` posted to one of its ACS URLs (exact match), its assertion encrypted when asked.
 *
 * @example
 * ```ts
 * samlServiceProviderSchema.parse({ entityId: 'https://sp.example/saml', acsUrls: ['https://sp.example/saml/acs'] });
 * ```
 */
export const samlServiceProviderSchema = z
  .strictObject({
    /** The SP's `entityID`: the `Audience` of every assertion and the `Issuer` its AuthnRequests must carry. */
    entityId: z.string().min(1).max(1024),
    /** Assertion consumer service URLs (HTTP-POST binding); an AuthnRequest's ACS must equal one exactly. The first is the default. */
    acsUrls: z.array(publisherUrlSchema).min(1).max(10),
    /** The SP's signing certificates (AuthnRequest signatures); several during the SP's key rollover. */
    signingCertificates: z.array(pemCertificateSchema).max(4).default([]),
    /** The SP's encryption certificate (RSA): assertions are encrypted to it when `encryptAssertions`. */
    encryptionCertificate: pemCertificateSchema.optional(),
    /** Whether the assertion is sent as an `<EncryptedAssertion>` (AES-256-GCM, key wrapped with RSA-OAEP). */
    encryptAssertions: z.boolean().default(false),
    /** Whether an AuthnRequest without a valid signature of one of `signingCertificates` is refused. */
    requireSignedAuthnRequests: z.boolean().default(false),
    /** The SP's single logout endpoint: where the `LogoutResponse` to its `LogoutRequest` goes. */
    singleLogoutUrl: publisherUrlSchema.optional(),
    /**
     * How the `LogoutResponse` reaches `singleLogoutUrl`: posted by an auto-submitting page (`post`, the default), or
     * by a redirect whose query is signed (`redirect`: `SAMLResponse` DEFLATEd, `SigAlg` rsa-sha256, `Signature`).
     */
    singleLogoutBinding: z.enum(['post', 'redirect']).optional(),
  })
  .refine((sp) => !sp.encryptAssertions || sp.encryptionCertificate !== undefined, {
    message: 'encryptAssertions needs an encryptionCertificate',
    path: ['encryptionCertificate'],
  })
  .refine((sp) => !sp.requireSignedAuthnRequests || sp.signingCertificates.length > 0, {
    message: 'requireSignedAuthnRequests needs at least one signing certificate',
    path: ['signingCertificates'],
  });

/** A SAML 2.0 service provider registered on a resource. */
export type SamlServiceProvider = z.infer<typeof samlServiceProviderSchema>;
