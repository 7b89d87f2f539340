/** Detail of {@link GarCatalogueCopyEvent}. */
export interface GarCatalogueCopyDetail {
  /** The `idRessource` of each selected entry, in catalogue order. */
  resourceIds: string[];
  /** The text put on the clipboard: one line per entry, `idRessource`, name and distributor, tab-separated. */
  text: string;
  /** Whether the clipboard took it (otherwise the text is shown to be copied by hand). */
  copied: boolean;
}

/**
 * Fired (bubbling, composed) by `<gar-catalogue>` when the person copies the references of the selected entries for
 * an order.
 *
 * @example
 * ```ts
 * document.querySelector('gar-catalogue')?.addEventListener('gar-catalogue-copy', (e) => console.log(e.detail.resourceIds));
 * ```
 */
export class GarCatalogueCopyEvent extends CustomEvent<GarCatalogueCopyDetail> {
  constructor(detail: GarCatalogueCopyDetail) {
    super('gar-catalogue-copy', { bubbles: true, composed: true, detail });
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'gar-catalogue-copy': GarCatalogueCopyEvent;
  }
}
