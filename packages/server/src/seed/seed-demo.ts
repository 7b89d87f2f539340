import type { Store, StoreOps } from '../store/types.js';
import { demoDiffusableCatalogue } from './demo-diffusable-catalogue.js';
import { DEMO_CREDENTIALS } from './demo-credentials.js';
import { DEMO_SEED, demoDataSet, type DemoDataSet, type DemoDataSetOptions } from './demo-data-set.js';
import { randomId, sha256Hex } from '../kernel/crypto.js';
import { applyFeed } from '../feeds/apply-feed.js';
import { readFeed } from '../feeds/read-feed.js';
import { buildSyncReports } from '../feeds/sync-report.js';
import type { FeedRun } from '../store/types-directory-feeds.js';
import { demoFeedFiles, demoFeedSources } from './demo-feed.js';
import type { FeedDegree } from '../feeds/feed-schema.js';
import { demoUsageEvents } from './demo-usage.js';

/** Options of {@link seedDemo}: those of the data set, or the data set itself. */
export interface SeedDemoOptions extends DemoDataSetOptions {
  /** A data set built beforehand (otherwise built from the options). */
  data?: DemoDataSet;
  /** With the deployment's statistics secret, also records past hand-offs so that usage statistics have data. */
  statisticsSecret?: string | Uint8Array;
  /**
   * How a fresh store gets its directory: `feed` (default) imports the demo's generated feed, so that each school has
   * a sync report; `direct` writes it directly, with no feed run (a school "no feed ever came for").
   */
  directory?: 'feed' | 'direct';
  /** Called as each step starts (the CLI prints progress lines from it). */
  onProgress?: (p: SeedProgress) => void;
}

/** Where {@link seedDemo} is: the step, and how many of its parts are done out of how many. */
export interface SeedProgress {
  step: 'registry' | 'feed' | 'school' | 'subscription' | 'usage statistics';
  done: number;
  total: number;
}

/** What {@link seedDemo} wrote: only rows that were missing count. */
export interface SeedDemoResult {
  subscriptions: number;
  allocations: number;
  copies: number;
  /** Hand-off events recorded (0 without `statisticsSecret`, or when the store has some already). */
  events: number;
  /** `true` when every subscription, allocation and copy was there already. */
  alreadySeeded: boolean;
  /** The feed run that brought the directory in (only on a first seeding, see {@link seedDemo}): the 2D one. */
  feedRun?: FeedRun;
  /** Both runs when the 2D and the 1D (école) feeds were imported, 2D first. */
  feedRuns?: FeedRun[];
}

/** The setting recording the last demo seed (`{ seed, referenceDate }`). */
export const DEMO_SEED_SETTING = 'seed.demo';

/** ENT, schools, publishers and the operator; the resources come after the feed (see {@link importDemoFeed}). */
async function seedRegistry(tx: StoreOps, data: DemoDataSet): Promise<void> {
  await tx.putEnt(data.ent);
  for (const s of data.schools) await tx.putSchool(s);
  for (const p of data.publishers) {
    const key = DEMO_CREDENTIALS.publisherApiKeys[p.id];
    const hash = key ? await sha256Hex(key) : undefined;
    const existing = await tx.getPublisher(p.id);
    const hashes = new Set([...(existing?.apiKeyHashes ?? []), ...(hash ? [hash] : [])]);
    await tx.putPublisher({ ...p, apiKeyHashes: [...hashes].sort() });
  }
  const secretHash = await sha256Hex(DEMO_CREDENTIALS.operatorSecret);
  if (!(await tx.findOperatorBySecretHash(secretHash))) await tx.putOperator({ ...data.operator, secretHash });
}

/** The directory written directly, as a store seeded before the demo had a feed holds it. */
async function seedSchool(tx: StoreOps, data: DemoDataSet, uai: string, done: Set<string>): Promise<void> {
  for (const m of data.mefs) if (m.uai === uai) await tx.putMef(m);
  for (const g of data.groups) if (g.uai === uai) await tx.putGroup(g);
  for (const p of data.people) {
    if (done.has(p.id) || !p.profiles.some((x) => x.uai === uai)) continue;
    await tx.putPerson(p);
    done.add(p.id);
  }
  for (const m of data.memberships) if (m.uai === uai) await tx.putMembership(m);
  await tx.putSubjects(data.subjects.filter((x) => x.uai === uai));
  await tx.putTeachings(data.teachings.filter((x) => x.uai === uai));
  for (const r of data.respAff) if (r.uais.includes(uai)) await tx.putRespAff(r);
}

async function seedDelegations(tx: StoreOps, data: DemoDataSet, uai: string): Promise<void> {
  const existing = await tx.listDelegations({ uai, includeRevoked: true });
  for (const d of data.delegations) {
    if (d.uai === uai && !existing.some((e) => e.delegateId === d.delegateId)) await tx.putDelegation(d);
  }
}

/**
 * Imports the demo's directory as its ENT would send it: the generated feed ({@link demoFeedFiles}) read, checked and
 * applied by the same functions as `service.feeds.import`, each school getting its sync report and the ENT a feed
 * run, dated at the demo's reference date. Runs before the resources are put, so that the feed's free-offer step finds
 * no free national offer and the demo's own automatic subscriptions stay the only ones.
 */
async function importDemoFeed(store: Store, data: DemoDataSet, degree: FeedDegree): Promise<FeedRun> {
  const entId = data.ent.id;
  const at = new Date(data.referenceDate);
  const owners = new Map((await store.listSchools()).map((s) => [s.uai, s.entId]));
  const files = demoFeedFiles(data, { degree });
  const read = await readFeed(entId, demoFeedSources(files), { schoolOwner: (u) => owners.get(u) });
  const snapshot = read.snapshot;
  if (!snapshot) {
    const first = read.problems.list[0];
    throw new TypeError(`the demo feed has ${read.problems.count} problem(s)${first ? `: ${first.message}` : ''}`);
  }
  const runId = randomId();
  return store.transaction(async (tx) => {
    const applied = await applyFeed(tx, snapshot, { actor: { kind: 'system' }, at, runId });
    for (const r of await buildSyncReports(snapshot, applied.perSchool, { runId, at: at.toISOString() }))
      await tx.putSyncReport(r);
    const run: FeedRun = {
      id: runId,
      entId,
      startedAt: at.toISOString(),
      finishedAt: at.toISOString(),
      files: read.files,
      problems: [],
      problemCount: 0,
      status: 'applied',
      summary: applied.summary,
    };
    await tx.putFeedRun(run);
    return run;
  });
}

/**
 * What a re-seeding would write, in one hash: the registry, directory and resources as they are, and the ids of the
 * rows checked one by one (subscriptions, allocations, copies, audit entries, delegations), whose dates follow the
 * reference date (the demo's "now", a new one at each start) but which are never rewritten once there.
 */
function fingerprintOf(data: DemoDataSet): Promise<string> {
  const { referenceDate: _r, subscriptions, allocations, copies, audit, delegations, operator, ...rest } = data;
  return sha256Hex(
    JSON.stringify({
      ...rest,
      operator: operator.id,
      subscriptions: subscriptions.map((x) => x.id),
      allocations: allocations.map((x) => x.id),
      copies: copies.map((c) => `${c.subscriptionId} ${c.personId}`),
      audit: audit.map((e) => e.id),
      delegations: delegations.map((d) => `${d.uai} ${d.delegateId}`),
    }),
  );
}

/** Whether the store holds the data set of `fingerprint` in full (and usage statistics, when `withEvents`). */
async function seededWith(store: Store, fingerprint: string, withEvents: boolean): Promise<boolean> {
  const raw = await store.getSetting(DEMO_SEED_SETTING);
  if (raw === undefined) return false;
  try {
    const last = JSON.parse(raw) as { fingerprint?: unknown; events?: unknown };
    return last.fingerprint === fingerprint && (!withEvents || last.events === true);
  } catch {
    return false;
  }
}

/**
 * Writes the demo data through a store, in transactions: the registry, then the directory (on a fresh store imported
 * from the demo's generated GAR-ENT feed through the feed pipeline, so that each school has a sync report and the ENT
 * a feed run), the resources, then each subscription with its allocations and copies. Idempotent: what exists is left
 * as is, so seeding twice does not duplicate anything (the feed is imported once), and a demo seeded earlier keeps the
 * changes made through the service. A store seeded with this very data set (the setting {@link DEMO_SEED_SETTING}
 * records its fingerprint) is left as is without reading it again.
 *
 * @example
 * ```ts
 * const store = createMemoryStore();
 * await seedDemo(store, { referenceDate: '2026-09-14T08:00:00.000Z' });
 * ```
 */
export async function seedDemo(store: Store, options: SeedDemoOptions = {}): Promise<SeedDemoResult> {
  const data = options.data ?? demoDataSet(options);
  const result: SeedDemoResult = { subscriptions: 0, allocations: 0, copies: 0, events: 0, alreadySeeded: false };
  const progress = options.onProgress ?? (() => undefined);
  // A store this very data set was seeded into (with its usage statistics, when asked) is left as is at once: a kept
  // demo restarts without reading every subscription again.
  const fingerprint = await fingerprintOf(data);
  const withEvents = options.statisticsSecret !== undefined;
  if (await seededWith(store, fingerprint, withEvents)) return { ...result, alreadySeeded: true };
  progress({ step: 'registry', done: 0, total: 1 });
  await store.transaction((tx) => seedRegistry(tx, data));
  // A fresh store gets its directory through the demo's feed; one seeded earlier keeps its directory (and the
  // changes made through the service), one seeded before the demo had a feed gets it written directly as then.
  // One feed per degree (GAR's 1D and 2D exports are separate): the collège and lycée's, then the école's.
  const runs = await store.listFeedRuns({ entId: data.ent.id, limit: 100 });
  const fresh: Record<FeedDegree, boolean> = { '1D': false, '2D': false };
  for (const degree of ['2D', '1D'] as const) {
    const schools = data.schools.filter((s) => (s.degree ?? '2D') === degree);
    fresh[degree] =
      options.directory !== 'direct' &&
      schools.length > 0 &&
      !runs.some((r) => r.files.some((f) => f.name.includes(`_${degree}_`))) &&
      (degree === '1D' || runs.length === 0) &&
      (await Promise.all(schools.map((s) => store.countPeople({ uai: s.uai })))).every((n) => n === 0);
    if (!fresh[degree]) continue;
    progress({ step: 'feed', done: degree === '2D' ? 0 : 1, total: 2 });
    const run = await importDemoFeed(store, data, degree);
    if (degree === '2D' || !result.feedRun) result.feedRun = run;
    else result.feedRuns = [result.feedRun, run];
  }
  const done = new Set<string>();
  for (const [i, school] of data.schools.entries()) {
    progress({ step: 'school', done: i + 1, total: data.schools.length });
    await store.transaction(async (tx) => {
      if (!fresh[school.degree ?? '2D'] && (await tx.listFeedRuns({ entId: data.ent.id, limit: 1 })).length === 0)
        await seedSchool(tx, data, school.uai, done);
      await seedDelegations(tx, data, school.uai);
    });
  }
  await store.transaction(async (tx) => {
    for (const r of data.resources) await tx.putResource(r);
    if ((await tx.listCatalogue()).length === 0) {
      const entries = demoDiffusableCatalogue(data.resources, data.publishers);
      for (const p of data.publishers)
        await tx.replaceCatalogue(
          p.id,
          entries.filter((e) => e.publisherId === p.id),
          data.referenceDate,
        );
    }
  });
  for (const [i, sub] of data.subscriptions.entries()) {
    progress({ step: 'subscription', done: i + 1, total: data.subscriptions.length });
    await store.transaction(async (tx) => {
      if (!(await tx.getSubscription(sub.id))) {
        await tx.insertSubscription(sub);
        result.subscriptions++;
      }
      for (const a of data.allocations) {
        if (a.subscriptionId !== sub.id || (await tx.getAllocation(a.id))) continue;
        await tx.insertAllocation(a);
        result.allocations++;
      }
      const held = new Set((await tx.listCopies({ subscriptionId: sub.id })).map((c) => c.personId));
      const missing = data.copies.filter((c) => c.subscriptionId === sub.id && !held.has(c.personId));
      if (missing.length) await tx.insertCopies(missing);
      result.copies += missing.length;
      for (const e of data.audit) {
        if (e.subjectId === sub.id && !(await tx.getAudit(e.id))) await tx.appendAudit(e);
      }
    });
  }
  if (options.statisticsSecret !== undefined && (await store.listHandoffEvents({ limit: 1 })).length === 0) {
    progress({ step: 'usage statistics', done: 0, total: 1 });
    const events = demoUsageEvents(data, {
      statisticsSecret: options.statisticsSecret,
      seed: options.seed ?? DEMO_SEED,
    });
    await store.transaction(async (tx) => {
      for (const e of events) await tx.appendHandoffEvent(e);
    });
    result.events = events.length;
  }
  await store.putSetting(
    DEMO_SEED_SETTING,
    JSON.stringify({
      seed: String(options.seed ?? DEMO_SEED),
      referenceDate: data.referenceDate,
      fingerprint,
      events: withEvents || (await store.listHandoffEvents({ limit: 1 })).length > 0,
    }),
  );
  result.alreadySeeded = result.subscriptions + result.allocations + result.copies === 0;
  return result;
}
