import type { LaunchForm } from '@opengar/sdk';

/** Detail of {@link GarLaunchEvent}: what is opened, where, and the form about to be posted (its assertion left out). */
export interface GarLaunchDetail {
  resourceId: string;
  resourceName: string;
  uai: string;
  target: '_blank' | '_self';
  action: string;
}

/**
 * Fired (bubbling, composed, cancelable) just before `<gar-mediacentre>` posts the hand-off form. Calling
 * `preventDefault()` stops the navigation.
 *
 * @example
 * ```ts
 * document.querySelector('gar-mediacentre')?.addEventListener('gar-launch', (e) => console.info('open', e.detail.resourceId));
 * ```
 */
export class GarLaunchEvent extends CustomEvent<GarLaunchDetail> {
  constructor(detail: GarLaunchDetail) {
    super('gar-launch', { bubbles: true, composed: true, cancelable: true, detail });
  }
}

/** The form fields without the assertion, for the event detail. */
export function launchDetail(form: LaunchForm, resourceName: string, target: '_blank' | '_self'): GarLaunchDetail {
  return { resourceId: form.fields.resource, resourceName, uai: form.fields.uai, target, action: form.action };
}

declare global {
  interface GlobalEventHandlersEventMap {
    'gar-launch': GarLaunchEvent;
  }
}
