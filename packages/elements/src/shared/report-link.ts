import { html, nothing, type TemplateResult } from 'lit';

/**
 * The "report a problem" link of a widget's error state: the support page (http or https only) with the failed
 * request's id (the problem's `requestId`, else its `instance`), the school and the resource. No personal data.
 * Undefined without a usable support URL.
 */
export function reportHref(
  base: string | undefined,
  error: unknown,
  uai?: string,
  resource?: string,
): string | undefined {
  if (!base || !/^https?:\/\//i.test(base)) return undefined;
  const problem = (error as { problem?: { requestId?: unknown; instance?: unknown } } | undefined)?.problem;
  const ref = problem?.requestId ?? problem?.instance;
  const q = new URLSearchParams();
  if (typeof ref === 'string' && ref) q.set('ref', ref);
  if (uai) q.set('uai', uai);
  if (resource) q.set('resource', resource);
  return `${base}${base.includes('?') ? '&' : '?'}${q}`;
}

/** The error state's "report a problem" paragraph, or nothing without a link. */
export function reportLink(href: string | undefined, label: string): TemplateResult | typeof nothing {
  return href
    ? html`<p><a part="report" href=${href} target="_blank" rel="noopener noreferrer">${label}</a></p>`
    : nothing;
}
