import type { LtiPlatform } from '@opengar/core';
import { StoreConflictError } from '../errors.js';
import { cloneJson, compareText } from '../shared/fold.js';
import type { LtiPlatformStore } from '../types-lti-platforms.js';
import type { MemoryContext } from './memory-context.js';

/** LTI platforms in memory. */
export function memoryLtiPlatformOps({ state: s, read, write }: MemoryContext): LtiPlatformStore {
  return {
    putLtiPlatform: (platform) =>
      write((j) => {
        const other = s.ltiPlatforms.find('issuer', platform.issuer)[0];
        if (other && other.id !== platform.id) throw new StoreConflictError('another platform has this issuer');
        s.ltiPlatforms.set(j, cloneJson(platform));
      }),
    getLtiPlatform: (id) => read(() => cloneJson(s.ltiPlatforms.get(id))),
    getLtiPlatformByIssuer: (issuer) => read(() => cloneJson(s.ltiPlatforms.find('issuer', issuer)[0])),
    listLtiPlatforms: () =>
      read(() =>
        [...s.ltiPlatforms.values()].map((p): LtiPlatform => cloneJson(p)).sort((a, b) => compareText(a.id, b.id)),
      ),
    deleteLtiPlatform: (id) => write((j) => s.ltiPlatforms.delete(j, id) !== undefined),
  };
}
