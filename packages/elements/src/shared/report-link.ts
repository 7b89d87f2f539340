import { html, nothing, type TemplateResult } from 'lit';

/**
 * The "report a problem" link of a widget's error state, or nothing without a support URL (http or https only): the
 * support page with the failed request's id as `ref` (the problem's `requestId`, else its `instance`), the school
 * (`uai`) and the resource. No personal data. Opens in a new tab.
 */
export const reportLink = (
  base: string | undefined,
  error: unknown,
  label: string,
  uai?: string,
  resource?: string,
): TemplateResult | typeof nothing => {
  const p = (error as { problem?: Record<string, string> } | undefined)?.problem ?? {};
  const q = new URLSearchParams(
    Object.entries({ ref: p.requestId ?? p.instance, uai, resource }).filter((e) => e[1]) as string[][],
  );
  return base && /^https?:\/\//i.test(base)
    ? html`<p><a part="report" target="_blank" href=${`${base}${base.includes('?') ? '&' : '?'}${q}`}>${label}</a></p>`
    : nothing;
};
