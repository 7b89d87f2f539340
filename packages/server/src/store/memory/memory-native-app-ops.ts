import type { NativeApp } from '@opengar/core';
import { StoreConflictError } from '../errors.js';
import { cloneJson, compareText, instant } from '../shared/fold.js';
import type { NativeAppStore } from '../types-native-apps.js';
import type { MemoryContext } from './memory-context.js';

/** Native apps and authorization codes in memory. */
export function memoryNativeAppOps({ state: s, read, write }: MemoryContext): NativeAppStore {
  return {
    putNativeApp: (app) => write((j) => s.nativeApps.set(j, cloneJson(app))),
    getNativeApp: (clientId) => read(() => cloneJson(s.nativeApps.get(clientId))),
    listNativeApps: (filter = {}) =>
      read(() =>
        (filter.resourceId === undefined
          ? [...s.nativeApps.values()]
          : s.nativeApps.find('resource', filter.resourceId)
        )
          .map((a): NativeApp => cloneJson(a))
          .sort((a, b) => compareText(a.clientId, b.clientId)),
      ),
    deleteNativeApp: (clientId) => write((j) => s.nativeApps.delete(j, clientId) !== undefined),
    putAuthorizationCode: (record) =>
      write((j) => {
        if (s.authorizationCodes.has(record.id)) throw new StoreConflictError('this authorization code exists');
        s.authorizationCodes.set(j, cloneJson(record));
      }),
    redeemAuthorizationCode: (id, now, tokenId, keepUntil) =>
      write((j) => {
        const row = s.authorizationCodes.get(id);
        if (!row) return { outcome: 'unknown' } as const;
        if (row.status !== 'issued') {
          const revoked = { ...row, status: 'revoked' as const };
          s.authorizationCodes.set(j, revoked);
          return { outcome: 'reused', record: cloneJson(revoked) } as const;
        }
        if (instant(row.expiresAt) <= instant(now)) return { outcome: 'expired' } as const;
        const redeemed = { ...row, status: 'redeemed' as const, tokenId, keepUntil };
        s.authorizationCodes.set(j, redeemed);
        return { outcome: 'redeemed', record: cloneJson(redeemed) } as const;
      }),
    getAuthorizationGrant: (tokenId) => read(() => cloneJson(s.authorizationCodes.find('token', tokenId)[0])),
  };
}
