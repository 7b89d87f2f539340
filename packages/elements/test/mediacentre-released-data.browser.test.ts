// « Données transmises » in the médiacentre's details view: the service's answer (the hand-off's own release) in
// words, tu to a pupil and vous to an adult, French and English, axe-clean, and a sentence when it cannot be read.
import { expect } from 'chai';
import '../src/lang-en.js';
import type { GarMediacentre } from '../src/mediacentre/mediacentre.js';
import {
  ISSUER,
  cleanup,
  expectAccessible,
  mountWithProvider,
  q,
  serviceClient,
  shadow,
  stubClient,
  mountWithClient,
  waitFor,
  listedResource,
} from './helpers.js';

afterEach(cleanup);

async function openDetails(el: GarMediacentre, index = 0): Promise<HTMLElement> {
  const buttons = shadow(el).querySelectorAll<HTMLElement>('.grid .tile:not([hidden]) [part="details-button"]');
  buttons[index]?.click();
  await el.updateComplete;
  await waitFor(
    () => shadow(el).querySelector('[part="released-data"]')?.getAttribute('aria-busy') === 'false',
    'released data',
  );
  return q(el, '[part="released-data"]');
}

const names = (section: HTMLElement) => [...section.querySelectorAll('li')].map((li) => li.dataset.attribute);

describe('<gar-mediacentre> « données transmises »', () => {
  it('tells a pupil, in tu, exactly what the service says the resource receives', async () => {
    const { el } = await mountWithProvider('pupil');
    const section = await openDetails(el);
    const resourceId = el.visibleResources[0]?.id ?? '';
    const client = await serviceClient('pupil');
    const truth = await client.releasedData(resourceId);
    expect(names(section)).to.deep.equal(truth.attributes);
    expect(truth.address).to.equal('tu');
    expect(section.querySelector('h4')?.textContent).to.equal('Données transmises');
    expect(section.textContent).to.contain('un identifiant qui ne te désigne qu’auprès de cet éditeur');
    expect(section.textContent).to.contain('Quand tu ouvres cette ressource');
    expect(section.textContent).to.contain('ni ton identifiant de l’ENT');
    if (truth.attributes.includes('UAI')) expect(section.textContent).to.contain('ton établissement');
    await expectAccessible(el);
  });

  it('speaks English when the element is in English', async () => {
    const { el } = await mountWithProvider('pupil', (m) => (m.lang = 'en'));
    const section = await openDetails(el);
    expect(section.querySelector('h4')?.textContent).to.equal('Data shared');
    expect(section.textContent).to.contain('an identifier that refers to you for this publisher only');
    expect(section.textContent).to.not.contain('établissement');
    await expectAccessible(el);
  });

  it('says vous to a teacher', async () => {
    const { el } = await mountWithProvider('teacher');
    const section = await openDetails(el);
    expect(section.textContent).to.contain('Quand vous ouvrez cette ressource');
    expect(section.textContent).to.contain('un identifiant qui ne vous désigne qu’auprès de cet éditeur');
    await expectAccessible(el);
  });

  it('shows a sentence when the service cannot say, and the details stay usable', async () => {
    const school = { uai: '0561641E', name: 'Collège' };
    const listed = listedResource({
      id: 'ark:/1/r',
      name: 'Ressource',
      publisherName: 'Éditions',
      validUntil: '2027-08-15T21:59:59Z',
    });
    const client = stubClient({ school, schools: [school], resources: [listed], launchUrl: `${ISSUER}/launch` });
    const el = await mountWithClient({ ...client, releasedData: () => Promise.reject(new Error('down')) });
    const section = await openDetails(el);
    expect(section.textContent).to.contain('ne peuvent pas être affichées');
    expect(q(el, '[part="open-button"]')).to.not.equal(null);
    await expectAccessible(el);
  });
});

describe('<gar-mediacentre> terms and notice links', () => {
  it('links the deployment’s terms and notice when safe, in the element’s language, axe-clean', async () => {
    const { el } = await mountWithProvider('pupil', (m) => {
      m.setAttribute('terms-url', 'https://ac.example/cgu');
      m.setAttribute('notice-url', '/mentions');
    });
    const nav = q(el, '[part="legal"]');
    const links = [...nav.querySelectorAll('a')];
    expect(links.map((a) => a.textContent)).to.deep.equal(['Conditions d’utilisation', 'Mentions d’information']);
    expect(links[0]?.getAttribute('href')).to.equal('https://ac.example/cgu');
    expect(links[1]?.getAttribute('href')).to.equal(new URL('/mentions', location.href).href);
    expect(links[0]?.getAttribute('rel')).to.equal('noopener noreferrer');
    await expectAccessible(el);
    el.lang = 'en';
    await el.updateComplete;
    expect(q(el, '[part="legal"] a').textContent).to.equal('Terms of use');
  });

  it('shows nothing for unsafe or absent links', async () => {
    const { el } = await mountWithProvider('pupil', (m) => {
      m.setAttribute('terms-url', 'javascript:alert(1)');
      m.setAttribute('notice-url', '//evil.example/x');
    });
    expect(shadow(el).querySelector('[part="legal"]')).to.equal(null);
    el.setAttribute('terms-url', 'http://ac.example/cgu');
    await el.updateComplete;
    expect(shadow(el).querySelector('[part="legal"]')).to.equal(null);
  });
});
