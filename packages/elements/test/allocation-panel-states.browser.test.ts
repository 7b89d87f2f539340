import type { FetchLike } from '@opengar/sdk';
import { sendKeys } from '@web/test-runner-commands';
import { expect } from 'chai';
import type { GarAllocationPanel } from '../src/allocation-panel/allocation-panel.js';
import type { GarErrorEvent } from '../src/shared/gar-error-event.js';
import { COLLEGE, CONSOLE_ISSUER, LYCEE, consoleService } from './allocation-panel-service.js';
import {
  all,
  button,
  cleanupPanels,
  clickAndWait,
  mountPanel,
  one,
  settledPanel,
  text,
  typeIn,
} from './allocation-panel-helpers.js';
import { expectAccessible, waitFor } from './helpers.js';

async function openTab(el: GarAllocationPanel, name: string): Promise<void> {
  const tab = all(el, '[role="tab"]').find((t) => t.textContent?.trim() === name);
  if (!tab) throw new Error(`no tab ${name}`);
  tab.click();
  await el.updateComplete;
}

describe('<gar-allocation-panel> views and states', () => {
  afterEach(cleanupPanels);

  it('by population: finds a class and a pupil, shows what they have, withdraws the pupil’s copy', async () => {
    const { el } = await mountPanel('head');
    await openTab(el, 'Par population');
    await typeIn(el, '[part="population-finder"] input', '6e A');
    await waitFor(
      () => all(el, '[part="population-choice"]').some((b) => b.textContent?.includes('Classe 6e A')),
      'the class',
    );
    all<HTMLButtonElement>(el, '[part="population-choice"]')
      .find((b) => b.textContent?.includes('Classe 6e A'))
      ?.click();
    await el.updateComplete;
    expect(text(el, '#pop-title')).to.equal('Classe 6e A');
    await waitFor(() => all(el, '[part="population-detail"] .row').length > 0, 'its allocations');
    expect(
      all(el, '[part="population-detail"] .row').map((r) => r.querySelector('.grow')?.textContent),
      text(el, '[part="population-detail"]'),
    ).to.include('Mathématiques 6e – manuel numérique');
    await expectAccessible(el);

    await typeIn(el, '[part="population-finder"] input', 'Le Goff');
    await waitFor(
      () => all(el, '[part="population-choice"]').some((b) => b.textContent?.includes('Emma Le Goff')),
      'the pupil',
    );
    all<HTMLButtonElement>(el, '[part="population-choice"]')
      .find((b) => b.textContent?.includes('Emma Le Goff'))
      ?.click();
    const held = () => all(el, '[part="population-detail"] .row .grow').map((x) => x.textContent?.trim());
    await waitFor(
      () => text(el, '#pop-title') === 'Emma Le Goff' && held().includes('Mathématiques 6e – manuel numérique'),
      'her resources',
    );
    const withdraw = all<HTMLButtonElement>(el, '[part="population-detail"] [part="withdraw-button"]').find((b) =>
      b.getAttribute('aria-label')?.includes('Mathématiques 6e'),
    );
    await clickAndWait(el, withdraw!, () => !held().includes('Mathématiques 6e – manuel numérique'), 'the withdrawal');
    expect(text(el, '[part="notice"]')).to.contain('1 exemplaire retiré');
  });

  it('pages people from the server, 30 at a time, instead of rendering the whole school', async () => {
    const { el } = await mountPanel('head', { setup: (e) => (e.tab = 'population') });
    await waitFor(() => all(el, '[part="more-button"]').length === 1, 'the first page');
    const people = () =>
      all(el, '[part="population-choice"]').filter(
        (b) => !/^(Classe|Groupe|Tous les élèves de) /.test(b.textContent?.trim() ?? ''),
      ).length;
    expect(people()).to.equal(30);
    const more = one<HTMLButtonElement>(el, '[part="more-button"]');
    const total = Number(/sur (\d+)/.exec(more.textContent ?? '')?.[1]);
    expect(total).to.be.greaterThan(400);
    more.click();
    await waitFor(() => people() === 60, 'the second page');
    expect(text(el, '[part="more-button"]')).to.contain(`(60 sur ${total})`);
  });

  it('dashboard: ending soon, copies per audience, the support contact; axe-clean', async () => {
    const { el } = await mountPanel('head');
    await openTab(el, 'Tableau de bord');
    expect(text(el, '[part~="ending"]')).to.contain('Exo Maths collège');
    expect(text(el, '[part~="per-audience"]')).to.match(/élèves\s*1\s243/);
    expect(text(el, '[part="support"]')).to.contain('Assistance GAR académique');
    await expectAccessible(el);
  });

  it('delegations: the head revokes and grants; the delegate sees the list without the power to delegate', async () => {
    const { el } = await mountPanel('head');
    await openTab(el, 'Délégations');
    const names = () => all(el, '[part="delegation"] .grow').map((x) => x.textContent?.trim());
    expect(names()).to.deep.equal(['Yann Le Floch']);
    await clickAndWait(el, one(el, '[part="revoke-button"]'), () => names().length === 0, 'the revocation');
    expect(text(el, '[part="notice"]')).to.contain('Délégation de Yann Le Floch retirée.');
    await typeIn(el, '[part="delegations"] input', 'Rousseau');
    await waitFor(
      () => all(el, '[part="delegate-button"]').some((b) => b.textContent?.includes('Nathalie Rousseau')),
      'the teacher',
    );
    await clickAndWait(
      el,
      button(el, 'Déléguer à Nathalie Rousseau'),
      () => names().includes('Nathalie Rousseau'),
      'the delegation',
    );
    await expectAccessible(el);

    const delegate = await mountPanel('delegate');
    expect(delegate.el.status).to.equal('ready');
    expect(delegate.el.managerRole).to.equal('delegate');
    expect(text(delegate.el, '[part="role"]')).to.equal('Délégation');
    await openTab(delegate.el, 'Délégations');
    expect(delegate.el.shadowRoot?.querySelector('[part="delegate-button"], [part="revoke-button"]')).to.equal(null);
    expect(text(delegate.el, '[part="delegations"]')).to.contain(
      'Seuls les responsables d’affectation peuvent déléguer.',
    );
    expect(delegate.el.shadowRoot?.querySelector('[part="school-switcher"]')).to.equal(null);
  });

  it('a manager of two schools switches school; uai follows', async () => {
    const { el } = await mountPanel('head', { twoSchools: true });
    const select = one<HTMLSelectElement>(el, '[part="school-switcher"]');
    expect([...select.options].map((o) => o.value).sort()).to.deep.equal([COLLEGE, LYCEE].sort());
    expect(el.school).to.equal(COLLEGE);
    select.value = LYCEE;
    select.dispatchEvent(new Event('change'));
    await waitFor(() => el.school === LYCEE && el.status === 'ready', 'the lycée');
    await el.updateComplete;
    expect(el.getAttribute('uai')).to.equal(LYCEE);
    const names = all(el, '[part="subscription-button"]').map((b) => b.textContent?.trim());
    expect(names.some((n) => n?.includes('6e'))).to.equal(false);
    expect(names.length).to.be.greaterThan(0);
    await expectAccessible(el);
  });

  it('a person who is not a manager sees a clear refusal, not a broken panel', async () => {
    for (const user of ['teacher', 'pupil'] as const) {
      const { el } = await mountPanel(user);
      expect(el.status).to.equal('refused');
      expect(one(el, '[role="alert"]').textContent).to.contain('réservée aux responsables d’affectation');
      await expectAccessible(el);
    }
  });

  it('keyboard: arrows move between tabs, checkboxes toggle, confirm is reachable', async () => {
    const { el } = await mountPanel('head');
    const tabs = all(el, '[role="tab"]');
    tabs[0]!.focus();
    tabs[0]!.dispatchEvent(new KeyboardEvent('keydown', { key: 'ArrowRight', bubbles: true, composed: true }));
    await el.updateComplete;
    await waitFor(() => el.shadowRoot?.activeElement?.id === 'tab-population', 'focus on the next tab');
    expect(el.tab).to.equal('population');
    el.shadowRoot?.activeElement?.dispatchEvent(
      new KeyboardEvent('keydown', { key: 'End', bubbles: true, composed: true }),
    );
    await waitFor(() => el.tab === 'inbox', 'the last tab');
    el.shadowRoot?.activeElement?.dispatchEvent(
      new KeyboardEvent('keydown', { key: 'ArrowRight', bubbles: true, composed: true }),
    );
    await waitFor(() => el.tab === 'resources', 'wrapping to the first tab');
    expect(
      all(el, '[role="tab"]')
        .filter((t) => t.tabIndex === 0)
        .map((t) => t.id),
    ).to.deep.equal(['tab-resources']);
  });

  it('keyboard only: open the picker, search, tick a group with Space, confirm with Enter', async () => {
    const { el } = await mountPanel('head');
    const maths = all<HTMLButtonElement>(el, '[part="subscription-button"]').find((b) =>
      b.textContent?.includes('Mathématiques 6e'),
    );
    maths!.focus();
    await sendKeys({ press: 'Enter' });
    await el.updateComplete;
    one(el, '[part="allocate-button"]').focus();
    await sendKeys({ press: 'Enter' });
    await waitFor(() => el.shadowRoot?.querySelector('[part="picker"]') !== null, 'the picker');
    await el.updateComplete;
    expect(el.shadowRoot?.activeElement?.getAttribute('part'), 'focus moves to the search field').to.equal('search');
    await sendKeys({ type: 'bilangue' });
    await waitFor(
      () => all(el, '[part="choice"]').length === 3 && all(el, '[part="choice"]')[2]!.textContent!.includes('Bilangue'),
      'the search',
    );
    await el.updateComplete;
    for (let i = 0; i < 3; i++) await sendKeys({ press: 'Tab' });
    expect(el.shadowRoot?.activeElement?.closest('[part="choice"]')?.textContent).to.contain(
      'Groupe Bilangue anglais-allemand 6e',
    );
    await sendKeys({ press: 'Space' });
    await waitFor(() => !one<HTMLButtonElement>(el, '[part="confirm-button"]').disabled, 'the preview');
    for (let i = 0; i < 3; i++) await sendKeys({ press: 'Tab' });
    expect(el.shadowRoot?.activeElement?.getAttribute('part')).to.equal('confirm-button');
    await sendKeys({ press: 'Enter' });
    await waitFor(() => text(el, '[part="notice"]').includes('6 exemplaires affectés'), 'the allocation');
    await waitFor(() => el.shadowRoot?.activeElement?.getAttribute('part') === 'notice', 'focus on the notice');
    expect(one(el, '[part="notice"]').getAttribute('role')).to.equal('status');
  });

  it('Escape closes the picker, and each person listed says their class or profile', async () => {
    const { el } = await mountPanel('head');
    const maths = all<HTMLButtonElement>(el, '[part="subscription-button"]').find((b) =>
      b.textContent?.includes('Mathématiques 6e'),
    );
    maths!.click();
    await el.updateComplete;
    await waitFor(() => all(el, '[part="holder"]').length > 0, 'the holders');
    const identities = all(el, '[part="holder"] [part="identity"]').map((x) => x.textContent?.trim() ?? '');
    expect(
      identities.every((x) => x.length > 0),
      identities.join('|'),
    ).to.equal(true);
    expect(
      identities.some((x) => /^6e [A-D]/.test(x)),
      identities.join('|'),
    ).to.equal(true);
    one(el, '[part="allocate-button"]').focus();
    await sendKeys({ press: 'Enter' });
    await waitFor(() => el.shadowRoot?.querySelector('[part="picker"]') !== null, 'the picker');
    await sendKeys({ press: 'Escape' });
    await waitFor(() => el.shadowRoot?.querySelector('[part="picker"]') === null, 'the picker to close');
  });

  it('dark theme and custom properties: axe-clean, tokens reach the shadow DOM', async () => {
    const { el } = await mountPanel('head', {
      setup: (e) => {
        e.theme = 'dark';
        e.style.setProperty('--gar-allocation-panel-accent', 'rgb(255, 200, 0)');
      },
    });
    expect(getComputedStyle(one(el, '[role="tab"][aria-selected="true"]')).borderBottomColor).to.equal(
      'rgb(255, 200, 0)',
    );
    await expectAccessible(el);
    el.tab = 'dashboard';
    await el.updateComplete;
    await expectAccessible(el);
  });

  it('narrow: one column, nothing wider than the element', async () => {
    const { el } = await mountPanel('head', { setup: (e) => (e.style.width = '320px') });
    const detail = one(el, '[part="subscription-detail"]');
    const list = one(el, '[part="subscriptions"]');
    expect(detail.getBoundingClientRect().top).to.be.greaterThan(list.getBoundingClientRect().bottom - 1);
    expect(el.scrollWidth).to.be.at.most(el.clientWidth + 1);
    el.style.width = '1100px';
    await new Promise((r) => requestAnimationFrame(r));
    expect(
      Math.abs(
        one(el, '[part="subscription-detail"]').getBoundingClientRect().top -
          one(el, '[part="subscriptions"]').getBoundingClientRect().top,
      ),
    ).to.be.lessThan(2);
  });

  it('a lone element with service-url and getToken makes its own client', async () => {
    const svc = await consoleService();
    const el = document.createElement('gar-allocation-panel');
    el.fetch = svc.fetch;
    el.getToken = svc.tokenFor('head');
    el.serviceUrl = CONSOLE_ISSUER;
    document.body.append(el);
    try {
      await settledPanel(el);
      expect(el.status).to.equal('ready');
      expect(all(el, '[part="subscription"]').length).to.be.greaterThan(3);
    } finally {
      el.remove();
    }
  });

  it('renders untrusted text as text, never as HTML', async () => {
    const hostile = '<img src=x onerror="window.__pwned=1">';
    const wrap =
      (f: FetchLike): FetchLike =>
      async (req) => {
        const res = await f(req);
        if (!new URL(req.url).pathname.endsWith('/subscriptions')) return res;
        const body = (await res.json()) as { items: { subscription: { resourceLabel: string } }[] };
        for (const s of body.items) s.subscription.resourceLabel = `${hostile} ${s.subscription.resourceLabel}`;
        return new Response(JSON.stringify(body), { status: 200, headers: { 'content-type': 'application/json' } });
      };
    const { el } = await mountPanel('head', { wrapFetch: wrap });
    expect(all(el, '[part="subscription-button"]')[0]?.textContent).to.contain('<img src=x');
    expect(el.shadowRoot?.querySelector('img')).to.equal(null);
    expect(window.__pwned).to.equal(undefined);
  });

  it('an unreachable service says it does not answer and fires gar-error; retry recovers', async () => {
    let down = true;
    const errors: string[] = [];
    const wrap =
      (f: FetchLike): FetchLike =>
      (req) =>
        down ? Promise.reject(new TypeError('Failed to fetch')) : f(req);
    const { el } = await mountPanel('head', {
      wrapFetch: wrap,
      setup: (e) =>
        e.addEventListener('gar-error', (ev: GarErrorEvent) => errors.push(`${ev.detail.operation}:${ev.detail.code}`)),
    });
    expect(el.status).to.equal('error');
    expect(el.shadowRoot?.textContent).to.contain('Le service ne répond pas');
    expect(errors).to.deep.equal(['load:network']);
    await expectAccessible(el);
    down = false;
    await clickAndWait(el, button(el, 'Réessayer'), () => el.status === 'ready', 'the retry');
  });

  it('render never throws: a malformed answer shows the error state and fires gar-error (render)', async () => {
    const wrap =
      (f: FetchLike): FetchLike =>
      async (req) => {
        const res = await f(req);
        if (!new URL(req.url).pathname.endsWith('/subscriptions')) return res;
        const body = (await res.json()) as { items: Record<string, unknown>[] };
        for (const s of body.items) s['usage'] = null;
        return new Response(JSON.stringify(body), { status: 200, headers: { 'content-type': 'application/json' } });
      };
    const errors: string[] = [];
    const { el } = await mountPanel('head', {
      wrapFetch: wrap,
      setup: (e) => e.addEventListener('gar-error', (ev: GarErrorEvent) => errors.push(ev.detail.operation)),
    });
    await waitFor(() => el.status === 'error', 'the error state');
    await el.updateComplete;
    expect(errors).to.include('render');
    expect(one(el, '[role="alert"]').textContent).to.contain('Impossible d’afficher la console');
    await expectAccessible(el);
  });

  it('its error state links to the support (support-url) with the request id and the school, no personal data', async () => {
    const wrap =
      (f: FetchLike): FetchLike =>
      async (req) =>
        new URL(req.url).pathname.endsWith('/subscriptions')
          ? Response.json(
              {
                type: 'https://opengar.dev/problems/internal',
                title: 'Internal',
                status: 500,
                code: 'internal',
                instance: 'urn:opengar:request:req-7',
              },
              { status: 500, headers: { 'content-type': 'application/problem+json' } },
            )
          : f(req);
    const { el } = await mountPanel('head', {
      wrapFetch: wrap,
      setup: (e) => e.setAttribute('support-url', 'https://support.example.test/gar'),
    });
    await waitFor(() => el.status === 'error', 'the error state');
    await el.updateComplete;
    const link = one(el, '[part="report"]') as HTMLAnchorElement;
    expect(link.textContent).to.equal('Signaler un problème');
    const params = Object.fromEntries(new URL(link.href).searchParams);
    expect(params.ref).to.equal('urn:opengar:request:req-7');
    expect(Object.keys(params).every((k) => ['ref', 'uai', 'resource'].includes(k))).to.equal(true);
    expect(params.uai ?? COLLEGE).to.match(/^\d{7}[A-Z]$/);
    await expectAccessible(el);
  });

  it('without service URL nor provider it says it is not configured', async () => {
    const el = document.createElement('gar-allocation-panel');
    document.body.append(el);
    try {
      await waitFor(() => el.status === 'error', 'the error');
      await el.updateComplete;
      expect(one(el, '[role="alert"]').textContent).to.contain('pas configurée');
    } finally {
      el.remove();
    }
  });
});
