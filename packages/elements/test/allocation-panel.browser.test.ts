import { expect } from 'chai';
import type { GarAllocationChangeEvent } from '../src/allocation-panel/events.js';
import type { GarErrorEvent } from '../src/shared/gar-error-event.js';
import { COLLEGE } from './allocation-panel-service.js';
import {
  all,
  button,
  choice,
  cleanupPanels,
  clickAndWait,
  mountPanel,
  one,
  openPicker,
  openSubscription,
  text,
  typeIn,
} from './allocation-panel-helpers.js';
import { expectAccessible, waitFor } from './helpers.js';

const MATHS = 'Mathématiques 6e – manuel numérique';
const EXOS = 'Exo Maths collège';
const HISTORY = 'Histoire-géographie 3e';

describe('<gar-allocation-panel> by resource', () => {
  afterEach(cleanupPanels);

  it('lists every subscription with a gauge per pool, flags the one ending soon, names the support contact; axe-clean', async () => {
    const { el } = await mountPanel('head');
    expect(el.status).to.equal('ready');
    expect(el.school).to.equal(COLLEGE);
    const names = all(el, '[part="subscription-button"]').map((b) => b.textContent?.trim());
    expect(names).to.include.members([MATHS, EXOS, HISTORY]);
    const exos = all(el, '[part="subscription"]').find((li) => li.textContent?.includes(EXOS));
    expect(exos?.querySelectorAll('meter').length).to.equal(2);
    expect(exos?.querySelector('[part~="flag-ending"]')?.textContent).to.contain('5 octobre 2026');
    const meter = exos?.querySelector('meter');
    expect(meter?.getAttribute('aria-label')).to.equal('Licences élèves\u00a0: 20 sur 60');
    const mail = all<HTMLAnchorElement>(el, '[part="support-link"]')[0];
    expect(mail?.href).to.equal('mailto:assistance@ac-demo.fr');
    const phone = all<HTMLAnchorElement>(el, '[part="support-link"]')[1];
    expect(phone?.href).to.equal('tel:0299000000');
    expect(phone?.textContent).to.equal('02 99 00 00 00');
    expect(text(el, '[part="support"]')).to.contain('Assistance GAR académique');
    await expectAccessible(el);
  });

  it('allocates a class with a preview of the copies it consumes, not charging those who already hold one', async () => {
    const { el } = await mountPanel('head');
    const changes: GarAllocationChangeEvent[] = [];
    el.addEventListener('gar-allocation-change', (e) => changes.push(e));
    await openPicker(el, MATHS);
    await typeIn(el, '[part="picker"] input[type="search"]', 'bilangue');
    await waitFor(
      () => all(el, '[part="choice"]').some((r) => r.textContent?.includes('Groupe Bilangue anglais-allemand 6e')),
      'the search result',
    );
    await el.updateComplete;
    choice(el, 'Groupe Bilangue anglais-allemand 6e').click();
    await waitFor(() => text(el, '[part="preview"]').includes('exemplaires pris'), 'the preview');
    const preview = text(el, '[part="preview"]');
    expect(preview, preview).to.contain('6 exemplaires pris sur les licences tous publics (54 disponibles)');
    expect(preview).to.contain('13 personnes ont déjà un exemplaire : pas de double décompte.');
    expect(text(el, '[part="confirm-button"]')).to.equal('Confirmer l’affectation (6 exemplaires)');
    await expectAccessible(el);
    await clickAndWait(
      el,
      one(el, '[part="confirm-button"]'),
      () => changes.length === 1 && !el.shadowRoot?.querySelector('[part="picker"]'),
      'the allocation',
    );
    await waitFor(
      () => (one(el, '[part="subscription-detail"] meter').getAttribute('aria-label') ?? '').includes('92 sur 140'),
      'the gauge to move',
    );
    expect(text(el, '[part="notice"]')).to.contain('6 exemplaires affectés, 13 déjà détenus');
    expect(changes[0]?.detail).to.include({ kind: 'allocate', uai: COLLEGE, subscriptionId: 'maths-6e_0561641E_2026' });
    expect(changes[0]?.detail.targets).to.deep.equal([{ kind: 'group', code: '6-ANG-BILANGUE' }]);
    expect(changes[0]?.detail.personIds).to.have.length(6);
    expect(
      all(el, '[part="allocation"]').some((r) => r.textContent?.includes('Groupe Bilangue anglais-allemand 6e')),
    ).to.equal(true);
  });

  it('bulk-selects every result shown and previews them together', async () => {
    const { el } = await mountPanel('head');
    await openPicker(el, MATHS);
    await typeIn(el, '[part="picker"] input[type="search"]', '6e');
    await waitFor(
      () =>
        !all(el, '[part="choice"]').some((r) => r.textContent?.includes('5e A')) &&
        all(el, '[part="choice"]').some((r) => r.textContent?.includes('6e D')),
      'the 6e results',
    );
    await el.updateComplete;
    button(el, 'Tout sélectionner').click();
    await waitFor(
      () => (text(el, '[part="picker"] [role="status"]').match(/^(\d+)/)?.[1] ?? '0') !== '0',
      'the selection',
    );
    const selected = Number(/^(\d+)/.exec(text(el, '[part="picker"] [role="status"]'))?.[1]);
    const checked = all<HTMLInputElement>(el, '[part="choice"] input').filter((i) => i.checked).length;
    expect(selected).to.be.greaterThan(4);
    expect(checked).to.equal(selected);
    await waitFor(() => !text(el, '[part="preview"]').includes('Calcul'), 'the preview');
    expect(text(el, '[part="preview"]')).to.match(/déjà un exemplaire|Licences insuffisantes/);
    button(el, 'Tout désélectionner').click();
    await el.updateComplete;
    expect(all<HTMLInputElement>(el, '[part="choice"] input').filter((i) => i.checked)).to.have.length(0);
    expect(one<HTMLButtonElement>(el, '[part="confirm-button"]').disabled).to.equal(true);
  });

  it('explains a refusal before confirming (copies left in the pool), and keeps confirm disabled', async () => {
    const { el } = await mountPanel('head');
    await openPicker(el, HISTORY);
    await typeIn(el, '[part="picker"] input[type="search"]', '6e A');
    await waitFor(() => all(el, '[part="choice"]').some((r) => r.textContent?.includes('Classe 6e A')), 'the class');
    choice(el, 'Classe 6e A').click();
    await waitFor(() => el.shadowRoot?.querySelector('[part="refusal"]') !== null, 'the refusal');
    expect(text(el, '[part="refusal"]'), text(el, '[part="refusal"]')).to.match(
      /Licences insuffisantes : il reste 4 exemplaires \(élèves\) pour \d+ demandés\./,
    );
    expect(one<HTMLButtonElement>(el, '[part="confirm-button"]').disabled).to.equal(true);
    await expectAccessible(el);
  });

  it('shows the service’s refusal in words when the licences ran out between preview and confirm', async () => {
    const { el, svc } = await mountPanel('head');
    const errors: GarErrorEvent[] = [];
    el.addEventListener('gar-error', (e) => errors.push(e));
    const other = svc.clientFor('head').console;
    const free = (await other.directory(COLLEGE, { kind: 'person', audience: 'ELEVE', limit: 200 })).people.filter(
      (p) => !p.subscriptionIds.includes('histoire-geo-3e_0561641E_2026'),
    );
    await openPicker(el, HISTORY);
    const mine = free[0]!;
    await typeIn(el, '[part="picker"] input[type="search"]', mine.lastName);
    await waitFor(
      () => all(el, '[part="choice"]').some((r) => r.textContent?.includes(`${mine.firstName} ${mine.lastName}`)),
      'the person',
    );
    choice(el, `${mine.firstName} ${mine.lastName}`).click();
    await waitFor(() => text(el, '[part="preview"]').includes('1 exemplaire pris'), 'the preview');
    await other.allocate(COLLEGE, {
      subscriptionId: 'histoire-geo-3e_0561641E_2026',
      targets: free
        .filter((p) => p.id !== mine.id)
        .slice(0, 4)
        .map((p) => ({ kind: 'person' as const, personId: p.id })),
    });
    one(el, '[part="confirm-button"]').click();
    await waitFor(() => el.shadowRoot?.querySelector('[part="notice"]') !== null, 'the refusal notice');
    await el.updateComplete;
    expect(text(el, '[part="notice"]'), text(el, '[part="notice"]')).to.contain(
      'Refusé : Licences insuffisantes : il reste 0 exemplaire (élèves) pour 1 demandé.',
    );
    expect(one(el, '[part="notice"]').getAttribute('role')).to.equal('alert');
    expect(errors.map((e) => [e.detail.operation, e.detail.code])).to.deep.equal([
      ['allocate', 'insufficient-licences'],
    ]);
    await expectAccessible(el);
  });

  it('withdraws an allocation, then undoes it from the notice', async () => {
    const { el } = await mountPanel('head');
    const kinds: string[] = [];
    el.addEventListener('gar-allocation-change', (e) => kinds.push(e.detail.kind));
    await openSubscription(el, EXOS);
    const rows = () => all(el, '[part="allocation"]').map((r) => r.querySelector('.grow')?.textContent?.trim());
    const before = rows();
    expect(before.length).to.be.greaterThan(1);
    const first = one<HTMLButtonElement>(el, '[part="allocation"] [part="withdraw-button"]');
    expect(first.getAttribute('aria-label')).to.equal(`Retirer l’affectation à ${before[0]}`);
    await clickAndWait(el, first, () => rows().length === before.length - 1, 'the withdrawal');
    expect(text(el, '[part="notice"]')).to.match(/exemplaires? retirés?/);
    await clickAndWait(
      el,
      one(el, '[part="notice"] [part="undo-button"]'),
      () => rows().length === before.length,
      'the undo',
    );
    expect(rows().sort()).to.deep.equal([...before].sort());
    expect(text(el, '[part="notice"]')).to.contain('Modification annulée');
    expect(kinds).to.deep.equal(['withdraw', 'undo']);
    const dismiss = one<HTMLButtonElement>(el, '[part="notice"] [part="dismiss-button"]');
    expect(dismiss.getAttribute('aria-label')).to.equal('Fermer ce message');
    dismiss.click();
    await el.updateComplete;
    expect(el.shadowRoot?.querySelector('[part="notice"]')).to.equal(null);
  });

  it('lists who holds a copy (searched and paged on the server) and withdraws one person’s copy', async () => {
    const { el } = await mountPanel('head');
    await openSubscription(el, EXOS);
    await waitFor(() => all(el, '[part="holder"]').length > 0, 'the holders');
    expect(text(el, '#holders-title')).to.equal('Titulaires d’un exemplaire (21)');
    expect(all(el, '[part="holder"]')).to.have.length(21);
    const first = all(el, '[part="holder"] .grow')[0]?.textContent?.trim() ?? '';
    const last = first.split(' ').slice(1).join(' ');
    await typeIn(el, '[part="subscription-detail"] [part="search"]:not([part="picker"] *)', last);
    await waitFor(() => all(el, '[part="holder"]').length >= 1 && all(el, '[part="holder"]').length < 22, 'the search');
    const row = all(el, '[part="holder"]').find((r) => r.querySelector('.grow')?.textContent?.trim() === first);
    await clickAndWait(
      el,
      row!.querySelector<HTMLButtonElement>('[part="withdraw-button"]')!,
      () => !all(el, '[part="holder"] .grow').some((x) => x.textContent?.trim() === first),
      'the withdrawal',
    );
    expect(text(el, '[part="notice"]')).to.contain('1 exemplaire retiré');
    await waitFor(
      () =>
        (one(el, '[part="subscription-detail"] meter').getAttribute('aria-label') ?? '').includes('19 sur 60') ||
        (all(el, '[part="subscription-detail"] meter')[1]?.getAttribute('aria-label') ?? '').includes('1 sur 4'),
      'a gauge to go down',
    );
  });

  it('transfers a holder’s copy to another pupil, previewing that the freed copy is reused', async () => {
    const { el, svc } = await mountPanel('head');
    const changes: string[] = [];
    el.addEventListener('gar-allocation-change', (e) => changes.push(e.detail.kind));
    const other = (
      await svc.clientFor('head').console.directory(COLLEGE, { kind: 'person', audience: 'ELEVE', limit: 200 })
    ).people.find((p) => !p.subscriptionIds.includes('maths-6e_0561641E_2026'))!;
    await openSubscription(el, MATHS);
    await waitFor(() => all(el, '[part="holder"]').length > 0, 'the holders');
    const holder = all(el, '[part="holder"] .grow')[0]!.textContent!.trim();
    const transfer = one<HTMLButtonElement>(el, '[part="holder"] [part="transfer-button"]');
    expect(transfer.getAttribute('aria-label')).to.equal(`Transférer l’exemplaire de ${holder}`);
    transfer.click();
    await waitFor(
      () => text(el, '#draft-title') === `Transférer l’exemplaire de ${holder} (${MATHS})`,
      'the transfer picker',
    );
    await typeIn(el, '[part="picker"] [part="search"]', other.lastName);
    const name = `${other.firstName} ${other.lastName}`;
    await waitFor(
      () => all(el, '[part="choice"]').some((r) => r.querySelector('.grow')?.textContent?.trim() === name),
      'the pupil',
    );
    choice(el, name).click();
    await waitFor(() => text(el, '[part="preview"]').includes('1 exemplaire pris'), 'the preview');
    expect(text(el, '[part="preview"]')).to.contain('1 exemplaire pris sur les licences tous publics (55 disponibles)');
    expect(text(el, '[part="confirm-button"]')).to.equal('Confirmer le transfert (1 exemplaire)');
    await clickAndWait(
      el,
      one(el, '[part="confirm-button"]'),
      () => text(el, '[part="notice"]').includes('Exemplaire transféré'),
      'the transfer',
    );
    expect(text(el, '[part="notice"]')).to.contain('Exemplaire transféré : 1 personne servie.');
    expect(changes).to.deep.equal(['move']);
    const after = (await svc.clientFor('head').console.directory(COLLEGE, { personIds: other.id })).people[0];
    expect(after?.subscriptionIds).to.include('maths-6e_0561641E_2026');
    await waitFor(
      () => !all(el, '[part="holder"] .grow').some((x) => x.textContent?.trim() === holder),
      'the former holder to leave the list',
    );
  });

  it('speaks English when lang changes at run time', async () => {
    const { el } = await mountPanel('head');
    el.lang = 'en';
    await el.updateComplete;
    expect(text(el, '[part="title"]')).to.equal('Allocation console');
    expect(all(el, '[role="tab"]').map((t) => t.textContent?.trim())).to.deep.equal([
      'By resource',
      'By population',
      'Dashboard',
      'History',
      'Delegations',
      'Subscriptions',
      'Synchronisation',
      'Notifications',
    ]);
    expect(all(el, 'meter')[0]?.getAttribute('aria-label')).to.match(/^Licences for /);
    await expectAccessible(el);
  });
});
