import { isSafePublisherUrl, type Ent, type ValidationIssue } from '@opengar/core';

const PRIVATE_JWK_MEMBERS = ['d', 'p', 'q', 'dp', 'dq', 'qi', 'k', 'oth'];
const ASYMMETRIC_KTY = new Set(['EC', 'RSA', 'OKP']);

/** Checks on an ENT registration beyond its schema: public asymmetric keys only, https key URL, bare origins. */
export function entIssues(ent: Ent): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  ent.jwks?.keys.forEach((key, i) => {
    if (!ASYMMETRIC_KTY.has(key.kty)) {
      issues.push({
        pointer: `/jwks/keys/${i}/kty`,
        code: 'invalid_enum',
        message: 'only asymmetric keys (EC, RSA, OKP) are accepted',
      });
    }
    for (const member of PRIVATE_JWK_MEMBERS) {
      if (member in key)
        issues.push({
          pointer: `/jwks/keys/${i}/${member}`,
          code: 'unknown_field',
          message: 'private key material is refused',
        });
    }
  });
  if (ent.jwks && ent.jwksUri) {
    issues.push({ pointer: '/jwksUri', code: 'conflict', message: 'give inline keys or a key URL, not both' });
  }
  if (ent.jwksUri !== undefined && !isSafePublisherUrl(ent.jwksUri)) {
    issues.push({
      pointer: '/jwksUri',
      code: 'invalid_format',
      message: 'must be an https URL (http only on loopback)',
    });
  }
  ent.origins.forEach((origin, i) => {
    if (!isOrigin(origin)) {
      issues.push({
        pointer: `/origins/${i}`,
        code: 'invalid_format',
        message: 'an origin is scheme://host[:port], https (http only on loopback)',
      });
    }
  });
  return issues;
}

function isOrigin(value: string): boolean {
  try {
    return new URL(value).origin === value && isSafePublisherUrl(value);
  } catch {
    return false;
  }
}
