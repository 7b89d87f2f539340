import type { JwksFetchOptions } from '../../kernel/types.js';
import type { SigningKeySource } from '../signing-key-source.js';

/** What the LTI tool needs of `createGarService`'s options. */
export interface LtiToolOptions {
  pseudonymSecret?: string | Uint8Array;
  signingKeys?: SigningKeySource;
  jwks?: JwksFetchOptions;
}

/** What a verified launch leads to. */
export type LtiLaunchNext =
  /** A placed resource: the ordinary GAR-style launch (`GET /launch?idRessource=…`), which authenticates by the ENT. */
  | { kind: 'resource'; location: string }
  /** A Deep Linking request: to the ENT's assertion endpoint (one ENT) or to the ENT choice. */
  | { kind: 'picker'; location: string }
  /** A Deep Linking request in the platform's frame: links opening the ENT round trip in a new window. */
  | { kind: 'window'; windows: { id: string; name: string; url: string }[]; returnUrl: string; platformId: string }
  | {
      kind: 'choose-ent';
      request: string;
      ents: { id: string; name: string }[];
      platformId: string;
      formTargets: string[];
    };

/** One resource the picker offers. */
export interface PickerItem {
  id: string;
  name: string;
  publisherName: string;
  /** Origins a page (grain) of it may be in; absent when it takes none. */
  grainOrigins?: string[];
}
