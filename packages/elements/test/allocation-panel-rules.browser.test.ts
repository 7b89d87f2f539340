import { expect } from 'chai';
import { HISTORY_ID } from './allocation-panel-service.js';
import {
  all,
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

describe('<gar-allocation-panel> licence rules and suggestions', () => {
  afterEach(cleanupPanels);

  it('a new subscription is on the dashboard as not allocated, with suggestions accepted in one click (and undoable)', async () => {
    const { el } = await mountPanel('head', { fresh: true, setup: (e) => (e.tab = 'dashboard') });
    expect(text(el, '[part~="not-allocated"]')).to.contain('Le Dictionnaire scolaire');
    const accept = all<HTMLButtonElement>(el, '[part="accept-button"]');
    expect(accept.length).to.be.greaterThan(0);
    const librarians = accept.find((b) => b.textContent?.includes('documentalistes'));
    expect(librarians, 'the librarians suggestion').to.not.equal(undefined);
    await expectAccessible(el);
    const before = accept.length;
    await clickAndWait(el, librarians!, () => text(el, '[part="notice"]').includes('affecté'), 'the allocation');
    await waitFor(() => all(el, '[part="accept-button"]').length < before, 'the suggestions to shrink');
    expect(text(el, '[part="notice"]')).to.match(/^\d+ exemplaires? affectés?/);
    await clickAndWait(
      el,
      one(el, '[part="notice"] [part="undo-button"]'),
      () => text(el, '[part="notice"]').includes('Modification annulée'),
      'the undo',
    );
  });

  it('suggestions say whom and how many in words, and “Tout accepter” accepts them all', async () => {
    const { el } = await mountPanel('head', { fresh: true, setup: (e) => (e.tab = 'dashboard') });
    await waitFor(() => all(el, '[part="suggestion"]').length > 0, 'the suggestions');
    const words = all(el, '[part="suggestion"]').map((s) => s.textContent ?? '');
    for (const w of words) {
      expect(w).to.not.match(/\blevel\b|subject-teachers|librarians/);
      expect(w).to.match(/\d+ licences?/);
    }
    await expectAccessible(el);
    await clickAndWait(
      el,
      one(el, '[part="accept-all-button"]'),
      () => /suggestions? acceptées?/.test(text(el, '[part="notice"]')),
      'the acceptance',
    );
    expect(text(el, '[part="notice"]')).to.contain('Chacune s’annule dans l’historique');
    await waitFor(() => all(el, '[part="accept-button"]').length === 0, 'the suggestions to go');
    await expectAccessible(el);
  });

  it('the population comes first: a class gives to its pupils, its teachers when chosen, with a preview per audience', async () => {
    const { el } = await mountPanel('head');
    await openPicker(el, 'Mathématiques 6e – manuel numérique');
    const pop = all<HTMLInputElement>(el, '[part="population-audience"]');
    expect(pop.map((i) => [i.closest('label')?.textContent?.trim(), i.checked, i.disabled])).to.deep.equal([
      ['élèves', true, true],
      ['enseignants', false, false],
    ]);
    await typeIn(el, '[part="picker"] [part="search"]', '6e D');
    await waitFor(() => all(el, '[part="choice"]').some((r) => r.textContent?.includes('Classe 6e D')), 'the class');
    choice(el, 'Classe 6e D').click();
    await waitFor(() => all(el, '[part="audience-preview"]').length === 1, 'the pupils’ preview');
    expect(text(el, '[part="audience-preview"]')).to.match(/^élèves : \d+ exemplaires, il en restera \d+$/);
    pop[1]!.click();
    await waitFor(() => all(el, '[part="audience-preview"]').length === 2, 'the teachers’ preview');
    const teachers = all(el, '[part="audience-preview"]')[1]!.textContent?.trim() ?? '';
    expect(teachers, teachers).to.match(/^enseignants\u00a0: \d+ exemplaires?, il en restera \d+$/);
    await expectAccessible(el);
    await clickAndWait(
      el,
      one(el, '[part="confirm-button"]'),
      () => text(el, '[part="notice"]').includes('affectés'),
      'the allocation',
    );
    await waitFor(() => el.shadowRoot?.activeElement?.getAttribute('part') === 'notice', 'focus on the notice');
  });

  it('with the teachers in the population, the teachers of a subject are a choice: its classes, previewed, allocated', async () => {
    const { el } = await mountPanel('head');
    await openPicker(el, 'Mathématiques 6e – manuel numérique');
    expect(all(el, '[part~="subject-choice"]'), 'no subject without the teachers').to.have.length(0);
    all<HTMLInputElement>(el, '[part="population-audience"]')[1]!.click();
    await waitFor(() => all(el, '[part~="subject-choice"]').length > 0, 'the subjects');
    const rows = all(el, '[part~="subject-choice"]');
    const row =
      rows.find((r) => (r.querySelector('.grow')?.textContent ?? '').startsWith('Enseignants de ')) ?? rows[0]!;
    expect(row.querySelector('.muted')?.textContent).to.match(
      /^\d+ enseignants?, \d+ (classe ou groupe|classes ou groupes)$/,
    );
    row.querySelector<HTMLInputElement>('input')!.click();
    await waitFor(() => all(el, '[part="audience-preview"]').length === 1, 'the teachers’ preview');
    const preview = one(el, '[part="audience-preview"]').textContent?.trim() ?? '';
    expect(preview, preview).to.match(/^enseignants\u00a0: \d+ exemplaires?, il en restera \d+$/);
    expect(text(el, '[part="picker"] [role="status"]')).to.match(/^1 /);
    all<HTMLInputElement>(el, '[part="population-audience"]')[1]!.click();
    await waitFor(
      () => all(el, '[part~="subject-choice"]').length === 1,
      'only the chosen subject without the teachers',
    );
    expect(one<HTMLInputElement>(el, '[part~="subject-choice"] input').checked).to.equal(true);
    await waitFor(() => !text(el, '[part="preview"]').includes('Calcul'), 'the preview');
    expect(all(el, '[part="audience-preview"]')).to.have.length(1);
    const divisions = all<HTMLInputElement>(el, '[part="subject-division"]');
    if (divisions.length > 1) {
      expect(
        divisions.every((d) => d.checked),
        'every class at first',
      ).to.equal(true);
      divisions[0]!.click();
      await waitFor(() => !all<HTMLInputElement>(el, '[part="subject-division"]')[0]!.checked, 'one class fewer');
      await waitFor(
        () => all(el, '[part="audience-preview"]').length <= 1 && !text(el, '[part="preview"]').includes('Calcul'),
        'the new preview',
      );
      expect(text(el, '[part="picker"] [role="status"]')).to.match(/^1 /);
    }
    await expectAccessible(el);
    await clickAndWait(
      el,
      one(el, '[part="confirm-button"]'),
      () => /affectés?/.test(text(el, '[part="notice"]')),
      'the allocation',
    );
    const subject = row.querySelector('.grow')!.textContent!.trim();
    await waitFor(
      () => all(el, '[part="allocation"]').some((r) => r.textContent?.includes(`${subject} (`)),
      'the allocation listed by its subject’s name',
    );
    await expectAccessible(el);
  });

  it('a level is a choice of the picker: every pupil at it, previewed', async () => {
    const { el } = await mountPanel('head');
    await openPicker(el, 'Mathématiques 6e – manuel numérique');
    await waitFor(
      () => all(el, '[part="choice"]').some((r) => r.textContent?.includes('Tous les élèves de 6e')),
      'the level',
    );
    choice(el, 'Tous les élèves de 6e').click();
    await waitFor(() => all(el, '[part="audience-preview"]').length === 1, 'the preview');
    expect(text(el, '[part="audience-preview"]')).to.match(/^élèves : \d+ exemplaires?, il en restera \d+$/);
    await expectAccessible(el);
  });

  it('an over-allocated subscription is flagged, and allocating to it is refused with what to withdraw', async () => {
    const { el } = await mountPanel('head', { overAllocated: true });
    const atelier = all(el, '[part="subscription"]').find((li) =>
      li.textContent?.includes('Atelier de création multimédia'),
    );
    expect(atelier?.querySelector('[part~="flag-over"]')?.textContent).to.equal('Sur-affecté');
    expect(atelier?.querySelector('.gauge.over')).to.not.equal(null);
    await openSubscription(el, 'Atelier de création multimédia');
    await clickAndWait(
      el,
      one(el, '[part="allocate-button"]'),
      () => all(el, '[part="choice"]').length > 0,
      'the picker',
    );
    all<HTMLInputElement>(el, '[part="choice"] input')[0]!.click();
    await waitFor(() => text(el, '[part="refusal"]') !== '', 'the refusal');
    expect(text(el, '[part="refusal"]')).to.equal(
      'Refusé : Abonnement sur-affecté : 3 exemplaires utilisés pour 2 licences (tous publics). Retirez-en 1 avant toute nouvelle affectation.',
    );
    await expectAccessible(el);
  });

  it('a non-transferable copy its holder opened cannot be withdrawn: the refusal says why', async () => {
    const { el, svc } = await mountPanel('head', { opened: true, setup: (e) => (e.tab = 'population') });
    const who = svc.openedBy;
    expect(who).to.be.a('string');
    const person = (await svc.clientFor('head').console.directory('0561641E', { personIds: who ?? '' })).people[0]!;
    await typeIn(el, '[part="population-finder"] input', person.lastName);
    const name = `${person.firstName} ${person.lastName}`;
    await waitFor(() => all(el, '[part="population-choice"]').some((b) => b.textContent?.includes(name)), 'the pupil');
    all<HTMLButtonElement>(el, '[part="population-choice"]')
      .find((b) => b.textContent?.includes(name))
      ?.click();
    await waitFor(
      () =>
        all(el, '[part="population-detail"] [part="withdraw-button"]').some((b) =>
          b.getAttribute('aria-label')?.includes('Histoire'),
        ),
      'the history copy',
    );
    const errors: string[] = [];
    el.addEventListener('gar-error', (e) => errors.push(e.detail.code));
    all<HTMLButtonElement>(el, '[part="population-detail"] [part="withdraw-button"]')
      .find((b) => b.getAttribute('aria-label')?.includes('Histoire'))
      ?.click();
    await waitFor(() => text(el, '[part="notice"]') !== '', 'the refusal');
    expect(text(el, '[part="notice"]')).to.contain('Refusé : Exemplaire non cessible déjà ouvert par son titulaire');
    expect(errors).to.deep.equal(['not-withdrawable']);
    const still = await svc.clientFor('head').console.directory('0561641E', { personIds: who ?? '' });
    expect(still.people[0]?.subscriptionIds).to.include(HISTORY_ID);
    expect(all(el, '[part="population-detail"] .row .grow').map((x) => x.textContent?.trim())).to.include(
      'Histoire-géographie 3e',
    );
  });

  it('a pupil named for a staff-only subscription: the audience is not covered, said before confirming', async () => {
    const { el } = await mountPanel('head');
    await openSubscription(el, 'Atelier de création multimédia');
    await clickAndWait(
      el,
      one(el, '[part="allocate-button"]'),
      () => all(el, '[part="choice"]').length > 0,
      'the picker',
    );
    await typeIn(el, '[part="picker"] input[type="search"]', 'Le Goff');
    await waitFor(() => all(el, '[part="choice"]').some((r) => r.textContent?.includes('Emma Le Goff')), 'the pupil');
    all(el, '[part="choice"]')
      .find((r) => r.textContent?.includes('Emma Le Goff'))
      ?.querySelector('input')
      ?.click();
    await waitFor(() => text(el, '[part="refusal"]') !== '', 'the refusal');
    expect(text(el, '[part="refusal"]')).to.equal('Refusé : Cet abonnement ne couvre pas le public « élèves ».');
    expect(one<HTMLButtonElement>(el, '[part="confirm-button"]').disabled).to.equal(true);
  });
});
