// <gar-mediacentre variant="young">: an école's CP pupil (the demo's école, fed in 1D) on a shared class device.
import type { FetchLike } from '@opengar/sdk';
import { sendKeys } from '@web/test-runner-commands';
import { expect } from 'chai';
import type { GarMediacentre } from '../src/mediacentre/mediacentre.js';
import {
  ISSUER,
  cleanup,
  expectAccessible,
  interceptSubmit,
  mountWithClient,
  mountWithProvider,
  shadow,
  stubClient,
  waitFor,
  listedResource,
} from './helpers.js';

afterEach(cleanup);

type Spoken = { text: string; lang: string };

/** Installs a speech synthesis stub on the window; returns what it was asked to say and a restore function. */
function stubSpeech(): { spoken: Spoken[]; restore: () => void } {
  const spoken: Spoken[] = [];
  const w = window as unknown as Record<string, unknown>;
  const before = { synth: Object.getOwnPropertyDescriptor(window, 'speechSynthesis'), u: w.SpeechSynthesisUtterance };
  class FakeUtterance {
    lang = '';
    rate = 1;
    constructor(readonly text: string) {}
  }
  Object.defineProperty(window, 'speechSynthesis', {
    configurable: true,
    value: { speak: (u: FakeUtterance) => spoken.push({ text: u.text, lang: u.lang }), cancel: () => {} },
  });
  w.SpeechSynthesisUtterance = FakeUtterance;
  return {
    spoken,
    restore: () => {
      if (before.synth) Object.defineProperty(window, 'speechSynthesis', before.synth);
      else delete w.speechSynthesis;
      w.SpeechSynthesisUtterance = before.u;
    },
  };
}

/** Makes the page a browser without speech synthesis while `run` runs. */
async function withoutSpeech(run: () => Promise<void>): Promise<void> {
  const w = window as unknown as Record<string, unknown>;
  const synth = Object.getOwnPropertyDescriptor(window, 'speechSynthesis');
  const u = w.SpeechSynthesisUtterance;
  Object.defineProperty(window, 'speechSynthesis', { configurable: true, value: undefined });
  w.SpeechSynthesisUtterance = undefined;
  try {
    await run();
  } finally {
    if (synth) Object.defineProperty(window, 'speechSynthesis', synth);
    else delete w.speechSynthesis;
    w.SpeechSynthesisUtterance = u;
  }
}

const young = (el: GarMediacentre) => {
  el.variant = 'young';
  el.storage = undefined; // the default: the variant itself must keep nothing
};
const tiles = (el: GarMediacentre) => [...shadow(el).querySelectorAll<HTMLElement>('.young-tile')];
const names = (el: GarMediacentre) => tiles(el).map((t) => t.querySelector('.young-name')!.textContent!.trim());

async function storedOnDevice(): Promise<{ local: number; session: number; databases: string[] }> {
  const dbs = (await indexedDB.databases?.()) ?? [];
  return { local: localStorage.length, session: sessionStorage.length, databases: dbs.map((d) => d.name ?? '') };
}

describe('<gar-mediacentre variant="young">', () => {
  let speech: ReturnType<typeof stubSpeech>;
  beforeEach(() => {
    localStorage.clear();
    sessionStorage.clear();
    speech = stubSpeech();
  });
  afterEach(() => speech.restore());

  it('shows the CP pupil’s resources as large tiles, picture first, one action each, with no search, filter or sort', async () => {
    const { el } = await mountWithProvider('ecole-pupil', young);
    expect(el.getAttribute('variant')).to.equal('young');
    expect(shadow(el).querySelector('[part="title"]')!.textContent).to.equal('Mes livres et mes jeux');
    // Its class's subscriptions, and the free national offer every pupil of the école has.
    expect(names(el)).to.deep.equal([
      'Imagier sonore',
      'Je lis avec Pic – lecture CP',
      'Petits films des fondamentaux',
    ]);
    for (const part of [
      'toolbar',
      'search',
      'filters',
      'sort',
      'favourites',
      'recent',
      'favourite-button',
      'details-button',
    ])
      expect(shadow(el).querySelector(`[part~="${part}"]`), part).to.equal(null);
    for (const t of tiles(el)) {
      const open = t.querySelector<HTMLButtonElement>('[part="tile-open"]')!;
      // The picture comes first inside the one button that opens the resource.
      expect(open.firstElementChild!.matches('[part~="tile-thumbnail"]')).to.equal(true);
      expect(t.querySelectorAll('button').length).to.equal(2); // open, and listen
      const box = open.getBoundingClientRect();
      expect(box.width, 'open target width').to.be.at.least(96);
      expect(box.height, 'open target height').to.be.at.least(96);
      const listen = t.querySelector<HTMLButtonElement>('[part="listen-button"]')!.getBoundingClientRect();
      expect(Math.min(listen.width, listen.height), 'listen target').to.be.at.least(96);
    }
    await expectAccessible(el);
  });

  it('reads a name aloud only when its button is pressed, from the keyboard', async () => {
    const { el } = await mountWithProvider('ecole-pupil', young);
    expect(speech.spoken, 'nothing is read by itself').to.deep.equal([]);
    const listen = shadow(el).querySelector<HTMLButtonElement>('[part="listen-button"]')!;
    expect(listen.getAttribute('aria-label')).to.equal('Écouter le nom\u202f: Imagier sonore');
    listen.focus();
    await sendKeys({ press: 'Enter' });
    await waitFor(() => speech.spoken.length === 1, 'speech');
    expect(speech.spoken).to.deep.equal([{ text: 'Imagier sonore', lang: 'fr-FR' }]);
    await sendKeys({ press: 'Space' });
    await waitFor(() => speech.spoken.length === 2, 'speech again');
    // Focus stays on the button: the outline is the large one of the variant.
    expect(shadow(el).activeElement).to.equal(listen);
    expect(Number.parseFloat(getComputedStyle(listen).outlineWidth)).to.be.at.least(4);
  });

  it('shows no read-aloud button when the browser cannot speak', async () => {
    await withoutSpeech(async () => {
      const { el } = await mountWithProvider('ecole-pupil', young);
      expect(tiles(el).length).to.equal(3);
      expect(shadow(el).querySelector('[part="listen-button"]')).to.equal(null);
      await expectAccessible(el);
    });
  });

  it('opens a resource with the keyboard alone, and keeps nothing on the device (no favourites, no recent list)', async () => {
    const urls: string[] = [];
    const record =
      (f: FetchLike): FetchLike =>
      (req) => {
        urls.push(new Request(req).url);
        return f(req);
      };
    const before = await storedOnDevice();
    const { el } = await mountWithProvider('ecole-pupil', young, record);
    const first = shadow(el).querySelector<HTMLButtonElement>('[part="tile-open"]')!;
    const forms = await interceptSubmit(async () => {
      first.focus();
      await sendKeys({ press: 'Enter' });
      await waitFor(() => el.shadowRoot!.querySelector('[aria-busy="true"]') !== null, 'opening');
    });
    expect(forms.map((f) => f.fields.resource)).to.deep.equal(['ark:/99202/imagier-sonore']);
    expect(forms[0]!.fields.uai).to.equal('0561800C');
    expect(
      urls.some((u) => u.includes('/favourites')),
      'no favourites asked',
    ).to.equal(false);
    expect(await storedOnDevice()).to.deep.equal(before);
    expect(localStorage.length + sessionStorage.length).to.equal(0);
  });

  it('shows a short list, the rest behind « Voir encore »', async () => {
    const resource = (i: number) =>
      listedResource({
        id: `ark:/1/r${i}`,
        name: `Livre ${String(i).padStart(2, '0')}`,
        validUntil: '2027-08-15T21:59:59.000Z',
      });
    const listing = {
      school: { uai: '0561800C', name: 'École' },
      schools: [{ uai: '0561800C', name: 'École' }],
      launchUrl: `${ISSUER}/launch`,
      resources: Array.from({ length: 11 }, (_, i) => resource(i)),
    };
    const el = await mountWithClient(stubClient(listing), young);
    expect(tiles(el).length).to.equal(8);
    const more = shadow(el).querySelector<HTMLButtonElement>('[part="more-button"]')!;
    expect(more.textContent!.trim()).to.equal('Voir encore 3');
    more.click();
    await el.updateComplete;
    expect(tiles(el).length).to.equal(11);
    await expectAccessible(el);
  });

  it('speaks English when the page does', async () => {
    await import('../src/lang-en.js');
    const { el } = await mountWithProvider('ecole-pupil', (x) => {
      young(x);
      x.lang = 'en';
    });
    expect(shadow(el).querySelector('[part="title"]')!.textContent).to.equal('My books and games');
    const listen = shadow(el).querySelector<HTMLButtonElement>('[part="listen-button"]')!;
    expect(listen.textContent!.trim()).to.equal('Listen');
    listen.click();
    expect(speech.spoken[0]!.lang).to.equal('en-GB');
  });
});
