import { html, nothing, type TemplateResult } from 'lit';
import type { PanelHost } from './panel-host.js';

function retry(h: PanelHost): TemplateResult {
  const y = h.year;
  return html`<div role="alert" part="error"><p>${y.t.failed}</p><button @click=${() => y.loadSync()}>${y.t.retry}</button></div>`;
}

/** The synchronisation tab: the last feed's date, people per profile, what it changed, anomalies, CSV export. */
export function syncView(h: PanelHost): TemplateResult {
  const y = h.year;
  const t = y.t.sync;
  const s = y.sync;
  if (s.status === 'idle' || s.status === 'loading')
    return html`<p class="muted" role="status" aria-busy="true">${y.t.loading}</p>`;
  if (s.status === 'error') return retry(h);
  if (s.status === 'none' || !s.report)
    return html`<section part="sync sync-empty" aria-labelledby="sync-title"><h3 id="sync-title">${t.title}</h3>
      <p part="empty"><strong>${t.none}</strong></p><p class="muted">${t.noneHelp}</p></section>`;
  const r = s.report;
  const counts = Object.entries(r.counts).filter(([, n]) => n > 0);
  const changes = Object.entries(r.changes).filter(([, n]) => n > 0);
  const anomalies = Object.entries(r.anomalies).filter(([, names]) => Array.isArray(names) && names.length > 0);
  return html`<section part="sync" aria-labelledby="sync-title">
    <div class="row"><h3 id="sync-title" class="grow">${t.title}</h3>
      <button part="export-button" @click=${() => y.exportSync()}>${t.export}</button></div>
    <p part="sync-date">${t.lastFeed(h.date(r.at))}</p>
    <h4>${t.counts}</h4>
    <dl class="figures" part="sync-counts">${counts.map(([k, n]) => html`<div><dt>${t.profiles[k] ?? k}</dt><dd>${h.num(n)}</dd></div>`)}</dl>
    <h4>${t.changes}</h4>
    ${
      changes.length === 0
        ? html`<p class="muted">${t.noChanges}</p>`
        : html`<dl class="figures" part="sync-changes">${changes.map(([k, n]) => html`<div><dt>${t.changeNames[k] ?? k}</dt><dd>${h.num(n)}</dd></div>`)}</dl>`
    }
    <h4>${t.anomalies}</h4>
    ${
      anomalies.length === 0
        ? html`<p class="muted" part="sync-clean">${t.noAnomalies}</p>`
        : html`<ul class="rows" part="sync-anomalies">${anomalies.map(
            ([k, names]) => html`<li class="row" part="anomaly" data-kind=${k}><details class="grow">
              <summary>${t.anomalyNames[k]?.(names.length) ?? `${k} (${names.length})`}</summary>
              <ul>${names.map((n) => html`<li>${n}</li>`)}</ul></details></li>`,
          )}</ul>`
    }
    ${nothing}
  </section>`;
}
