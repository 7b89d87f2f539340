import { expect } from 'chai';
import { ISSUER, cleanup, expectAccessible, mountWithClient, stubClient, listedResource } from './helpers.js';

afterEach(cleanup);

const NOW = Date.parse('2026-09-15T08:00:00Z');
const resource = (id: string, validFrom: string, validUntil: string) =>
  listedResource({
    id: `ark:/1/${id}`,
    name: id,
    validFrom,
    validUntil,
  });
const listing = {
  school: { uai: '0561641E', name: 'Collège' },
  schools: [{ uai: '0561641E', name: 'Collège' }],
  launchUrl: `${ISSUER}/launch`,
  resources: [
    resource('Arrivé', '2026-09-01T00:00:00Z', '2027-08-31T21:59:59Z'),
    resource('Ancien', '2025-09-01T00:00:00Z', '2027-08-31T21:59:59Z'),
    resource('Finissant', '2025-09-01T00:00:00Z', '2026-10-01T21:59:59Z'),
  ],
};

describe('<gar-mediacentre> marks', () => {
  it('marks tiles “Nouveau” (30 days or less) and “Bientôt terminé” (ends within 30 days); axe-clean', async () => {
    const el = await mountWithClient(stubClient(listing), (e) => {
      e.now = () => NOW;
    });
    const marks = [...(el.shadowRoot?.querySelectorAll('.grid .tile') ?? [])].map((t) => [
      t.querySelector('[part~="tile-name"]')?.textContent?.trim(),
      t.querySelector('[part~="tile-mark"]')?.textContent?.trim() ?? '',
    ]);
    expect(marks).to.deep.equal([
      ['Ancien', ''],
      ['Arrivé', 'Nouveau'],
      ['Finissant', 'Bientôt terminé'],
    ]);
    await expectAccessible(el);
  });
});
