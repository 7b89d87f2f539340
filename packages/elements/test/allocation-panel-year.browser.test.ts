import { sendKeys } from '@web/test-runner-commands';
import { expect } from 'chai';
import type { GarAllocationPanel } from '../src/allocation-panel/allocation-panel.js';
import { ATELIER_ID, COLLEGE, HISTORY_ID } from './allocation-panel-service.js';
import { all, button, cleanupPanels, clickAndWait, mountPanel, one, text, typeIn } from './allocation-panel-helpers.js';
import { expectAccessible, waitFor } from './helpers.js';
import { filterCatalogue, statusesOf } from '../src/allocation-panel/year-data.js';

async function openTab(el: GarAllocationPanel, id: string): Promise<void> {
  one(el, `#tab-${id}`).click();
  await el.updateComplete;
}

/** Runs `act` with downloads captured: each file's name and bytes. */
async function downloads(act: () => void | Promise<void>): Promise<{ name: string; bytes: Uint8Array }[]> {
  const created: Blob[] = [];
  const names: string[] = [];
  const original = URL.createObjectURL;
  const click = HTMLAnchorElement.prototype.click;
  URL.createObjectURL = (b: Blob | MediaSource) => {
    created.push(b as Blob);
    return 'blob:test';
  };
  HTMLAnchorElement.prototype.click = function (this: HTMLAnchorElement) {
    names.push(this.download);
  };
  try {
    await act();
    await waitFor(() => names.length > 0, 'a download');
  } finally {
    URL.createObjectURL = original;
    HTMLAnchorElement.prototype.click = click;
  }
  return Promise.all(
    created.map(async (b, i) => ({ name: names[i] ?? '', bytes: new Uint8Array(await b.arrayBuffer()) })),
  );
}

const utf8 = (bytes: Uint8Array) => new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes);

describe('<gar-allocation-panel> year views', () => {
  afterEach(cleanupPanels);

  it('synchronisation: the last feed’s date, counts, changes and anomalies; CSV with a BOM; axe-clean', async () => {
    const { el } = await mountPanel('head', { year: true });
    await openTab(el, 'sync');
    await waitFor(() => all(el, '[part~="sync-counts"]').length === 1, 'the report');
    expect(text(el, '[part="sync-date"]')).to.match(/^Dernier flux reçu le \d+ \S+ 20\d\d$/);
    const pairs = (part: string) =>
      all(el, `[part~="${part}"] div`).map(
        (d) => `${d.querySelector('dt')?.textContent}=${d.querySelector('dd')?.textContent}`,
      );
    expect(pairs('sync-counts')).to.deep.equal(['Élèves=120', 'Enseignants=14', 'Documentalistes=1']);
    expect(pairs('sync-changes')).to.deep.equal(['Personnes arrivées=3', 'Personnes parties=1']);
    const kinds = all(el, '[part="anomaly"]').map((a) => a.dataset['kind']);
    expect(kinds).to.have.members(['pupilsWithoutDivision', 'managersWithoutEmail', 'teachersWithoutClasses']);
    expect(text(el, '[data-kind="teachersWithoutClasses"] summary')).to.equal('1 enseignant sans classe');
    // Names from the feed are text, never markup.
    expect(text(el, '[data-kind="managersWithoutEmail"] li')).to.equal('=HYPERLINK("x") (d-9)');
    await expectAccessible(el);
    const [file] = await downloads(() => button(el, 'Exporter (CSV)').click());
    expect(file?.name).to.equal(`synchronisation-${COLLEGE}.csv`);
    expect([...(file?.bytes.slice(0, 3) ?? [])]).to.deep.equal([0xef, 0xbb, 0xbf]);
    expect(utf8(file!.bytes)).to.include('teacher_without_class');
  });

  it('synchronisation: a clear empty state when no feed ever came (404), axe-clean', async () => {
    const { el } = await mountPanel('head');
    await openTab(el, 'sync');
    await waitFor(() => all(el, '[part~="sync-empty"]').length === 1, 'the empty state');
    expect(text(el, '[part~="sync-empty"]')).to.include('Aucun flux reçu pour cet établissement.');
    expect(all(el, '[part="error"]')).to.have.length(0);
    await expectAccessible(el);
  });

  it('notifications: unread count in the tab, newest first, mark one then all read; the service agrees', async () => {
    const { el, svc } = await mountPanel('head', { year: true });
    const tab = one(el, '#tab-inbox');
    await waitFor(() => tab.textContent?.trim() === 'Notifications (2)', 'the unread count');
    expect(tab.getAttribute('aria-label')).to.equal('Notifications, 2 non lues');
    // Reached with the keyboard from the tab list.
    one(el, '#tab-sync').focus();
    await openTab(el, 'sync');
    await sendKeys({ press: 'ArrowRight' });
    await el.updateComplete;
    expect(el.tab).to.equal('inbox');
    expect(el.shadowRoot?.activeElement?.id).to.equal('tab-inbox');
    await waitFor(() => all(el, '[part~="notification"]').length === 3, 'the list');
    const rows = all(el, '[part~="notification"]');
    expect(rows.map((r) => r.matches('[part~="unread"]'))).to.deep.equal([true, true, false]);
    expect(rows[0]?.textContent).to.include('«\u00a0<b>Dico</b>\u00a0»');
    expect(rows[0]?.querySelector('b')).to.equal(null);
    await expectAccessible(el);
    const first = one<HTMLButtonElement>(el, '[part="mark-read-button"]');
    expect(first.getAttribute('aria-label')).to.match(/^Marquer comme lue\u00a0: Un nouvel abonnement/);
    await clickAndWait(el, first, () => tab.textContent?.trim() === 'Notifications (1)', 'one read');
    expect(text(el, '[part="inbox-status"]')).to.equal('1 notification marquée comme lue.');
    await clickAndWait(
      el,
      button(el, 'Tout marquer comme lu'),
      () => tab.textContent?.trim() === 'Notifications',
      'all read',
    );
    expect(text(el, '[part~="inbox"]')).to.include('Tout est lu.');
    const unread = await svc.clientFor('head').console.notifications(COLLEGE, { unread: true });
    expect(unread).to.deep.equal([]);
  });

  it('subscriptions: every one with its status; search, filters, sort; axe-clean', async () => {
    const { el } = await mountPanel('head', { overAllocated: true, fresh: true });
    await openTab(el, 'subscriptions');
    const rows = () => all(el, '[part="catalogue-row"]');
    const total = rows().length;
    expect(total).to.be.greaterThan(3);
    expect(text(el, '[part="shown"]')).to.equal(`${total} abonnements affichés sur ${total}`);
    const over = rows().find((r) => r.dataset['id'] === ATELIER_ID);
    expect(over?.querySelector('[part~="status-over"]')?.textContent).to.equal('Sur-affecté');
    await expectAccessible(el);
    await typeIn(el, '[part="catalogue"] input[type="search"]', 'atelier');
    expect(rows().map((r) => r.dataset['id'])).to.deep.equal([ATELIER_ID]);
    await typeIn(el, '[part="catalogue"] input[type="search"]', '');
    const status = all<HTMLSelectElement>(el, '[part="filters"] select')[2]!;
    status.value = 'over';
    status.dispatchEvent(new Event('change'));
    await el.updateComplete;
    expect(rows().map((r) => r.dataset['id'])).to.deep.equal([ATELIER_ID]);
    status.value = '';
    status.dispatchEvent(new Event('change'));
    const toAllocate = one<HTMLInputElement>(el, '[part="to-allocate"]');
    toAllocate.click();
    await el.updateComplete;
    expect(rows().length).to.be.greaterThan(0).and.lessThan(total);
    expect(rows().some((r) => r.dataset['id'] === HISTORY_ID)).to.equal(false);
    toAllocate.click();
    const sort = all<HTMLSelectElement>(el, '[part="filters"] select')[3]!;
    sort.value = 'end';
    sort.dispatchEvent(new Event('change'));
    await el.updateComplete;
    const ends = rows().map((r) => r.querySelectorAll('td')[2]?.textContent ?? '');
    expect(ends.length).to.equal(total);
  });

  it('subscriptions: CSV of subscriptions, allocations and holders, with `;`, a BOM, formulas neutralised', async () => {
    const { el } = await mountPanel('head');
    await openTab(el, 'subscriptions');
    const [subs] = await downloads(() => one(el, '[part~="export-subscriptions"]').click());
    expect(subs?.name).to.equal(`abonnements-${COLLEGE}.csv`);
    expect([...(subs?.bytes.slice(0, 3) ?? [])]).to.deep.equal([0xef, 0xbb, 0xbf]);
    const lines = utf8(subs!.bytes).slice(1).trim().split('\r\n');
    expect(lines[0]).to.equal('Identifiant;Ressource;Éditeur;Type;Début;Fin;État;Licences;Utilisées;Affectations');
    expect(lines.length).to.equal(el.shadowRoot!.querySelectorAll('[part="catalogue-row"]').length + 1);
    const [allocations] = await downloads(() => one(el, '[part~="export-allocations"]').click());
    expect(utf8(allocations!.bytes)).to.include('Abonnement;Ressource;Cible;Licences;Date');
    const [holders] = await downloads(() => one(el, '[part~="export-holders"]').click());
    const held = utf8(holders!.bytes).slice(1).trim().split('\r\n');
    expect(held[0]).to.equal('Abonnement;Ressource;Nom;Prénom;Public');
    expect(held.length).to.be.greaterThan(1);
  });

  it('speaks English with `,` in its files', async () => {
    const { el } = await mountPanel('head', { year: true, setup: (e) => e.setAttribute('lang', 'en') });
    await openTab(el, 'subscriptions');
    expect(text(el, '#catalogue-title')).to.equal('The school’s subscriptions');
    const [subs] = await downloads(() => one(el, '[part~="export-subscriptions"]').click());
    expect(utf8(subs!.bytes).slice(1).split('\r\n')[0]).to.equal(
      'Id,Resource,Publisher,Type,Start,End,Status,Licences,Used,Allocations',
    );
    await openTab(el, 'inbox');
    await waitFor(() => all(el, '[part~="notification"]').length === 3, 'the list');
    expect(one(el, '#tab-inbox').getAttribute('aria-label')).to.equal('Notifications, 2 unread');
    expect(text(el, '[part~="notification"]')).to.include('A new subscription');
  });

  it('notifications: e-mail preferences per group, saved on the service', async () => {
    const { el, svc } = await mountPanel('head', { year: true });
    await openTab(el, 'inbox');
    await waitFor(() => all(el, '[part="preference"]').length === 3, 'the preferences');
    const feeds = one<HTMLInputElement>(el, '[part="preference"][data-group="feeds"]');
    expect(feeds.checked).to.equal(true);
    await clickAndWait(el, feeds, () => text(el, '[part="inbox-status"]') === 'Préférences enregistrées.', 'saved');
    const saved = await svc.clientFor('head').console.notificationPreferences(COLLEGE);
    expect(saved).to.deep.equal({ email: { subscriptions: true, copies: true, feeds: false } });
    expect(text(el, '[part="preferences"] legend')).to.equal('Recevoir aussi par courriel');
    await expectAccessible(el);
  });

  it('the librarian: subscriptions and notifications only, read-only, no allocation; axe-clean', async () => {
    const { el } = await mountPanel('librarian', { overAllocated: true });
    expect(el.status).to.equal('ready');
    expect(el.managerRole).to.equal('librarian');
    expect(all(el, '[role="tab"]').map((t) => t.id)).to.deep.equal(['tab-subscriptions', 'tab-inbox']);
    expect(el.tab).to.equal('subscriptions');
    expect(one(el, '[part="read-only"]').textContent).to.match(/^Consultation seule\u00a0: /);
    expect(all(el, '[part="catalogue-row"]').length).to.be.greaterThan(3);
    expect(all(el, '[part~="allocate-button"], [part~="withdraw-button"]')).to.have.length(0);
    await expectAccessible(el);
    // Arrows stay within the two tabs.
    one(el, '#tab-subscriptions').focus();
    await sendKeys({ press: 'ArrowRight' });
    await el.updateComplete;
    expect(el.tab).to.equal('inbox');
    await sendKeys({ press: 'ArrowRight' });
    await el.updateComplete;
    expect(el.tab).to.equal('subscriptions');
    const [subs] = await downloads(() => one(el, '[part~="export-subscriptions"]').click());
    expect(utf8(subs!.bytes)).to.include(ATELIER_ID);
  });

  it('an expired subscription stays listed, as expired (never silently dropped), and ranks first by status', () => {
    const now = Date.parse('2026-09-15T08:00:00Z');
    const sub = (id: string, validFrom: string, validUntil: string, over = {}) =>
      ({
        subscription: {
          id,
          resourceLabel: id,
          resourceId: `ark:/${id}`,
          distributorId: 'D',
          type: 'INDIV',
          validFrom,
          validUntil,
        },
        usage: [],
        overAllocated: false,
        allocationCount: 1,
        valid: Date.parse(validUntil) >= now,
        ...over,
      }) as never;
    const expired = sub('Fini', '2025-09-01T00:00:00Z', '2026-08-31T21:59:59Z');
    const fresh = sub('Neuf', '2026-09-10T00:00:00Z', '2027-08-31T21:59:59Z', { allocationCount: 0 });
    const ending = sub('Bientôt', '2025-09-01T00:00:00Z', '2026-10-01T21:59:59Z', { overAllocated: true });
    const none = new Set<string>();
    expect(statusesOf(expired, now, none)).to.deep.equal(['expired']);
    expect(statusesOf(fresh, now, none)).to.deep.equal(['new']);
    expect(statusesOf(ending, now, none)).to.deep.equal(['over', 'ending']);
    const filters = {
      query: '',
      publisher: '',
      type: '' as const,
      status: '' as const,
      toAllocate: false,
      sort: 'status' as const,
    };
    const rows = filterCatalogue([fresh, ending, expired], filters, now, none);
    expect(rows.map((r) => r.sub)).to.deep.equal([expired, ending, fresh]);
    expect(filterCatalogue([fresh, ending, expired], { ...filters, status: 'expired' }, now, none).length).to.equal(1);
    expect(
      filterCatalogue([fresh, ending, expired], { ...filters, toAllocate: true }, now, none).map((r) => r.sub),
    ).to.deep.equal([fresh]);
  });
});
