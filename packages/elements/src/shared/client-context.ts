import { createContext } from '@lit/context';
import type { GarMediacentreClient } from '@opengar/sdk';

/**
 * The context through which `<gar-client-provider>` hands its client to the elements inside it.
 *
 * @example
 * ```ts
 * import { ContextConsumer } from '@lit/context';
 * import { garClientContext } from '@opengar/elements';
 * import { LitElement } from 'lit';
 *
 * class MyElement extends LitElement {
 *   // `this.provided.value` is the enclosing provider's client (updated when it changes).
 *   readonly provided = new ContextConsumer(this, { context: garClientContext, subscribe: true });
 * }
 * ```
 */
export const garClientContext = createContext<GarMediacentreClient | undefined>(Symbol.for('opengar.client'));
