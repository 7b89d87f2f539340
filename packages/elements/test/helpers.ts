import type { Favourites, Mediacentre } from '@opengar/core';
import { createGarClient, type FetchLike, type GarClient, type LaunchForm } from '@opengar/sdk';
import 'axe-core';
import type { AxeResults, ElementContext, RunOptions } from 'axe-core';
import { expect } from 'chai';
import '../src/define-all.js';
import type { GarMediacentre } from '../src/mediacentre/mediacentre.js';
import type { RecentStorage } from '../src/mediacentre/recent-store.js';
import { ISSUER, demoService, type DemoUser } from './fixtures/demo-service.js';

export { ISSUER };

declare global {
  interface Window {
    /** axe-core is a UMD script: importing it sets `window.axe`. */
    axe: { run(context: ElementContext, options: RunOptions): Promise<AxeResults> };
    /** Set by a hostile payload if it ever ran. */
    __pwned?: number;
  }
}

export function memoryStorage(): RecentStorage & { data: Map<string, string> } {
  const data = new Map<string, string>();
  return { data, getItem: (k) => data.get(k) ?? null, setItem: (k, v) => void data.set(k, v) };
}

export async function waitFor(check: () => boolean, what = 'condition', ms = 5000): Promise<void> {
  const start = performance.now();
  while (!check()) {
    if (performance.now() - start > ms) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

export async function settled(el: GarMediacentre): Promise<void> {
  await waitFor(() => el.status !== 'loading' && el.status !== 'waiting', 'the element to settle');
  await el.updateComplete;
}

const mounted: Element[] = [];
export function cleanup(): void {
  for (const e of mounted.splice(0)) e.remove();
}

/** `<gar-client-provider>` around `<gar-mediacentre>`, against the in-page service, as `user`. */
export async function mountWithProvider(
  user: DemoUser['key'] = 'pupil',
  setup: (el: GarMediacentre) => void = () => {},
  wrapFetch?: (f: FetchLike) => FetchLike,
) {
  const svc = await demoService();
  const provider = document.createElement('gar-client-provider');
  provider.serviceUrl = ISSUER;
  provider.fetch = wrapFetch ? wrapFetch(svc.fetch) : svc.fetch;
  provider.getToken = svc.tokenFor(user);
  const el = document.createElement('gar-mediacentre');
  el.storage = memoryStorage();
  setup(el);
  provider.append(el);
  document.body.append(provider);
  mounted.push(provider);
  await settled(el);
  return { el, provider, svc };
}

/** A lone element with its own client (given, or made from the in-page service with no retry). */
export async function mountWithClient(client: GarClient, setup: (el: GarMediacentre) => void = () => {}) {
  const el = document.createElement('gar-mediacentre');
  el.storage = memoryStorage();
  el.client = client;
  setup(el);
  document.body.append(el);
  mounted.push(el);
  await settled(el);
  return el;
}

export async function serviceClient(
  user: DemoUser['key'],
  wrapFetch: (f: FetchLike) => FetchLike = (f) => f,
  expired = false,
): Promise<GarClient> {
  const svc = await demoService();
  return createGarClient({
    baseUrl: ISSUER,
    getToken: svc.tokenFor(user, { expired }),
    fetch: wrapFetch(svc.fetch),
    retry: 0,
  });
}

/** A client answering a fixed listing (for shapes the demo data does not have). */
export function stubClient(
  listing: unknown,
  favourites: Favourites = { resourceIds: [] },
): GarClient & { saved: string[][] } {
  const saved: string[][] = [];
  return {
    saved,
    baseUrl: `${ISSUER}/`,
    resources: () => Promise.resolve(listing as Mediacentre),
    favourites: () => Promise.resolve(favourites),
    setFavourites: (ids) => (saved.push([...ids]), Promise.resolve({ resourceIds: [...ids] })),
    launchForm: (resource, uai, o) =>
      Promise.resolve({
        action: o?.launchUrl ?? `${ISSUER}/launch`,
        method: 'post',
        fields: { assertion: 'a', resource, uai },
      }),
    admin: createGarClient({ baseUrl: ISSUER, token: 'unused' }).admin,
    console: createGarClient({ baseUrl: ISSUER, token: 'unused' }).console,
    stats: createGarClient({ baseUrl: ISSUER, token: 'unused' }).stats,
  };
}

export function shadow(el: GarMediacentre): ShadowRoot {
  const root = el.shadowRoot;
  if (!root) throw new Error('no shadow root');
  return root;
}

export function q<T extends Element = HTMLElement>(el: GarMediacentre, selector: string): T {
  const found = shadow(el).querySelector<T>(selector);
  if (!found) throw new Error(`nothing matches ${selector}`);
  return found;
}

export function tileNames(el: GarMediacentre): string[] {
  return [...shadow(el).querySelectorAll('.grid .tile:not([hidden]) [part="tile-name"]')].map(
    (b) => b.textContent?.trim() ?? '',
  );
}

export function statusText(el: GarMediacentre): string {
  return q(el, '[role="status"]').textContent?.trim() ?? '';
}

export async function typeSearch(el: GarMediacentre, text: string): Promise<void> {
  const input = q<HTMLInputElement>(el, 'input[type="search"]');
  input.value = text;
  input.dispatchEvent(new Event('input', { bubbles: true }));
  await el.updateComplete;
}

export async function choose(el: GarMediacentre, selector: string, value: string): Promise<void> {
  const select = q<HTMLSelectElement>(el, selector);
  select.value = value;
  select.dispatchEvent(new Event('change', { bubbles: true }));
  await el.updateComplete;
}

/** Replaces `HTMLFormElement.prototype.submit` while `run` runs; returns the forms that would have been submitted. */
export async function interceptSubmit(
  run: () => Promise<void>,
): Promise<{ action: string; target: string; method: string; fields: LaunchForm['fields'] }[]> {
  const submitted: { action: string; target: string; method: string; fields: LaunchForm['fields'] }[] = [];
  const original = HTMLFormElement.prototype.submit;
  HTMLFormElement.prototype.submit = function submit(this: HTMLFormElement) {
    const data = new FormData(this);
    submitted.push({
      action: this.action,
      target: this.target,
      method: this.method,
      fields: {
        assertion: String(data.get('assertion')),
        resource: String(data.get('resource')),
        uai: String(data.get('uai')),
      },
    });
  };
  try {
    await run();
  } finally {
    HTMLFormElement.prototype.submit = original;
  }
  return submitted;
}

/** Runs axe on the element (shadow DOM included) and fails with the violations' ids and targets. */
export async function expectAccessible(el: Element): Promise<void> {
  const result = await window.axe.run(el, { resultTypes: ['violations'] });
  const found = result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => JSON.stringify(n.target)).join(', ')}`);
  expect(found, 'axe violations').to.deep.equal([]);
}

/**
 * One resource of a médiacentre listing with neutral values (a copy, no levels or domains, valid until 2030); a test
 * gives what it is about (`id`, `name`, and any field it overrides).
 */
export function listedResource<T extends { id: string; name: string }>(over: T) {
  return {
    idType: 'ark',
    publisherId: 'p',
    publisherName: 'Éditeur',
    presentationType: { code: 'MAN', nom: 'Manuels numériques' },
    pedagogicalTypes: [],
    documentTypologies: [],
    levels: [],
    teachingDomains: [],
    techDistributor: '',
    techValidator: '',
    via: 'copy',
    validUntil: '2030-08-31T21:59:59Z',
    favourite: false,
    ...over,
  };
}
