import { pinInputSchema, type Pin } from '@opengar/core';
import { requireTeacher, taughtClasses } from '../../classroom/teacher-access.js';
import { validate, type ServiceContext } from '../../kernel/context.js';
import { invalid } from '../../kernel/errors.js';
import type { EntUser } from '../../kernel/types.js';
import type { HandoffRequest, HandoffResult } from '../create-handoff.js';
import { createEntKeySets } from '../../identity/ent-key-sets.js';
import type { Ent } from '@opengar/core';
import type { JwksFetchOptions } from '../../kernel/types.js';
import {
  openDeepLinkingSession,
  verifyDeepLinkingResponse,
  type DeepLinkingRefusal,
  type DeepLinkingSession,
  type ToolKeys,
} from './lti-deep-linking.js';

/** What a teacher asks the tool's picker for: a page of `resourceId`, pinned to one class until a day. */
export interface DeepLinkingStart {
  uai: string;
  resourceId: string;
  groupCode: string;
  until: string;
  note?: string;
}

/** The answer at the return URL: the pin made with the chosen page (none when the teacher chose nothing). */
export type DeepLinkingReturn =
  | {
      ok: true;
      pin?: Pin;
      items: { url: string; title?: string }[];
      session: DeepLinkingSession;
      /** The teacher's ENT's console (its registered `consoleUrl`, with the school), to go back to; absent without one. */
      backUrl?: string;
    }
  | { ok: false; reason: DeepLinkingRefusal };

/** What the Deep Linking use cases call: the hand-off (entitlement, release, record) and the pins. */
export interface DeepLinkingDeps {
  handOff(request: HandoffRequest): Promise<HandoffResult>;
  createPin(actor: EntUser, input: unknown): Promise<Pin>;
}

/** LTI Deep Linking: a teacher picks a page (grain) of an LTI resource in the tool, and gets a pin with it. */
export function deepLinkingUseCases(ctx: ServiceContext, deps: DeepLinkingDeps, jwks: JwksFetchOptions = {}) {
  const { store, clock, issuer } = ctx;
  // Tools' key sets are fetched as ENTs' are (https, timeout, size limit, cache, cooldown): the same machinery,
  // which reads only the id and the keys of what it is given.
  const keySets = createEntKeySets({ ...jwks, clock, logger: ctx.logger, owner: 'the LTI tool’s' });
  const toolKeys: ToolKeys = (resourceId, tool) =>
    keySets.resolverFor({
      id: `lti:${resourceId}`,
      ...(tool.jwks ? { jwks: tool.jwks } : {}),
      ...(tool.jwksUrl ? { jwksUri: tool.jwksUrl } : {}),
    } as Ent);
  return {
    /**
     * Starts a Deep Linking request for a teacher (or librarian) of the class: checks the class, the resource's
     * picker and the pin's fields, opens a session (the `data` the tool echoes), and hands off like a click, with
     * an `LtiDeepLinkingRequest` (the right re-checked, the same attributes released, the access recorded).
     *
     * @example
     * ```ts
     * const r = await service.lti.startDeepLinking(user, { uai: '0561641E', resourceId, groupCode: '6A', until: '2027-01-31' });
     * ```
     * @throws `GarServiceError` `validation`, `forbidden` (not a class the caller teaches), `not-found`.
     */
    async startDeepLinking(user: EntUser, input: DeepLinkingStart): Promise<HandoffResult> {
      const q = validate(
        pinInputSchema,
        {
          uai: input.uai,
          resourceId: input.resourceId,
          groupCodes: [input.groupCode],
          until: input.until,
          ...(input.note ? { note: input.note } : {}),
        },
        'deep linking',
      );
      const teacher = await requireTeacher(store, user, q.uai);
      const group = taughtClasses(teacher, q.groupCodes, '/group')[0]!;
      const resource = await store.getResource(q.resourceId);
      const tool = resource?.protocol === 'lti' ? resource.lti : undefined;
      if (!tool?.deepLinkingUrl) throw invalid('/resource', 'no_deep_linking', 'this resource has no LTI page picker');
      const data = await openDeepLinkingSession(
        store,
        {
          entId: user.entId,
          personId: user.personId,
          uai: q.uai,
          resourceId: q.resourceId,
          clientId: tool.clientId,
          deploymentId: tool.deploymentIds[0]!,
          groupCode: group.code,
          until: q.until,
          ...(q.note === undefined ? {} : { note: q.note }),
        },
        clock.now(),
      );
      return deps.handOff({
        entId: user.entId,
        personId: user.personId,
        uai: q.uai,
        resourceId: q.resourceId,
        ltiDeepLinking: {
          returnUrl: `${issuer}/lti/deep-linking/return`,
          data,
          context: { id: `${q.uai}/${group.code}`, label: group.code, title: group.label || group.code },
        },
      });
    },

    /**
     * Reads the tool's `LtiDeepLinkingResponse` (see `verifyDeepLinkingResponse`) and pins the chosen page to the
     * class of the session, as the teacher asked.
     *
     * @example
     * ```ts
     * const r = await service.lti.deepLinkingReturn(form.JWT);
     * if (r.ok && r.pin) r.pin.grain;
     * ```
     */
    async deepLinkingReturn(jwt: string): Promise<DeepLinkingReturn> {
      const r = await verifyDeepLinkingResponse({ store, issuer, now: clock.now(), toolKeys }, jwt);
      if (!r.ok) return r;
      const s = r.session;
      const consoleUrl = (await store.getEnt(s.entId))?.consoleUrl;
      const back = consoleUrl
        ? { backUrl: `${consoleUrl}${consoleUrl.includes('?') ? '&' : '?'}uai=${encodeURIComponent(s.uai)}` }
        : {};
      const first = r.items[0];
      if (!first) return { ok: true, items: [], session: s, ...back };
      const actor: EntUser = { kind: 'ent-user', entId: s.entId, personId: s.personId, uai: s.uai };
      const pin = await deps.createPin(actor, {
        uai: s.uai,
        resourceId: s.resourceId,
        groupCodes: [s.groupCode],
        until: s.until,
        grain: first.url,
        ...pageTitle(first.title),
        ...(s.note === undefined ? {} : { note: s.note }),
      });
      return { ok: true, pin, items: r.items, session: s, ...back };
    },
  };
}

/** The tool's title for the chosen page, kept only when it is plain text a pin may carry (else the URL stands alone). */
function pageTitle(title: string | undefined): { grainTitle?: string } {
  const line = title?.replace(/\s+/g, ' ').trim().slice(0, 200);
  return line && pinInputSchema.shape.grainTitle.safeParse(line).success ? { grainTitle: line } : {};
}
