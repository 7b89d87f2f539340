import type {
  AcceptSuggestionsRequest,
  AcceptSuggestionsResult,
  AllocateRequest,
  AllocationPreview,
  AllocationResult,
  Dashboard,
  ManagedSchool,
  MoveRequest,
  PreviewRequest,
  SchoolDirectoryPage,
  SchoolDirectoryQuery,
  SchoolCatalogue,
  SchoolSubscription,
  SchoolReleasedData,
  WithdrawRequest,
  AuditEntryView,
  AuditQuery,
  UndoPreview,
  allocationViewSchema,
  delegationViewSchema,
} from '@opengar/core';
import { consoleYearCalls, type GarConsoleYearCalls } from './console-year-client.js';
import { classRequestCalls, type GarClassRequestCalls } from './teacher-client.js';
import type { CallOptions } from './options.js';
import type { SendOptions } from './transport.js';

/** An allocation as the console lists it, with the copies it gave. */
export type AllocationView = (typeof allocationViewSchema)['_zod']['output'];
/** A delegation of the manager role (revoked ones carry `revokedAt`). */
export type DelegationView = (typeof delegationViewSchema)['_zod']['output'];
export type { AuditEntryView, UndoPreview };

/**
 * Filters and page of the audit trail: subscription, target key (`division:5A`), author, dates (`from` included, `to`
 * excluded), the `cursor` of a previous page's `next`, and `limit`.
 */
export type AuditOptions = Partial<Omit<AuditQuery, 'limit'>> & { limit?: number };

/** A page of the audit trail; `next` is the cursor of the following page, absent on the last one. */
export interface AuditPage {
  items: AuditEntryView[];
  next?: string;
}

/** How the console's calls reach the client's transport (token, retries, typed errors). */
export type ConsoleSend = <T>(method: string, path: string, options?: SendOptions) => Promise<T>;

/**
 * The allocation console's calls (`/api/v1/schools…`), for a school's allocation managers and delegates; credential:
 * an ENT user assertion. Licence-rule refusals reject with a `GarApiError` whose `code` is `insufficient-licences`,
 * `over-allocated` or `not-withdrawable`, and whose `problem` carries the figures (`remaining`, `pool`…).
 *
 * @example
 * ```ts
 * const [school] = await client.console.schools();
 * const subs = await client.console.subscriptions(school.uai);
 * const preview = await client.console.preview(school.uai, { subscriptionId: subs[0].subscription.id, targets: [{ kind: 'division', code: '6A' }] });
 * if (!preview.refusal) await client.console.allocate(school.uai, { subscriptionId: subs[0].subscription.id, targets: [{ kind: 'division', code: '6A' }] });
 * ```
 */
export interface GarConsoleClient extends GarConsoleYearCalls, GarClassRequestCalls {
  /** `GET /api/v1/schools`: the schools the caller manages or was delegated. */
  schools(options?: CallOptions): Promise<ManagedSchool[]>;
  /** `GET …/subscriptions`: the school's subscriptions with copies used and left per pool. */
  subscriptions(uai: string, options?: CallOptions): Promise<SchoolSubscription[]>;
  /** `GET …/allocations`: the school's allocations (of one subscription; archived ones on request). */
  allocations(
    uai: string,
    options?: CallOptions & { subscriptionId?: string; includeArchived?: boolean },
  ): Promise<AllocationView[]>;
  /** `POST …/allocations/preview`: what an allocation (or a move, with `fromPersonIds`) would consume and the refusal it would meet. */
  preview(uai: string, request: PreviewRequest, options?: CallOptions): Promise<AllocationPreview>;
  /** `POST …/allocations`: allocates, all or nothing. */
  allocate(uai: string, request: AllocateRequest, options?: CallOptions): Promise<AllocationResult>;
  /** `POST …/allocations/withdraw`: withdraws an allocation or some people's copies. */
  withdraw(uai: string, request: WithdrawRequest, options?: CallOptions): Promise<AllocationResult>;
  /** `POST …/allocations/move`: moves copies from some people to other targets. */
  move(uai: string, request: MoveRequest, options?: CallOptions): Promise<AllocationResult>;
  /** `GET …/directory`: divisions, groups and a page of people matching a search (or a subscription's holders, `holding`). */
  directory(uai: string, query?: SchoolDirectoryQuery, options?: CallOptions): Promise<SchoolDirectoryPage>;
  /** `GET …/delegations`: the school's delegations, revoked ones too. */
  delegations(uai: string, options?: CallOptions): Promise<DelegationView[]>;
  /** `POST …/delegations`: delegates the manager role to a staff member (managers only). */
  delegate(uai: string, delegateId: string, options?: CallOptions): Promise<DelegationView & { auditId: string }>;
  /** `DELETE …/delegations/{delegateId}`: revokes a delegation (managers only). */
  revokeDelegation(uai: string, delegateId: string, options?: CallOptions): Promise<{ auditId: string }>;
  /** `GET …/audit`: a page of the audit trail, most recent first, filtered; pass `next` back as `cursor`. */
  audit(uai: string, options?: CallOptions & AuditOptions): Promise<AuditPage>;
  /** `GET …/audit.csv`: the audit trail as CSV (French headers, `;`-separated), with the same filters. */
  auditCsv(uai: string, options?: CallOptions & Omit<AuditOptions, 'cursor' | 'limit'>): Promise<string>;
  /** `GET …/audit/{auditId}/undo`: what undoing a change would do now (copies taken and given back), or why not. */
  undoPreview(uai: string, auditId: string, options?: CallOptions): Promise<UndoPreview>;
  /** `POST …/audit/{auditId}/undo`: undoes a recent change. */
  undo(uai: string, auditId: string, options?: CallOptions): Promise<{ auditId: string }>;
  /**
   * `GET …/catalogue`: the catalogue of diffusable resources with the school's standing for each (`subscribed`,
   * `not-subscribed`, `ended`); for the school's head, librarians and teachers too.
   */
  catalogue(uai: string, options?: CallOptions): Promise<SchoolCatalogue>;
  /** `GET …/released-data`: per resource of the school, what it can receive about a pupil and about staff. */
  releasedData(uai: string, options?: CallOptions): Promise<SchoolReleasedData>;
  /** `GET …/dashboard`: what the school's managers should look at today. */
  dashboard(uai: string, options?: CallOptions): Promise<Dashboard>;
  /**
   * `POST …/suggestions/accept`: accepts the dashboard's suggestions ("Tout accepter"), all of the school's or one
   * subscription's; each is an ordinary allocation, undone with {@link GarConsoleClient.undo} and its `auditId`.
   */
  acceptSuggestions(
    uai: string,
    request?: AcceptSuggestionsRequest,
    options?: CallOptions,
  ): Promise<AcceptSuggestionsResult>;
}

function auditFilters(o: AuditOptions | undefined): Record<string, string | undefined> {
  return {
    before: o?.before,
    from: o?.from,
    to: o?.to,
    subscriptionId: o?.subscriptionId,
    target: o?.target,
    author: o?.author,
  };
}

function segment(value: string, name: string): string {
  if (typeof value !== 'string' || value === '') throw new TypeError(`console: ${name} is required`);
  return encodeURIComponent(value);
}

/** The console group of a client, over its `send`. */
export function createConsoleClient(send: ConsoleSend): GarConsoleClient {
  const school = (uai: string, rest = '') => `api/v1/schools/${segment(uai, 'uai')}${rest}`;
  const sig = (o?: CallOptions) => ({ signal: o?.signal });
  const text = (v: number | undefined) => (v === undefined ? undefined : String(v));
  return {
    schools: async (o) => (await send<{ items: ManagedSchool[] }>('get', 'api/v1/schools', sig(o))).items,
    subscriptions: async (uai, o) =>
      (await send<{ items: SchoolSubscription[] }>('get', school(uai, '/subscriptions'), sig(o))).items,
    allocations: async (uai, o) =>
      (
        await send<{ items: AllocationView[] }>('get', school(uai, '/allocations'), {
          ...sig(o),
          searchParams: {
            subscriptionId: o?.subscriptionId,
            includeArchived: o?.includeArchived === undefined ? undefined : String(o.includeArchived),
          },
        })
      ).items,
    preview: (uai, request, o) => send('post', school(uai, '/allocations/preview'), { ...sig(o), json: request }),
    allocate: (uai, request, o) => send('post', school(uai, '/allocations'), { ...sig(o), json: request }),
    withdraw: (uai, request, o) => send('post', school(uai, '/allocations/withdraw'), { ...sig(o), json: request }),
    move: (uai, request, o) => send('post', school(uai, '/allocations/move'), { ...sig(o), json: request }),
    directory: (uai, q = {}, o) =>
      send('get', school(uai, '/directory'), {
        ...sig(o),
        searchParams: {
          search: q.search,
          kind: q.kind,
          audience: q.audience,
          staff: q.staff,
          personIds: q.personIds,
          holding: q.holding,
          offset: text(q.offset),
          limit: text(q.limit),
        },
      }),
    delegations: async (uai, o) =>
      (await send<{ items: DelegationView[] }>('get', school(uai, '/delegations'), sig(o))).items,
    delegate: (uai, delegateId, o) => send('post', school(uai, '/delegations'), { ...sig(o), json: { delegateId } }),
    revokeDelegation: (uai, delegateId, o) =>
      send('delete', school(uai, `/delegations/${segment(delegateId, 'delegateId')}`), sig(o)),
    audit: (uai, o) =>
      send<AuditPage>('get', school(uai, '/audit'), {
        ...sig(o),
        searchParams: { ...auditFilters(o), cursor: o?.cursor, limit: text(o?.limit) },
      }),
    auditCsv: (uai, o) =>
      send<string>('get', school(uai, '/audit.csv'), { ...sig(o), as: 'text', searchParams: auditFilters(o) }),
    undoPreview: (uai, auditId, o) => send('get', school(uai, `/audit/${segment(auditId, 'auditId')}/undo`), sig(o)),
    undo: (uai, auditId, o) => send('post', school(uai, `/audit/${segment(auditId, 'auditId')}/undo`), sig(o)),
    catalogue: (uai, o) => send('get', school(uai, '/catalogue'), sig(o)),
    dashboard: (uai, o) => send('get', school(uai, '/dashboard'), sig(o)),
    releasedData: (uai, o) => send('get', school(uai, '/released-data'), sig(o)),
    ...consoleYearCalls(send),
    ...classRequestCalls(send),
    acceptSuggestions: (uai, request = {}, o) =>
      send('post', school(uai, '/suggestions/accept'), { ...sig(o), json: request }),
  };
}
