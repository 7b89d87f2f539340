import { createContext } from '@lit/context';
import type { GarClient } from '@opengar/sdk';

/**
 * The context through which `<gar-client-provider>` hands its client to the elements inside it.
 *
 * @example
 * ```ts
 * @consume({ context: garClientContext, subscribe: true }) client?: GarClient;
 * ```
 */
export const garClientContext = createContext<GarClient | undefined>(Symbol.for('opengar.client'));
