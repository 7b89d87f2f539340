import { expect } from 'chai';
import { ISSUER, cleanup, expectAccessible, mountWithClient, stubClient, listedResource } from './helpers.js';

afterEach(cleanup);

const resource = (id: string, grainOrigins?: string[]) =>
  listedResource({
    id: `ark:/1/${id}`,
    name: id,
    validUntil: '2027-08-31T21:59:59Z',
    ...(grainOrigins ? { grainOrigins } : {}),
  });
const listing = {
  school: { uai: '0561641E', name: 'Collège' },
  schools: [{ uai: '0561641E', name: 'Collège' }],
  launchUrl: `${ISSUER}/launch`,
  resources: [resource('Manuel', ['https://lecture.editeur.example']), resource('Dico')],
};
const b64 = (s: string) => btoa(s);

/** Replaces the clipboard for the test; returns what was written. */
function fakeClipboard(fail = false): string[] {
  const written: string[] = [];
  Object.defineProperty(navigator, 'clipboard', {
    configurable: true,
    value: { writeText: async (t: string) => (fail ? Promise.reject(new Error('denied')) : void written.push(t)) },
  });
  return written;
}

const status = (el: HTMLElement) => el.shadowRoot?.querySelector('[part~="status"]')?.textContent?.trim();
const tileButton = (el: HTMLElement, name: string, part: string) =>
  [...(el.shadowRoot?.querySelectorAll<HTMLElement>('.grid .tile') ?? [])]
    .find((t) => t.querySelector('[part~="tile-name"]')?.textContent?.trim() === name)
    ?.querySelector<HTMLButtonElement>(`[part~="${part}"]`);

describe('<gar-mediacentre> copy a link', () => {
  it('the tile copies the link to the resource (no token, no ENT) and says so', async () => {
    const written = fakeClipboard();
    const el = await mountWithClient(stubClient(listing));
    const button = tileButton(el, 'Manuel', 'copy-link-tile-button')!;
    expect(button.getAttribute('aria-label')).to.equal('Copier le lien vers Manuel');
    button.click();
    await new Promise((r) => setTimeout(r, 0));
    await (el as unknown as { updateComplete: Promise<unknown> }).updateComplete;
    expect(written).to.deep.equal([`${ISSUER}/launch?idRessource=${encodeURIComponent(b64('ark:/1/Manuel'))}`]);
    expect(status(el)).to.equal('Lien vers «\u202fManuel\u202f» copié.');
    await expectAccessible(el);
  });

  it('says when the browser refuses to copy', async () => {
    fakeClipboard(true);
    const el = await mountWithClient(stubClient(listing));
    tileButton(el, 'Dico', 'copy-link-tile-button')!.click();
    await new Promise((r) => setTimeout(r, 0));
    await (el as unknown as { updateComplete: Promise<unknown> }).updateComplete;
    expect(status(el)).to.match(/^Copie impossible/);
  });

  it('the details view offers the link, and a link to a page where the publisher offers pages; refuses a foreign page', async () => {
    const written = fakeClipboard();
    const el = await mountWithClient(stubClient(listing));
    const update = () => (el as unknown as { updateComplete: Promise<unknown> }).updateComplete;
    tileButton(el, 'Manuel', 'details-button')!.click();
    await update();
    const root = el.shadowRoot!;
    expect(root.querySelector<HTMLInputElement>('[part~="share-link"]')!.value).to.contain('idRessource=');
    const address = root.querySelector<HTMLInputElement>('[part~="page-address"]')!;
    address.value = 'https://evil.example/chapitre/3';
    address.dispatchEvent(new Event('input'));
    await update();
    root.querySelector<HTMLButtonElement>('[part~="copy-page-button"]')!.click();
    await update();
    expect(root.querySelector('[part~="page-error"]')?.textContent).to.contain('pas sur le site');
    expect(address.getAttribute('aria-invalid')).to.equal('true');
    expect(written).to.deep.equal([]);
    await expectAccessible(el);
    address.value = 'https://lecture.editeur.example/chapitre/3?page=42';
    address.dispatchEvent(new Event('input'));
    await update();
    root.querySelector<HTMLButtonElement>('[part~="copy-page-button"]')!.click();
    await new Promise((r) => setTimeout(r, 0));
    await update();
    const link = new URL(written[0]!);
    expect(link.searchParams.get('grain')).to.equal('https://lecture.editeur.example/chapitre/3?page=42');
    expect(status(el)).to.contain('une page de');
    await expectAccessible(el);
  });

  it('a resource that offers no pages has no page field', async () => {
    fakeClipboard();
    const el = await mountWithClient(stubClient(listing));
    tileButton(el, 'Dico', 'details-button')!.click();
    await (el as unknown as { updateComplete: Promise<unknown> }).updateComplete;
    expect(el.shadowRoot!.querySelector('[part~="share-link"]')).to.exist;
    expect(el.shadowRoot!.querySelector('[part~="page-address"]')).to.equal(null);
  });
});
