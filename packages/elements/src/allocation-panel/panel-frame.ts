import { html, nothing, type TemplateResult } from 'lit';
import { reportLink } from '../shared/report-link.js';
import { auditView } from './audit-view.js';
import { dashboardView, supportView } from './dashboard-view.js';
import { delegationView } from './delegation-view.js';
import { ecoleRoleView } from './ecole-view.js';
import type { PanelTab } from './localize/translation.js';
import type { PanelHost } from './panel-host.js';
import { populationView } from './population-view.js';
import { resourceView } from './resource-view.js';
import { inboxView } from './inbox-view.js';
import { subscriptionsView } from './subscriptions-view.js';
import { syncView } from './sync-view.js';

const ALL_TABS: readonly PanelTab[] = [
  'resources',
  'population',
  'dashboard',
  'audit',
  'delegations',
  'subscriptions',
  'sync',
  'inbox',
];
/** What a reader without allocation rights (the librarian) sees. */
const READ_TABS: readonly PanelTab[] = ['subscriptions', 'inbox'];

/** The tabs the caller sees. */
export const tabsOf = (p: Pick<PanelHost, 'year'>): readonly PanelTab[] => (p.year.canAllocate ? ALL_TABS : READ_TABS);

function onTabKey(p: PanelHost, e: KeyboardEvent): void {
  const TABS = tabsOf(p);
  const i = TABS.indexOf(p.tab);
  const next =
    e.key === 'ArrowRight'
      ? i + 1
      : e.key === 'ArrowLeft'
        ? i - 1
        : e.key === 'Home'
          ? 0
          : e.key === 'End'
            ? TABS.length - 1
            : undefined;
  if (next === undefined) return;
  e.preventDefault();
  const tab = TABS[(next + TABS.length) % TABS.length] ?? p.tab;
  p.selectTab(tab, true);
}

function header(p: PanelHost): TemplateResult {
  const t = p.t;
  const current = p.schools.find((s) => s.uai === p.currentUai);
  return html`<header class="header" part="header">
    <h2 part="title">${t.title}</h2>
    ${
      p.schools.length > 1
        ? html`<label class="field inline"><span>${t.school}</span>
          <select part="school-switcher" ?disabled=${p.busy} @change=${(e: Event) => p.switchSchool((e.target as HTMLSelectElement).value)}>
            ${p.schools.map((s) => html`<option value=${s.uai} ?selected=${s.uai === p.currentUai}>${s.name}</option>`)}
          </select></label>`
        : html`<span class="school" part="school">${current?.name ?? ''}</span>`
    }
    ${p.managerRole === 'delegate' && current ? html`<span class="flag" part="role">${t.delegateRole}</span>` : nothing}
    ${ecoleRoleView(p)}
    ${supportView(p, p.dashboard?.supportContact)}
  </header>`;
}

function noticeView(p: PanelHost): TemplateResult | typeof nothing {
  const n = p.notice;
  if (!n) return nothing;
  return html`<div class="notice ${n.tone}" part="notice" tabindex="-1" role=${n.tone === 'ok' ? 'status' : 'alert'}
    aria-live=${n.tone === 'ok' ? 'polite' : 'assertive'}>
    <span class="grow">${n.tone === 'refused' ? html`<strong>${p.t.refusedTitle}${p.t.colon}</strong> ` : nothing}${n.text}</span>
    ${n.undoId ? html`<button part="undo-button" ?disabled=${p.busy} @click=${() => n.undoId && p.undo(n.undoId)}>${p.t.undo}</button>` : nothing}
    <button class="icon" part="dismiss-button" aria-label=${p.t.dismiss} title=${p.t.dismiss} @click=${() => p.dismissNotice()}>✕</button>
  </div>`;
}

function tabBody(p: PanelHost): TemplateResult {
  switch (p.tab) {
    case 'population':
      return populationView(p);
    case 'dashboard':
      return dashboardView(p, (s) => p.acceptSuggestion(s));
    case 'audit':
      return auditView(p);
    case 'delegations':
      return delegationView(p);
    case 'subscriptions':
      return subscriptionsView(p);
    case 'sync':
      return syncView(p);
    case 'inbox':
      return inboxView(p);
    default:
      return resourceView(p);
  }
}

function ready(p: PanelHost): TemplateResult {
  const t = p.t;
  return html`${header(p)}
    <div class="tabs" role="tablist" part="tabs" aria-label=${t.tabsLabel} @keydown=${(e: KeyboardEvent) => onTabKey(p, e)}>
      ${tabsOf(p).map(
        (tab) =>
          html`<button role="tab" part="tab" id=${`tab-${tab}`} aria-selected=${tab === p.tab ? 'true' : 'false'} aria-controls="tabpanel" tabindex=${tab === p.tab ? '0' : '-1'} @click=${() => p.selectTab(tab)}
            aria-label=${tab === 'inbox' ? t.year.inbox.tabLabel(p.year.unread) : nothing}
            >${tab === 'inbox' ? t.year.inbox.tab(p.year.unread) : t.tabs[tab]}</button>`,
      )}
    </div>
    ${noticeView(p)}
    <div id="tabpanel" role="tabpanel" aria-labelledby=${`tab-${p.tab}`} class="body">${tabBody(p)}</div>`;
}

/** The whole panel for its current state. */
export function panelFrame(p: PanelHost): TemplateResult {
  const t = p.t;
  const lang = t.locale.slice(0, 2);
  switch (p.view) {
    case 'ready':
      return html`<div class="panel" lang=${lang}>${ready(p)}</div>`;
    case 'refused':
      return html`<div class="panel message" lang=${lang} role="alert" part="error refused"><h2>${t.refusedPanelTitle}</h2><p>${t.refusedPanel}</p></div>`;
    case 'error':
    case 'offline':
      return html`<div class="panel message" lang=${lang} role="alert" part="error">
        <h2>${p.view === 'offline' ? t.offlineTitle : t.errorTitle}</h2><p>${t.errors[p.errorKey]}</p>
        ${p.errorKey !== 'notConfigured' ? html`<button @click=${() => p.reload()}>${t.retry}</button>` : nothing}
        ${reportLink(
          p.supportUrl || p.dashboard?.supportContact?.url,
          p.failure,
          t.report,
          p.currentUai,
          p.subs.find((s) => s.subscription.id === p.selectedSubId)?.subscription.resourceId,
        )}
      </div>`;
    default:
      return html`<div class="panel message" lang=${lang} role="status" aria-busy="true"><p>${t.loading}</p></div>`;
  }
}
