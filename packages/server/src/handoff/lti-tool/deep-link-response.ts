import { SignJWT } from 'jose';
import type { ActiveSigningKey } from '../signing-key-source.js';
import { LTI } from './lti-id-token.js';
import { randomToken, type DeepLinkContext } from './lti-tool-tokens.js';

/** One `ltiResourceLink` content item (LTI Deep Linking 2.0 §3.1): the resource (and page) in custom parameters. */
export interface ResourceLinkItem {
  title: string;
  text: string;
  /** The tool's launch URL. */
  url: string;
  resourceId: string;
  grain?: string;
}

/**
 * Signs an `LtiDeepLinkingResponse` (LTI Deep Linking 2.0 §4.2): `iss` = the tool's client id, `aud` = the platform,
 * a fresh `nonce`, the deployment, the content items and the request's `data` echoed; RS256 with a key published at
 * `/.well-known/jwks.json`, living 5 minutes.
 */
export async function signDeepLinkResponse(input: {
  key: ActiveSigningKey;
  dl: DeepLinkContext;
  platformIssuer: string;
  item: ResourceLinkItem;
  now: Date;
}): Promise<string> {
  const { dl, item } = input;
  const content = {
    type: 'ltiResourceLink',
    title: item.title,
    text: item.text,
    url: item.url,
    custom: { gar_resource: item.resourceId, ...(item.grain ? { gar_grain: item.grain } : {}) },
    // A new window where the platform accepts it: the ENT sign-in and the resource work best at the top level.
    ...(dl.win ? { window: { targetName: '_blank' } } : {}),
  };
  const iat = Math.floor(input.now.getTime() / 1000);
  return new SignJWT({
    nonce: randomToken(),
    [LTI.messageType]: 'LtiDeepLinkingResponse',
    [LTI.version]: '1.3.0',
    [LTI.deploymentId]: dl.dep,
    [LTI.contentItems]: [content],
    ...(dl.data === undefined ? {} : { [LTI.data]: dl.data }),
  })
    .setProtectedHeader({ alg: input.key.alg, typ: 'JWT', kid: input.key.kid })
    .setIssuer(dl.cid)
    .setAudience(input.platformIssuer)
    .setIssuedAt(iat)
    .setExpirationTime(iat + 300)
    .setJti(globalThis.crypto.randomUUID())
    .sign(input.key.key);
}
