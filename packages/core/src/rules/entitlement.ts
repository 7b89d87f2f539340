import type { LicenceCopy, Person, Resource, Subscription } from '../model/entities.js';
import type { Audience } from '../model/profiles.js';
import { audienceAt } from './people.js';
import { isSubscriptionValidAt, toMillis } from './validity.js';

/** What entitlement resolution looks at: only this person's slice of the directory, so its cost does not grow with it. */
export interface EntitlementInput {
  person: Pick<Person, 'id' | 'profiles'>;
  /** The school the person is looking from. */
  uai: string;
  /** The instant of the question. */
  at: Date | string | number;
  /** The school's subscriptions (others are ignored). */
  subscriptions: readonly Subscription[];
  /** The person's licence copies (others are ignored). */
  copies: readonly Pick<LicenceCopy, 'subscriptionId' | 'personId' | 'uai'>[];
  /** The catalogue, or the part of it the subscriptions name. */
  resources: ReadonlyMap<string, Resource> | readonly Resource[];
}

/** One resource a person may open, and the subscriptions that give it. */
export interface Entitlement {
  resource: Resource;
  /** The subscriptions that entitle the person, most recent end first. */
  subscriptionIds: string[];
  /** `copy`: the person holds a licence copy; `free-offer`: an automatic subscription of a free national offer. */
  via: 'copy' | 'free-offer';
  /** The latest end of validity among those subscriptions. */
  validUntil: string;
  /** The earliest start of validity among those subscriptions (since when the resource is there: “new”). */
  validFrom?: string;
}

/** Why a person may not open a resource. */
export type EntitlementRefusalReason =
  | 'not_at_school'
  | 'unknown_resource'
  | 'no_subscription'
  | 'outside_validity'
  | 'audience_not_covered'
  | 'no_copy';

/** The answer of {@link explainEntitlement}. */
export type EntitlementDecision =
  | { ok: true; entitlement: Entitlement }
  | { ok: false; reason: EntitlementRefusalReason };

const collator = new Intl.Collator('fr', { sensitivity: 'base' });

function resourceMap(resources: EntitlementInput['resources']): ReadonlyMap<string, Resource> {
  return resources instanceof Map ? resources : new Map((resources as readonly Resource[]).map((r) => [r.id, r]));
}

function gives(sub: Subscription, audience: Audience, held: ReadonlySet<string>): 'copy' | 'free-offer' | undefined {
  if (!sub.audiences.includes(audience)) return undefined;
  if (held.has(sub.id)) return 'copy';
  if (sub.automatic) return 'free-offer';
  return undefined;
}

/**
 * The resources a person may see and open at a school at an instant: a subscription of that school, inside its
 * validity window, covering the person's audience, and either a licence copy held by the person or an automatic
 * subscription of a free national offer. Resources not marked displayable are left out of the listing (but see
 * {@link explainEntitlement} for launching). Sorted by resource name (French collation).
 *
 * @example
 * ```ts
 * resolveEntitlements({ person, uai: '0561641E', at: new Date(), subscriptions, copies, resources })
 *   .map((e) => e.resource.name);
 * ```
 */
export function resolveEntitlements(input: EntitlementInput, options: { includeHidden?: boolean } = {}): Entitlement[] {
  const audience = audienceAt(input.person, input.uai);
  if (!audience) return [];
  const at = toMillis(input.at);
  const resources = resourceMap(input.resources);
  const held = new Set<string>();
  for (const c of input.copies) if (c.personId === input.person.id && c.uai === input.uai) held.add(c.subscriptionId);
  const byResource = new Map<string, { subs: Subscription[]; via: 'copy' | 'free-offer' }>();
  for (const sub of input.subscriptions) {
    if (sub.uai !== input.uai || !isSubscriptionValidAt(sub, at)) continue;
    const via = gives(sub, audience, held);
    if (!via) continue;
    const entry = byResource.get(sub.resourceId);
    if (entry) {
      entry.subs.push(sub);
      if (via === 'copy') entry.via = 'copy';
    } else byResource.set(sub.resourceId, { subs: [sub], via });
  }
  const out: Entitlement[] = [];
  for (const [resourceId, { subs, via }] of byResource) {
    const resource = resources.get(resourceId);
    if (!resource || (!resource.displayable && !options.includeHidden)) continue;
    subs.sort((a, b) => Date.parse(b.validUntil) - Date.parse(a.validUntil));
    const validFrom = subs.reduce(
      (a, s) => (Date.parse(s.validFrom) < Date.parse(a) ? s.validFrom : a),
      subs[0]!.validFrom,
    );
    out.push({ resource, subscriptionIds: subs.map((s) => s.id), via, validUntil: subs[0]!.validUntil, validFrom });
  }
  return out.sort((a, b) => collator.compare(a.resource.name, b.resource.name));
}

/**
 * Whether a person may open one resource at a school at an instant, and if not, the most telling reason. Used at
 * hand-off, where the right is re-checked at the moment of the click.
 *
 * @example
 * ```ts
 * const d = explainEntitlement(input, 'ark:/67890/dico');
 * if (!d.ok) console.log(d.reason); // 'outside_validity', 'no_copy'…
 * ```
 */
export function explainEntitlement(input: EntitlementInput, resourceId: string): EntitlementDecision {
  const audience = audienceAt(input.person, input.uai);
  if (!audience) return { ok: false, reason: 'not_at_school' };
  const resources = resourceMap(input.resources);
  if (!resources.has(resourceId)) return { ok: false, reason: 'unknown_resource' };
  const found = resolveEntitlements({ ...input, resources }, { includeHidden: true }).find(
    (e) => e.resource.id === resourceId,
  );
  if (found) return { ok: true, entitlement: found };
  const subs = input.subscriptions.filter((s) => s.uai === input.uai && s.resourceId === resourceId);
  if (subs.length === 0) return { ok: false, reason: 'no_subscription' };
  const at = toMillis(input.at);
  const valid = subs.filter((s) => isSubscriptionValidAt(s, at));
  if (valid.length === 0) return { ok: false, reason: 'outside_validity' };
  if (!valid.some((s) => s.audiences.includes(audience))) return { ok: false, reason: 'audience_not_covered' };
  return { ok: false, reason: 'no_copy' };
}
