import { createContext } from '@lit/context';
import type { GarMediacentreClient } from '@opengar/sdk';

/**
 * The context through which `<gar-client-provider>` hands its client to the elements inside it.
 *
 * @example
 * ```ts
 * @consume({ context: garClientContext, subscribe: true }) client?: GarMediacentreClient;
 * ```
 */
export const garClientContext = createContext<GarMediacentreClient | undefined>(Symbol.for('opengar.client'));
