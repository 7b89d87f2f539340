import { ltiRolesFor, primaryProfileAt, type Person, type ReleasedAttributes, type Resource } from '@opengar/core';
import type { StoreOps } from '../../store/types.js';
import type { LtiMessage } from './lti-claims.js';
import { issueLtiLoginHint, type LtiLoginInitiation } from './lti-login-hint.js';

/** What an LTI launch needs, decided by the hand-off: the resource, the person at a school, and what is released. */
export interface LtiLaunchInput {
  resource: Resource;
  person: Person;
  uai: string;
  /** Exactly what `releaseAttributes` released (the JWT hand-off's set); `IDO` becomes `sub`. */
  attributes: ReleasedAttributes;
  /** A checked deep link: the `target_link_uri`. */
  grain?: string;
  /** A Deep Linking request instead of a resource link. */
  deepLinking?: LtiMessage['deepLinking'];
  context?: LtiMessage['context'];
}

/**
 * Starts an LTI 1.3 launch at the médiacentre click: the message the `id_token` will carry (roles from the GAR
 * profile, `sub` = IDO, the released attributes), kept behind a single-use `login_hint`; returns the tool's login
 * URL and the OIDC third-party login initiation's parameters.
 *
 * @example
 * ```ts
 * const { action, fields } = await startLtiLaunch(store, issuer, { resource, person, uai, attributes }, clock.now());
 * ```
 */
export async function startLtiLaunch(
  store: Pick<StoreOps, 'putTicket'>,
  issuer: string,
  input: LtiLaunchInput,
  now: Date,
): Promise<{ action: string; fields: LtiLoginInitiation }> {
  const { resource } = input;
  const tool = resource.lti;
  if (resource.protocol !== 'lti' || !tool) throw new TypeError('not an LTI resource');
  const dl = input.deepLinking;
  const target = dl ? tool.deepLinkingUrl : (input.grain ?? tool.targetLinkUri ?? resource.accessUrl);
  if (!target) throw new TypeError('this tool has no Deep Linking URL');
  const message: LtiMessage = {
    messageType: dl ? 'LtiDeepLinkingRequest' : 'LtiResourceLinkRequest',
    resourceId: resource.id,
    resourceName: resource.name,
    clientId: tool.clientId,
    deploymentId: tool.deploymentIds[0]!,
    targetLinkUri: target,
    sub: input.attributes.IDO,
    attributes: input.attributes,
    roles: ltiRolesFor(primaryProfileAt(input.person, input.uai)),
    ...(input.context ? { context: input.context } : {}),
    ...(dl ? { deepLinking: dl } : {}),
  };
  const fields = await issueLtiLoginHint(store, issuer, message, now);
  return { action: tool.loginUrl, fields };
}
