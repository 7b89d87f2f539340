import type { ClassRequestStatus } from '@opengar/core';

/** A teacher's pin as stored: a resource recommended to some of their classes until an instant. */
export interface StoredPin {
  id: string;
  entId: string;
  uai: string;
  /** The ENT person id of the teacher. */
  teacherId: string;
  resourceId: string;
  groupCodes: string[];
  /** Plain text, one line; never HTML. */
  note?: string;
  /** A page of the resource (absolute URL inside its grain origins), chosen with its LTI Deep Linking picker. */
  grain?: string;
  /** That page's title, as the tool named it (plain text, ≤ 200 characters). */
  grainTitle?: string;
  /** The last day it shows (`YYYY-MM-DD`, Europe/Paris). */
  until: string;
  /** The instant it stops showing (the end of `until` in Europe/Paris). */
  untilAt: string;
  createdAt: string;
}

/** A teacher's request for a resource for one of their classes, and its fate. */
export interface StoredClassRequest {
  id: string;
  entId: string;
  uai: string;
  teacherId: string;
  resourceId: string;
  groupCode: string;
  message?: string;
  status: ClassRequestStatus;
  createdAt: string;
  decidedAt?: string;
  /** The person id of the responsable who decided. */
  decidedBy?: string;
  answer?: string;
}

/**
 * Teachers' pins and class requests.
 *
 * @example
 * ```ts
 * const live = await store.listPins({ uai: '0561641E', groupCodes: ['6A'], activeAt: new Date().toISOString() });
 * ```
 */
export interface ClassroomStore {
  /** Adds or replaces a pin. */
  putPin(pin: StoredPin): Promise<void>;
  getPin(id: string): Promise<StoredPin | undefined>;
  /**
   * A school's pins, newest first (ties by id): of one teacher, naming one of `groupCodes`, or still showing at
   * `activeAt` (`untilAt` after it).
   */
  listPins(filter: {
    uai: string;
    teacherId?: string;
    groupCodes?: readonly string[];
    activeAt?: string;
  }): Promise<StoredPin[]>;
  /** `false` when there was none. */
  deletePin(id: string): Promise<boolean>;
  /** Adds or replaces a request. */
  putClassRequest(request: StoredClassRequest): Promise<void>;
  getClassRequest(id: string): Promise<StoredClassRequest | undefined>;
  /** A school's requests, newest first (ties by id). */
  listClassRequests(filter: {
    uai: string;
    teacherId?: string;
    status?: ClassRequestStatus;
  }): Promise<StoredClassRequest[]>;
}
