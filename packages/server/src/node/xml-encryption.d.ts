declare module 'xml-encryption' {
  export interface EncryptOptions {
    rsa_pub: string | Buffer;
    pem: string | Buffer;
    encryptionAlgorithm: string;
    keyEncryptionAlgorithm: string;
    disallowEncryptionWithInsecureAlgorithm?: boolean;
    warnInsecureAlgorithm?: boolean;
  }
  export function encrypt(
    content: string,
    options: EncryptOptions,
    callback: (err: Error | null, result?: string) => void,
  ): void;
}
