import {
  checkGrain,
  isHttpsOrLoopbackUrl,
  isPupilAt,
  schoolsOf,
  resourceIdSchema,
  type LtiPlatform,
  type MediacentreResource,
} from '@opengar/core';
import { z } from 'zod';
import { garBase64 } from '../../gar/ressources-listing.js';
import { createEntKeySets } from '../../identity/ent-key-sets.js';
export type { LtiLoginRequest, LtiOutcome } from './lti-login.js';
export type { LtiLaunchNext, LtiToolOptions, PickerItem } from './lti-tool-types.js';
import type { LtiLaunchNext, LtiToolOptions, PickerItem } from './lti-tool-types.js';
import type { ServiceContext } from '../../kernel/context.js';
import { GarServiceError } from '../../kernel/errors.js';
import { ServiceConfigError } from '../../kernel/service-config-error.js';
import type { EntUser } from '../../kernel/types.js';
import { mediacentreUseCases } from '../../mediacentre/mediacentre-use-cases.js';
import { signDeepLinkResponse } from './deep-link-response.js';
import { ltiLogin, type LtiLoginRequest, type LtiOutcome } from './lti-login.js';
import { LTI, verifyIdToken } from './lti-id-token.js';
import {
  bindingHash,
  deepLinkContextSchema,
  ltiToolKey,
  readLtiToken,
  signLtiToken,
  type DeepLinkContext,
} from './lti-tool-tokens.js';

const sessionSchema = z.object({
  ent: z.string(),
  sub: z.string(),
  uai: z.string(),
  dl: deepLinkContextSchema,
  bnd: z.string(),
});
const pickerSchema = z.object({ ent: z.string(), dl: deepLinkContextSchema, bnd: z.string() });
const stateSchema = z.object({ plt: z.string(), cid: z.string(), non: z.string(), bnd: z.string() });
const requestSchema = z.object({ dl: deepLinkContextSchema, bnd: z.string() });
const windowSchema = z.object({ ent: z.string(), dl: deepLinkContextSchema });

/**
 * opengar as an LTI 1.3 tool of a platform (Moodle): login initiation, launch, and the Deep Linking picker. A
 * platform's word is never taken for who the person is: a placed resource goes through the ordinary GAR-style launch,
 * and the picker authenticates the teacher through their ENT before listing what they may open.
 */
export function ltiToolUseCases(ctx: ServiceContext, options: LtiToolOptions) {
  const { store, clock, issuer, logger } = ctx;
  const launchUrl = `${issuer}/lti/tool/launch`;
  const callbackUrl = `${issuer}/launch/callback`;
  const pickerUrl = `${issuer}/lti/tool/picker`;
  const windowUrl = `${issuer}/lti/tool/picker/window`;
  const keySets = createEntKeySets({ ...options.jwks, clock, logger, owner: 'the LTI platform’s' });
  const missing = (name: string) =>
    new ServiceConfigError('handoff-not-configured', `this service was made without ${name}`);
  let keyPromise: Promise<Uint8Array> | undefined;
  const key = () => {
    if (options.pseudonymSecret === undefined) throw missing('pseudonymSecret');
    keyPromise ??= ltiToolKey(options.pseudonymSecret);
    return keyPromise;
  };
  const resolverFor = (p: LtiPlatform) =>
    keySets.resolverFor({
      id: `lti:${p.id}`,
      name: p.name,
      ...(p.jwks ? { jwks: p.jwks } : {}),
      ...(p.jwksUrl ? { jwksUri: p.jwksUrl } : {}),
      origins: [],
      clientCertFingerprints: [],
    });
  const servesSchool = async (p: LtiPlatform, uai: string) => {
    const school = await store.getSchool(uai);
    return !!school && p.entIds.includes(school.entId) && (p.schools === undefined || p.schools.includes(uai));
  };
  const listing = mediacentreUseCases(ctx);

  async function pickerLocation(dl: DeepLinkContext, entId: string, bnd: string): Promise<string | undefined> {
    const ent = await store.getEnt(entId);
    if (!ent?.assertionEndpoint) return undefined;
    const state = await signLtiToken(await key(), 'picker', { ent: entId, dl, bnd }, callbackUrl, clock.now());
    const target = new URL(ent.assertionEndpoint);
    target.searchParams.set('return_to', callbackUrl);
    target.searchParams.set('state', state);
    return target.href;
  }

  async function items(user: EntUser, uai: string): Promise<PickerItem[]> {
    const m = await listing.listMediacentre(user, { uai });
    return m.resources.map((r: MediacentreResource) => ({
      id: r.id,
      name: r.name,
      publisherName: r.publisherName,
      ...(r.grainOrigins?.length ? { grainOrigins: r.grainOrigins } : {}),
    }));
  }

  return {
    /**
     * The origin of a platform (its issuer's), which may frame the tool's pages; `undefined` when unknown.
     * @example `const origin = await service.ltiTool.platformOrigin('moodle');`
     */
    async platformOrigin(id: string): Promise<string | undefined> {
      const p = await store.getLtiPlatform(id);
      return p && new URL(p.issuer).origin;
    },
    /**
     * A third-party login initiation: checks the platform, client and deployment, and answers where to send the browser
     * (the platform's OIDC authorization endpoint, `response_mode=form_post`) with a `state` bound to the browser by
     * the `binding` value the route sets as a cookie, and a fresh `nonce`. Writes nothing.
     *
     * @example
     * ```ts
     * const r = await service.ltiTool.login({ iss, login_hint, target_link_uri, client_id }, binding);
     * if (r.ok) redirect(r.location);
     * ```
     */
    login: async (req: LtiLoginRequest, binding: string): Promise<LtiOutcome<{ location: string }>> =>
      ltiLogin(req, binding, { store, key: await key(), launchUrl, now: clock.now() }),

    /**
     * A launch (`id_token` and `state` posted by the platform): the state and its browser binding, the token (see
     * `verifyIdToken`), then the nonce spent once. A resource link leads to the ordinary GAR-style launch of the
     * resource named by the item's custom parameters; a Deep Linking request to the picker's ENT round trip.
     *
     * @example
     * ```ts
     * const r = await service.ltiTool.launch({ idToken, state }, cookieValue);
     * if (r.ok && (r.next.kind === 'resource' || r.next.kind === 'picker')) redirect(r.next.location);
     * ```
     */
    async launch(
      form: { idToken: string; state: string },
      binding: string | undefined,
      framed = false,
    ): Promise<LtiOutcome<{ next: LtiLaunchNext }>> {
      const state = await readLtiToken(await key(), 'state', form.state, launchUrl, clock.now(), stateSchema);
      if (!state) return { ok: false, reason: 'state_invalid' };
      if (binding === undefined || (await bindingHash(binding)) !== state.bnd)
        return { ok: false, reason: 'state_mismatch' };
      const platform = await store.getLtiPlatform(state.plt);
      if (!platform) return { ok: false, reason: 'unknown_platform' };
      if (!platform.clientIds.includes(state.cid)) return { ok: false, reason: 'unknown_client' };
      const v = await verifyIdToken(form.idToken, platform, resolverFor(platform), {
        clientId: state.cid,
        nonce: state.non,
        now: clock.now(),
      });
      if (!v.ok) return v;
      const type = v.claims[LTI.messageType];
      if (type !== 'LtiResourceLinkRequest' && type !== 'LtiDeepLinkingRequest')
        return { ok: false, reason: 'wrong_message_type' };
      const custom = v.claims[LTI.custom] ?? {};
      let next: LtiLaunchNext;
      // The launch must be for this tool: a token minted for another tool's URL is not replayed here.
      const target = v.claims[LTI.targetLinkUri];
      if (target !== undefined && target !== launchUrl && !target.startsWith(`${launchUrl}?`))
        return { ok: false, reason: 'bad_target' };
      if (type === 'LtiResourceLinkRequest') {
        // LTI Core §5.3.5: a resource link launch names its link.
        if (v.claims[LTI.resourceLink] === undefined) return { ok: false, reason: 'malformed' };
        const resourceId = resourceIdSchema.safeParse(custom.gar_resource);
        if (!resourceId.success) return { ok: false, reason: 'no_resource' };
        const resource = await store.getResource(resourceId.data);
        if (!resource) return { ok: false, reason: 'no_resource' };
        const query = new URLSearchParams({ idRessource: garBase64(resource.id) });
        if (custom.gar_grain !== undefined) {
          const grain =
            typeof custom.gar_grain === 'string' ? checkGrain(custom.gar_grain, resource.grainOrigins) : undefined;
          if (!grain?.ok) return { ok: false, reason: 'invalid_grain' };
          query.set('grain', grain.url);
        }
        if (platform.entIds.length === 1) query.set('idp_hint', platform.entIds[0]!);
        next = { kind: 'resource', location: `/launch?${query}` };
      } else {
        const settings = v.claims[LTI.deepLinkingSettings];
        if (!settings) return { ok: false, reason: 'malformed' };
        if (!settings.accept_types.includes('ltiResourceLink') || !isHttpsOrLoopbackUrl(settings.deep_link_return_url))
          return { ok: false, reason: 'unsupported_return' };
        const dl: DeepLinkContext = {
          plt: platform.id,
          cid: v.clientId,
          dep: v.claims[LTI.deploymentId],
          ret: settings.deep_link_return_url,
          ...(settings.data === undefined ? {} : { data: settings.data }),
          ...(settings.accept_multiple === undefined ? {} : { multi: settings.accept_multiple }),
          ...(settings.accept_presentation_document_targets?.includes('window') ? { win: true } : {}),
        };
        const ents = (await Promise.all(platform.entIds.map((id) => store.getEnt(id)))).filter(
          (e) => e?.assertionEndpoint !== undefined,
        );
        if (ents.length === 0)
          throw new GarServiceError('conflict', 'no ENT of this platform has an assertion endpoint');
        if (framed) {
          // ENTs refuse to be framed: each ENT's round trip opens in a new window, which hands the answer back.
          const windows = await Promise.all(
            ents.map(async (e) => {
              const claims = { ent: e!.id, dl: { ...dl, pop: true } };
              const t = await signLtiToken(await key(), 'window', claims, windowUrl, clock.now());
              return { id: e!.id, name: e!.name, url: `${windowUrl}?${new URLSearchParams({ t })}` };
            }),
          );
          next = { kind: 'window', windows, returnUrl: dl.ret, platformId: platform.id };
        } else if (ents.length === 1) {
          const location = await pickerLocation(dl, ents[0]!.id, state.bnd);
          next = { kind: 'picker', location: location! };
        } else {
          const request = await signLtiToken(await key(), 'request', { dl, bnd: state.bnd }, pickerUrl, clock.now());
          next = {
            kind: 'choose-ent',
            request,
            ents: ents.map((e) => ({ id: e!.id, name: e!.name })),
            platformId: platform.id,
            formTargets: [...new Set(ents.map((e) => new URL(e!.assertionEndpoint!).origin))],
          };
        }
      }
      // Last: a launch refused above spends nothing; of two posts of one id_token, one passes.
      const until = new Date((v.exp + 60) * 1000).toISOString();
      if (!(await store.useOnce('lti-tool-nonce', `${platform.id}:${state.non}`, until, clock.now().toISOString())))
        return { ok: false, reason: 'nonce_reused' };
      return { ok: true, next };
    },

    /**
     * The ENT a teacher chose for a Deep Linking request of a platform serving several: where to send the browser.
     * @example `const r = await service.ltiTool.chooseEnt(form.request, form.ent, cookieValue);`
     */
    async chooseEnt(
      request: string,
      entId: string,
      binding: string | undefined,
    ): Promise<LtiOutcome<{ location: string }>> {
      const r = await readLtiToken(await key(), 'request', request, pickerUrl, clock.now(), requestSchema);
      if (!r) return { ok: false, reason: 'session_invalid' };
      if (binding === undefined || (await bindingHash(binding)) !== r.bnd)
        return { ok: false, reason: 'state_mismatch' };
      const platform = await store.getLtiPlatform(r.dl.plt);
      if (!platform?.entIds.includes(entId)) return { ok: false, reason: 'unknown_platform' };
      const location = await pickerLocation(r.dl, entId, r.bnd);
      return location ? { ok: true, location } : { ok: false, reason: 'unknown_platform' };
    },

    /**
     * The new window of a framed Deep Linking request: where to send it (the ENT's round trip), bound to this window's
     * browser by `binding` (its own first-party cookie).
     * @example `const r = await service.ltiTool.openWindow(query.t, cookieValue);`
     */
    async openWindow(token: string, binding: string): Promise<LtiOutcome<{ location: string }>> {
      const r = await readLtiToken(await key(), 'window', token, windowUrl, clock.now(), windowSchema);
      if (!r) return { ok: false, reason: 'session_invalid' };
      const platform = await store.getLtiPlatform(r.dl.plt);
      if (!platform?.entIds.includes(r.ent)) return { ok: false, reason: 'unknown_platform' };
      const location = await pickerLocation(r.dl, r.ent, await bindingHash(binding));
      return location ? { ok: true, location } : { ok: false, reason: 'unknown_platform' };
    },

    /**
     * Reads the state of a picker's ENT round trip (at `/launch/callback`), unspent; `undefined` when forged, altered or
     * expired.
     * @example `const s = await service.ltiTool.readPickerState(form.state);`
     */
    readPickerState: async (state: string) =>
      readLtiToken(await key(), 'picker', state, callbackUrl, clock.now(), pickerSchema),

    /**
     * Spends a picker state once (`false` on a replay). Call it only with a valid ENT assertion in hand.
     * @example `if (!(await service.ltiTool.spendPickerState(read))) refuse();`
     */
    spendPickerState: (read: { jti: string; exp: number }) =>
      store.useOnce(
        'lti-picker-state',
        read.jti,
        new Date((read.exp + 60) * 1000).toISOString(),
        clock.now().toISOString(),
      ),

    /**
     * What the picker offers an authenticated ENT user at a school the platform serves: the resources they may open
     * now (their médiacentre), and the sealed session the picker's form carries. Pupils cannot place resources.
     *
     * @example
     * ```ts
     * const p = await service.ltiTool.picker(user, uai, read);
     * if (p.ok) render(p.items, p.session);
     * ```
     */
    async picker(
      user: EntUser,
      asked: string | undefined,
      read: { ent: string; dl: DeepLinkContext; bnd: string },
    ): Promise<
      | { ok: true; items: PickerItem[]; session: string; schoolName: string }
      | { ok: false; reason: 'not_served' | 'pupil' }
    > {
      const platform = await store.getLtiPlatform(read.dl.plt);
      if (!platform || user.entId !== read.ent) return { ok: false, reason: 'not_served' };
      const person = await store.getPerson(user.entId, user.personId);
      if (!person) throw new GarServiceError('forbidden', 'unknown person');
      // An assertion naming no school: the person's first school this platform serves (as the médiacentre does).
      let uai = asked;
      if (uai === undefined)
        for (const candidate of schoolsOf(person))
          if (await servesSchool(platform, candidate)) {
            uai = candidate;
            break;
          }
      if (uai === undefined || !(await servesSchool(platform, uai))) return { ok: false, reason: 'not_served' };
      if (isPupilAt(person, uai)) return { ok: false, reason: 'pupil' };
      const offered = await items({ ...user, uai }, uai);
      const claims = { ent: user.entId, sub: user.personId, uai, dl: read.dl, bnd: read.bnd };
      const session = await signLtiToken(await key(), 'session', claims, pickerUrl, clock.now());
      const schoolName = (await store.getSchool(uai))?.name ?? uai;
      return { ok: true, items: offered, session, schoolName };
    },

    /**
     * The teacher's choice: re-checked against their médiacentre now (and the grain against the resource's origins),
     * then the Deep Linking response, signed RS256 with opengar's key (published at `/.well-known/jwks.json`), to post to
     * the platform's `deep_link_return_url`. The session is spent once.
     *
     * @example
     * ```ts
     * const r = await service.ltiTool.deepLink(form.session, { resourceId, grain }, cookieValue);
     * if (r.ok) autoPost(r.returnUrl, r.jwt);
     * ```
     */
    async deepLink(
      session: string,
      choice: { resourceId: string; grain?: string; title?: string },
      binding: string | undefined,
    ): Promise<LtiOutcome<{ returnUrl: string; jwt: string; title: string; platformId: string; popup: boolean }>> {
      const s = await readLtiToken(await key(), 'session', session, pickerUrl, clock.now(), sessionSchema);
      if (!s) return { ok: false, reason: 'session_invalid' };
      if (binding === undefined || (await bindingHash(binding)) !== s.bnd)
        return { ok: false, reason: 'state_mismatch' };
      const platform = await store.getLtiPlatform(s.dl.plt);
      if (!platform?.clientIds.includes(s.dl.cid)) return { ok: false, reason: 'unknown_platform' };
      const user: EntUser = { kind: 'ent-user', entId: s.ent, personId: s.sub, uai: s.uai };
      const item = (await items(user, s.uai)).find((i) => i.id === choice.resourceId);
      if (!item) return { ok: false, reason: 'no_resource' };
      let grain: string | undefined;
      if (choice.grain !== undefined && choice.grain !== '') {
        const checked = checkGrain(choice.grain, item.grainOrigins ?? []);
        if (!checked.ok) return { ok: false, reason: 'invalid_grain' };
        grain = checked.url;
      }
      const until = new Date((s.exp + 60) * 1000).toISOString();
      if (!(await store.useOnce('lti-picker-session', s.jti, until, clock.now().toISOString())))
        return { ok: false, reason: 'session_reused' };
      const title = (choice.title?.trim() || item.name).slice(0, 255);
      if (options.signingKeys === undefined) throw missing('signingKeys');
      const jwt = await signDeepLinkResponse({
        key: await options.signingKeys.signingKey('RS256'),
        dl: s.dl,
        platformIssuer: platform.issuer,
        item: { title, text: item.publisherName, url: launchUrl, resourceId: item.id, ...(grain ? { grain } : {}) },
        now: clock.now(),
      });
      logger.info('lti.deep_link', {
        platform: platform.id,
        uai: s.uai,
        resourceId: item.id,
        grain: grain !== undefined,
      });
      return { ok: true, returnUrl: s.dl.ret, jwt, title, platformId: platform.id, popup: s.dl.pop === true };
    },
  };
}

/** The LTI tool's use cases (`service.ltiTool`). */
export type LtiToolUseCases = ReturnType<typeof ltiToolUseCases>;
