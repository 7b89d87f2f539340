/** What one response needs sealed: the assertion signed, then encrypted when the SP asked, then the response signed. */
export interface SamlSealInput {
  /** The assertion document (`assertionXml`), unsigned. */
  assertion: string;
  /** Builds the response around the final assertion element (signed, or encrypted). */
  wrap(assertion: string): string;
  /** The SP's encryption certificate (PEM), when its assertions are encrypted. */
  encryptTo?: string;
}

/** How an AuthnRequest came signed: the Redirect binding's query signature, or an enveloped XML signature (POST). */
export type SamlRequestSignature =
  | { binding: 'redirect'; signedOctets: string; sigAlg: string; signature: string }
  | { binding: 'post'; xml: string };

/**
 * The SAML identity provider's cryptography, given to `createGarService` (`samlCrypto`) by the Node entry point: XML
 * signatures (RSA-SHA256, exclusive c14n), encryption (AES-256-GCM, RSA-OAEP) and the signing certificates. It is kept
 * out of the browser-safe service, whose hand-off otherwise runs in a page.
 *
 * @example
 * ```ts
 * import { createSamlCrypto } from '@opengar/server/node';
 * const samlCrypto = createSamlCrypto({ keys: keyManager, subject: 'gar.example' });
 * ```
 */
export interface SamlCrypto {
  /** Signs the assertion, encrypts it when asked, signs the response: the final XML. */
  seal(input: SamlSealInput): Promise<string>;
  /** Signs a message without assertion (a refusal's `Response`, a `LogoutResponse`): its root, enveloped. */
  signMessage(xml: string, root: 'Response' | 'LogoutResponse' | 'EntityDescriptor'): Promise<string>;
  /**
   * Signs the octets of an HTTP-Redirect binding's query (`SAMLResponse=…&RelayState=…&SigAlg=…`, as sent) with the
   * key signing now, RSA-SHA256: the `Signature` parameter's value, base64.
   */
  signRedirect(octets: string): Promise<string>;
  /** The signing certificates to publish (base64 DER): the one signing now first, then the next and recent ones. */
  certificates(): Promise<string[]>;
  /** Whether an AuthnRequest's signature verifies with one of the SP's certificates (PEM). */
  verifyRequest(signature: SamlRequestSignature, certificates: readonly string[]): Promise<boolean>;
}
