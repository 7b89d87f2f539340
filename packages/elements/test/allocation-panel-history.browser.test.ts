import type { FetchLike } from '@opengar/sdk';
import { sendKeys } from '@web/test-runner-commands';
import { expect } from 'chai';
import type { GarAllocationPanel } from '../src/allocation-panel/allocation-panel.js';
import { all, cleanupPanels, clickAndWait, mountPanel, one, text } from './allocation-panel-helpers.js';
import { expectAccessible, waitFor } from './helpers.js';

async function openTab(el: GarAllocationPanel, name: string): Promise<void> {
  const tab = all(el, '[role="tab"]').find((t) => t.textContent?.trim() === name);
  if (!tab) throw new Error(`no tab ${name}`);
  tab.click();
  await el.updateComplete;
}

const rows = (el: GarAllocationPanel) =>
  all(el, '[part="audit-entry"]').map((r) => r.textContent?.replace(/\s+/g, ' ').trim() ?? '');

/** Records the paths the panel asks the service for. */
function spy(): { paths: string[]; wrap: (f: FetchLike) => FetchLike } {
  const paths: string[] = [];
  return {
    paths,
    wrap: (f) => async (request) => {
      const url = new URL(request.url);
      paths.push(`${url.pathname}${url.search}`);
      return f(request);
    },
  };
}

describe('<gar-allocation-panel> history', () => {
  afterEach(cleanupPanels);

  it('each entry names its targets, copies per audience, author and time; undo asks with the preview’s words', async () => {
    const { el } = await mountPanel('head');
    const withdraw = one<HTMLButtonElement>(el, '[part="allocation"] [part="withdraw-button"]');
    await clickAndWait(el, withdraw, () => text(el, '[part="notice"]').includes('retiré'), 'the withdrawal');
    expect(el.shadowRoot?.activeElement?.getAttribute('part'), 'focus moves to the notice').to.equal('notice');
    await openTab(el, 'Historique');
    const withdrawal = rows(el).find((r) => r.startsWith('Retrait'));
    // Resource · target (population), the copies taken per audience, the author and the time.
    expect(withdrawal).to.match(
      /^Retrait · .+ · .+ repris à \d+ [a-zé ]+ par Philippe Guillou, le 14 septembre 2026 à \d\d:\d\d/,
    );
    const grant = rows(el).find((r) => r.startsWith('Affectation'));
    expect(grant).to.match(/^Affectation · .+ · .+ donné à \d+ /);
    await expectAccessible(el);

    const entry = all(el, '[part="audit-entry"]').find((r) => r.textContent?.trim().startsWith('Retrait'))!;
    const undo = entry.querySelector<HTMLButtonElement>('[part="undo-button"]')!;
    await clickAndWait(el, undo, () => text(el, '[part="undo-ask"]').includes('rendra'), 'the preview');
    const ask = text(el, '[part="undo-ask"]');
    // (the helpers fold spaces, the non-breaking ones of French typography too)
    expect(ask).to.match(/^Annuler « Retrait » \(.+\) \? L’annulation rendra \d+ [a-zé ]+\./);
    expect(el.shadowRoot?.activeElement?.getAttribute('part'), 'focus moves to the question').to.equal('undo-ask');
    expect(undo.getAttribute('aria-expanded')).to.equal('true');
    await expectAccessible(el);
    // Escape keeps the change.
    await sendKeys({ press: 'Escape' });
    await waitFor(() => all(el, '[part="undo-ask"]').length === 0, 'the question closed');

    undo.click();
    await waitFor(() => text(el, '[part="undo-ask"]').includes('rendra'), 'the preview again');
    await clickAndWait(
      el,
      one<HTMLButtonElement>(el, '[part="confirm-undo-button"]'),
      () => text(el, '[part="notice"]').startsWith('Modification annulée'),
      'the undo',
    );
    expect(text(el, '[part="notice"]')).to.match(/^Modification annulée : Retrait \(.+\)\./);
    await waitFor(() => el.shadowRoot?.activeElement?.getAttribute('part') === 'notice', 'focus on the notice');
    expect(one(el, '[part="notice"]').getAttribute('aria-live')).to.equal('polite');
    await waitFor(() => rows(el).some((r) => r.startsWith('Annulation')), 'the undo entry');
    // The undo row says what it undid.
    expect(rows(el).find((r) => r.startsWith('Annulation'))).to.match(/donné à \d+ [a-zé ]+ annule : Retrait/);
    expect(
      rows(el)
        .filter((r) => r.startsWith('Retrait'))
        .some((r) => r.includes('annulée')),
    ).to.equal(true);
    await expectAccessible(el);
  });

  it('filters by resource and author, and exports the same filters as CSV', async () => {
    const s = spy();
    const { el } = await mountPanel('head', { wrapFetch: s.wrap });
    await openTab(el, 'Historique');
    const before = rows(el).length;
    expect(before).to.be.greaterThan(1);
    const form = one<HTMLFormElement>(el, '[part="audit-filters"]');
    const sub = form.querySelector<HTMLSelectElement>('select[name="subscriptionId"]')!;
    sub.value = sub.options[1]!.value;
    const label = sub.options[1]!.textContent?.trim() ?? '';
    const author = form.querySelector<HTMLSelectElement>('select[name="author"]')!;
    author.value = author.options[1]!.value;
    form.querySelector<HTMLButtonElement>('[part="filter-button"]')!.click();
    await waitFor(
      () => s.paths.some((p) => p.includes('/audit?') && p.includes('subscriptionId=')),
      'the filtered read',
    );
    await waitFor(() => rows(el).every((r) => r.includes(label)), 'only that resource');
    expect(s.paths.find((p) => p.includes('subscriptionId='))).to.include(`author=${encodeURIComponent(author.value)}`);
    const created: string[] = [];
    const original = URL.createObjectURL.bind(URL);
    URL.createObjectURL = (blob: Blob | MediaSource) => {
      created.push((blob as Blob).type);
      return original(blob);
    };
    const click = HTMLAnchorElement.prototype.click;
    HTMLAnchorElement.prototype.click = () => {};
    try {
      one<HTMLButtonElement>(el, '[part="export-button"]').click();
      await waitFor(() => created.length === 1, 'the CSV file');
    } finally {
      URL.createObjectURL = original;
      HTMLAnchorElement.prototype.click = click;
    }
    expect(created[0]).to.equal('text/csv;charset=utf-8');
    expect(s.paths.find((p) => p.includes('/audit.csv'))).to.include('subscriptionId=');
    await expectAccessible(el);
  });

  it('speaks English too', async () => {
    const { el } = await mountPanel('head', { setup: (p) => p.setAttribute('lang', 'en') });
    await openTab(el, 'History');
    expect(text(el, '[part="audit-filters"]')).to.include('Export (CSV)');
    const withdraw = all<HTMLButtonElement>(el, '[part="undo-button"]')[0];
    if (withdraw) {
      withdraw.click();
      await waitFor(() => /The undo|no longer/.test(text(el, '[part="undo-ask"]')), 'the English preview');
      // Either what the undo will do, or why it cannot (the seeded first entry gave a copy opened since).
      expect(text(el, '[part="undo-ask"]')).to.match(
        /^Undo “.+”.*\? (The undo (will|changes) .+\.|This change can no longer be undone: [a-z -]+\.)/,
      );
    }
    await expectAccessible(el);
  });
});
