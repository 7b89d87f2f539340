// <gar-allocation-panel> at the demo's école (fed in 1D): the director, who also teaches the CM2.
import { expect } from 'chai';
import type { GarAllocationPanel } from '../src/allocation-panel/allocation-panel.js';
import {
  all,
  cleanupPanels,
  clickAndWait,
  mountPanel,
  one,
  openSubscription,
  settledPanel,
  text,
} from './allocation-panel-helpers.js';
import { expectAccessible, waitFor } from './helpers.js';

afterEach(cleanupPanels);

const CALCUL = 'Calcul malin – cycles 2 et 3';
const IMAGIER = 'Imagier sonore';
const notice = (el: GarAllocationPanel) => text(el, '[part="notice"]');
const allocationRows = (el: GarAllocationPanel) => all(el, '[part="allocation"]').map((r) => r.textContent ?? '');

describe('<gar-allocation-panel> at an école', () => {
  it('says the director’s two roles: manager of the école and teacher of the CM2', async () => {
    const { el } = await mountPanel('ecole-director');
    expect(el.school).to.equal('0561800C');
    expect(el.managerRole).to.equal('manager');
    expect(text(el, '[part="school"]')).to.equal('École élémentaire Les Korrigans');
    const roles = all(el, '[part~="role"]').map((r) => r.textContent?.trim());
    expect(roles).to.deep.equal(['Direction de l’école', 'Votre classe\u202f: CM2']);
    expect(one(el, '[part="roles"]').getAttribute('aria-label')).to.equal('Vos deux rôles à l’école');
    await expectAccessible(el);
  });

  it('hides the librarian pool and audience, which an école has not', async () => {
    const { el } = await mountPanel('ecole-director');
    await openSubscription(el, IMAGIER);
    const gauges = all(el, '[part="subscription-detail"] [part="gauge"]').map((g) => g.textContent ?? '');
    expect(gauges.length).to.equal(3);
    expect(gauges.join(' ')).to.not.contain('documentalistes');
    one<HTMLButtonElement>(el, '[part="allocate-button"]').click();
    await el.updateComplete;
    const population = all(el, '[part="population"] label').map((l) => l.textContent?.trim());
    expect(population).to.deep.equal(['élèves', 'enseignants', 'autres personnels']);
    await waitFor(() => all(el, '[part="choice"]').length > 0, 'the picker');
    expect(
      all(el, '[part="choice"]')
        .map((c) => c.textContent ?? '')
        .join(' '),
    ).to.not.contain('documentalistes');
    await expectAccessible(el);
  });

  it('gives a new subscription to every class in two clicks: the subscription, then « Donner à toutes mes classes »', async () => {
    const { el } = await mountPanel('ecole-director');
    let clicks = 0;
    el.shadowRoot!.addEventListener('click', () => clicks++, { capture: true });
    await openSubscription(el, CALCUL);
    expect(allocationRows(el)).to.deep.equal([]);
    const give = one<HTMLButtonElement>(el, '[part="give-all-button"]');
    expect(give.textContent?.trim()).to.equal('Donner à toutes mes classes');
    await waitFor(() => text(el, '#give-all-hint').includes('5 classes'), 'the count of classes');
    expect(text(el, '#give-all-hint')).to.equal('Les élèves et les enseignants des 5 classes de l’école.');
    await clickAndWait(el, give, () => notice(el) !== '', 'the notice');
    expect(clicks).to.equal(2);
    expect(notice(el)).to.match(
      /^Calcul malin – cycles 2 et 3 est donné à 5 classes : \d+ personnes l’ont maintenant\./,
    );
    await waitFor(() => allocationRows(el).length === 5, 'five allocations');
    for (const label of ['CP', 'CE1', 'CE2', 'CM1', 'CM2'])
      expect(
        allocationRows(el).some((r) => r.includes(`Classe ${label}`)),
        label,
      ).to.equal(true);
    // The change can be undone from the notice, like any other.
    expect(all(el, '[part="notice"] [part="undo-button"]').length).to.equal(1);
    await expectAccessible(el);
  });

  it('gives to the director’s own class in one click', async () => {
    const { el } = await mountPanel('ecole-director');
    await openSubscription(el, CALCUL);
    const mine = one<HTMLButtonElement>(el, '[part="give-mine-button"]');
    expect(mine.textContent?.trim()).to.equal('Donner à ma classe');
    expect(text(el, '#give-mine-hint')).to.equal('Les élèves de CM2.');
    await clickAndWait(el, mine, () => notice(el) !== '', 'the notice');
    expect(notice(el), notice(el)).to.match(/est donné à CM2 : \d+ personnes l’ont maintenant/);
    await waitFor(() => allocationRows(el).length === 1, 'one allocation');
    expect(allocationRows(el)[0]).to.contain('CM2');
  });

  it('speaks English', async () => {
    await import('../src/lang-en.js');
    const { el } = await mountPanel('ecole-director', { setup: (x) => (x.lang = 'en') });
    await settledPanel(el);
    expect(all(el, '[part~="role"]').map((r) => r.textContent?.trim())).to.deep.equal([
      'School director',
      'Your class: CM2',
    ]);
    await openSubscription(el, CALCUL);
    expect(one(el, '[part="give-all-button"]').textContent?.trim()).to.equal('Give to all my classes');
    expect(one(el, '[part="give-mine-button"]').textContent?.trim()).to.equal('Give to my class');
  });

  it('shows none of it at a collège', async () => {
    const { el } = await mountPanel('head');
    expect(all(el, '[part="roles"]').length).to.equal(0);
    await openSubscription(el, 'Français 5e – manuel numérique');
    expect(all(el, '[part="quick-give"]').length).to.equal(0);
    expect(text(el, '[part="subscription-detail"] .gauges')).to.contain('documentalistes');
  });
});
