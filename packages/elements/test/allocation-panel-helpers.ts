// Mounting and reading <gar-allocation-panel> in the browser tests and stories.
import type { DemoUser } from '@opengar/server/demo';
import type { FetchLike } from '@opengar/sdk';
import '../src/define-all.js';
import type { GarAllocationPanel } from '../src/allocation-panel/allocation-panel.js';
import { CONSOLE_ISSUER, consoleService, type ConsoleService } from './allocation-panel-service.js';
import { waitFor } from './helpers.js';

const mounted: Element[] = [];

export function cleanupPanels(): void {
  for (const e of mounted.splice(0)) e.remove();
}

export async function settledPanel(el: GarAllocationPanel): Promise<void> {
  await waitFor(() => el.status !== 'loading' && el.status !== 'waiting', 'the panel to settle');
  await el.updateComplete;
}

/** `<gar-client-provider>` around `<gar-allocation-panel>`, against a fresh in-page service, as `user`. */
export async function mountPanel(
  user: DemoUser['key'] = 'head',
  options: {
    twoSchools?: boolean;
    fresh?: boolean;
    overAllocated?: boolean;
    opened?: boolean;
    year?: boolean;
    setup?: (el: GarAllocationPanel) => void;
    wrapFetch?: (f: FetchLike) => FetchLike;
  } = {},
): Promise<{ el: GarAllocationPanel; svc: ConsoleService }> {
  const svc = await consoleService({
    twoSchools: options.twoSchools ?? false,
    fresh: options.fresh ?? false,
    overAllocated: options.overAllocated ?? false,
    opened: options.opened ?? false,
    year: options.year ?? false,
  });
  const provider = document.createElement('gar-client-provider');
  provider.serviceUrl = CONSOLE_ISSUER;
  provider.fetch = options.wrapFetch ? options.wrapFetch(svc.fetch) : svc.fetch;
  provider.getToken = svc.tokenFor(user);
  const el = document.createElement('gar-allocation-panel');
  el.now = () => svc.now().getTime();
  options.setup?.(el);
  provider.append(el);
  document.body.append(provider);
  mounted.push(provider);
  await settledPanel(el);
  return { el, svc };
}

export function all<T extends Element = HTMLElement>(el: GarAllocationPanel, selector: string): T[] {
  return [...(el.shadowRoot?.querySelectorAll<T>(selector) ?? [])];
}

export function one<T extends Element = HTMLElement>(el: GarAllocationPanel, selector: string): T {
  const found = el.shadowRoot?.querySelector<T>(selector);
  if (!found) throw new Error(`nothing matches ${selector}`);
  return found;
}

/** The text of the first match, spaces collapsed; empty when nothing matches. */
export function text(el: GarAllocationPanel, selector: string): string {
  return el.shadowRoot?.querySelector(selector)?.textContent?.replace(/\s+/g, ' ').trim() ?? '';
}

/** The button whose text contains `label` (first match). */
export function button(el: GarAllocationPanel, label: string, scope = ''): HTMLButtonElement {
  const found = all<HTMLButtonElement>(el, `${scope} button`).find((b) => (b.textContent ?? '').includes(label));
  if (!found) throw new Error(`no button "${label}"`);
  return found;
}

export async function clickAndWait(
  el: GarAllocationPanel,
  target: HTMLElement,
  until: () => boolean,
  what: string,
): Promise<void> {
  target.click();
  await waitFor(until, what);
  await el.updateComplete;
}

export async function typeIn(el: GarAllocationPanel, selector: string, value: string): Promise<void> {
  const input = one<HTMLInputElement>(el, selector);
  input.value = value;
  input.dispatchEvent(new Event('input', { bubbles: true }));
  await el.updateComplete;
}

/** Opens a subscription by its label in the "by resource" list. */
export async function openSubscription(el: GarAllocationPanel, label: string): Promise<void> {
  const b = all<HTMLButtonElement>(el, '[part="subscription-button"]').find((x) => x.textContent?.trim() === label);
  if (!b) throw new Error(`no subscription ${label}`);
  b.click();
  await el.updateComplete;
}

/** Opens a subscription by its label, then its allocation picker, once the picker lists its choices. */
export async function openPicker(el: GarAllocationPanel, label: string): Promise<void> {
  await openSubscription(el, label);
  await clickAndWait(
    el,
    one(el, '[part="allocate-button"]'),
    () => all(el, '[part="choice"]').length > 4,
    'the picker',
  );
}

/** The visible choice (checkbox row) whose label starts with `label`. */
export function choice(el: GarAllocationPanel, label: string): HTMLInputElement {
  const row = all(el, '[part="choice"]').find((r) => r.querySelector('.grow')?.textContent?.trim() === label);
  const input = row?.querySelector<HTMLInputElement>('input');
  if (!input) throw new Error(`no choice ${label}`);
  return input;
}
