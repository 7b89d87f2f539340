// « Données transmises » for heads in the console: per subscription, what its resource can receive about a pupil and
// about staff (the service's answer, the hand-off's own release), in a disclosure, French and English, axe-clean.
import { expect } from 'chai';
import '../src/define-all.js';
import { all, cleanupPanels, mountPanel, one, openSubscription } from './allocation-panel-helpers.js';
import { expectAccessible, waitFor } from './helpers.js';

const MATHS = 'Mathématiques 6e – manuel numérique';

describe('<gar-allocation-panel> « données transmises »', () => {
  afterEach(cleanupPanels);

  it('shows a head what the resource receives about a pupil and about staff, never a pupil’s e-mail', async () => {
    const { el } = await mountPanel('head');
    await openSubscription(el, MATHS);
    await waitFor(() => one(el, '[part="released-data"]').getAttribute('aria-busy') === 'false', 'released data');
    const box = one<HTMLDetailsElement>(el, '[part="released-data"]');
    expect(box.querySelector('summary')?.textContent).to.equal('Données transmises');
    box.open = true;
    await el.updateComplete;
    const lists = [...box.querySelectorAll('ul')];
    expect(lists.length).to.equal(2);
    const pupil = [...(lists[0]?.querySelectorAll('li') ?? [])].map((li) => li.dataset.attribute);
    const staff = [...(lists[1]?.querySelectorAll('li') ?? [])].map((li) => li.dataset.attribute);
    expect(pupil[0]).to.equal('IDO');
    expect(staff[0]).to.equal('IDO');
    expect(pupil).to.not.include('P_MEL');
    expect(box.textContent).to.contain('un identifiant propre à cet éditeur');
    expect(box.textContent).to.contain('Sur un élève\u202f:');
    await expectAccessible(el);
  });

  it('speaks English', async () => {
    const { el } = await mountPanel('head', { setup: (p) => (p.lang = 'en') });
    const button = all<HTMLButtonElement>(el, '[part="subscription-button"]')[0];
    button?.click();
    await el.updateComplete;
    await waitFor(() => one(el, '[part="released-data"]').getAttribute('aria-busy') === 'false', 'released data');
    const box = one<HTMLDetailsElement>(el, '[part="released-data"]');
    box.open = true;
    expect(box.querySelector('summary')?.textContent).to.equal('Data shared');
    expect(box.textContent).to.contain('About a pupil:');
    await expectAccessible(el);
  });

  it('says so in a sentence when the service cannot answer, and the detail stays usable', async () => {
    const { el } = await mountPanel('head', {
      wrapFetch: (f) => (req) =>
        new URL(req.url).pathname.endsWith('/released-data')
          ? Promise.resolve(new Response(null, { status: 403 }))
          : f(req),
    });
    await openSubscription(el, MATHS);
    await waitFor(() => one(el, '[part="released-data"]').getAttribute('aria-busy') === 'false', 'released data');
    const box = one<HTMLDetailsElement>(el, '[part="released-data"]');
    box.open = true;
    expect(box.textContent).to.contain('ne peuvent pas être affichées');
    expect(one(el, '[part="allocate-button"]')).to.not.equal(null);
  });
});
