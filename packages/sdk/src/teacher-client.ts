import type {
  ClassRequest,
  ClassRequestDecision,
  ClassRequestInput,
  ClassResources,
  ClassUsage,
  Pin,
  PinInput,
} from '@opengar/core';
import type { ConsoleSend } from './console-client.js';
import type { CallOptions } from './options.js';

/**
 * A teacher's calls (`/api/v1/me/classes…`, `/api/v1/me/pins…`, `/api/v1/me/requests`; credential: an ENT user
 * assertion): the classes they teach and what their pupils hold, their usage under disclosure control, pins and
 * requests to the school's responsables. A school the caller does not teach at answers `forbidden` or `not-found`.
 *
 * @example
 * ```ts
 * const mine = await client.teacher.classes('0561641E');
 * const pin = await client.teacher.pin({ uai: '0561641E', resourceId: mine.resources[0].resourceId, groupCodes: [mine.classes[0].code], until: '2027-01-31' });
 * pin.classes[0].lacking; // pupils without a copy: ask the responsable
 * ```
 */
export interface GarTeacherClient {
  /** `GET /api/v1/me/classes?uai=`: the classes taught and how many pupils of each hold each resource. */
  classes(uai: string, options?: CallOptions): Promise<ClassResources>;
  /** `GET /api/v1/me/classes/usage?uai=`: pupils of each class who opened each resource (bands under 5). */
  usage(uai: string, options?: CallOptions): Promise<ClassUsage>;
  /** `GET /api/v1/me/pins?uai=`: the caller's pins, with who lacks a copy. */
  pins(uai: string, options?: CallOptions): Promise<Pin[]>;
  /** `POST /api/v1/me/pins`: recommends a resource to classes the caller teaches. */
  pin(input: PinInput, options?: CallOptions): Promise<Pin>;
  /** `DELETE /api/v1/me/pins/{id}?uai=`: removes one of the caller's pins. */
  unpin(uai: string, id: string, options?: CallOptions): Promise<void>;
  /** `GET /api/v1/me/requests?uai=`: the caller's requests and their fate. */
  requests(uai: string, options?: CallOptions): Promise<ClassRequest[]>;
  /** `POST /api/v1/me/requests`: asks the responsables for a resource for one of the caller's classes. */
  request(input: ClassRequestInput, options?: CallOptions): Promise<ClassRequest>;
}

/** The responsables' side of teachers' requests, part of {@link GarConsoleClient}. */
export interface GarClassRequestCalls {
  /** `GET /api/v1/schools/{uai}/requests`: teachers' requests, newest first. */
  classRequests(uai: string, options?: CallOptions): Promise<ClassRequest[]>;
  /** `POST …/requests/{id}/decision`: grants or declines a pending request. */
  decideClassRequest(
    uai: string,
    id: string,
    decision: ClassRequestDecision,
    options?: CallOptions,
  ): Promise<ClassRequest>;
}

const uaiOf = (uai: string) => {
  if (typeof uai !== 'string' || uai.length === 0 || uai.length > 45)
    throw new TypeError('uai must be 1 to 45 characters');
  return uai;
};
const idOf = (id: string, what: string) => {
  if (typeof id !== 'string' || id.length === 0 || id.length > 64)
    throw new TypeError(`${what} must be 1 to 64 characters`);
  return encodeURIComponent(id);
};
const sig = (o?: CallOptions) => ({ signal: o?.signal });

/**
 * Makes a teacher's calls over a client's transport; `createGarClient` exposes them as `client.teacher`.
 *
 * @example
 * ```ts
 * const teacher = createTeacherClient(send);
 * await teacher.requests('0561641E');
 * ```
 */
export function createTeacherClient(send: ConsoleSend): GarTeacherClient {
  const q = (uai: string) => ({ searchParams: { uai: uaiOf(uai) } });
  return {
    classes: (uai, o) => send('get', 'api/v1/me/classes', { ...sig(o), ...q(uai) }),
    usage: (uai, o) => send('get', 'api/v1/me/classes/usage', { ...sig(o), ...q(uai) }),
    pins: async (uai, o) => (await send<{ items: Pin[] }>('get', 'api/v1/me/pins', { ...sig(o), ...q(uai) })).items,
    pin: (input, o) => send('post', 'api/v1/me/pins', { ...sig(o), json: input }),
    unpin: async (uai, id, o) => {
      await send('delete', `api/v1/me/pins/${idOf(id, 'id')}`, { ...sig(o), ...q(uai) });
    },
    requests: async (uai, o) =>
      (await send<{ items: ClassRequest[] }>('get', 'api/v1/me/requests', { ...sig(o), ...q(uai) })).items,
    request: (input, o) => send('post', 'api/v1/me/requests', { ...sig(o), json: input }),
  };
}

/**
 * The responsables' calls on teachers' requests, over a transport (spread into the console client).
 *
 * @example
 * ```ts
 * const calls = classRequestCalls(send);
 * await calls.decideClassRequest('0561641E', id, { status: 'granted' });
 * ```
 */
export function classRequestCalls(send: ConsoleSend): GarClassRequestCalls {
  const base = (uai: string) => `api/v1/schools/${encodeURIComponent(uaiOf(uai))}/requests`;
  return {
    classRequests: async (uai, o) => (await send<{ items: ClassRequest[] }>('get', base(uai), sig(o))).items,
    decideClassRequest: (uai, id, decision, o) =>
      send('post', `${base(uai)}/${idOf(id, 'id')}/decision`, { ...sig(o), json: decision }),
  };
}
