import { escapeHtml, type PortalUser } from './render-page.js';

/**
 * The console page's content: `<gar-allocation-panel>`, `<gar-usage-stats>`, `<gar-catalogue>` (heads, librarians and
 * teachers) and, for a teacher of the current school, `<gar-teacher-classes>` (their classes, recommendations and
 * requests; a page chosen in an LTI tool's picker) for the signed-in user, their client
 * getting assertions from the ENT's back end. A user who manages no school sees the panel's own refusal, as any ENT page would show it.
 */
export function consoleMain(o: {
  current?: PortalUser;
  serviceUrl: string;
  nonce: string;
  lang: 'fr' | 'en';
  /** ` support-url="…"` (escaped) or empty. */
  support: string;
}): string {
  if (!o.current)
    return `<p>${o.lang === 'en' ? 'Choose a user to sign in.' : 'Choisissez un utilisateur pour vous connecter.'}</p>`;
  const school = o.current.schools[0];
  const classes =
    school?.profile === 'National_ens'
      ? `<h2>${o.lang === 'en' ? 'My classes' : 'Mes classes'}</h2>
        <gar-teacher-classes lang="${o.lang}" uai="${escapeHtml(school.uai)}"></gar-teacher-classes>`
      : '';
  return `<gar-client-provider service-url="${escapeHtml(o.serviceUrl)}">
        ${classes}
        <gar-allocation-panel lang="${o.lang}"${o.support}></gar-allocation-panel>
        <h2>${o.lang === 'en' ? 'Usage statistics' : 'Statistiques d’usage'}</h2>
        <p>${o.lang === 'en' ? 'Accesses are counted at each opening and added up every minute; groups of fewer than 5 people are never shown.' : 'Chaque ouverture est comptée et les chiffres sont mis à jour chaque minute ; les groupes de moins de 5 personnes ne sont jamais montrés.'}</p>
        <gar-usage-stats lang="${o.lang}"></gar-usage-stats>
        <gar-catalogue lang="${o.lang}" uai="${escapeHtml(o.current.schools[0]?.uai ?? '')}"></gar-catalogue>
      </gar-client-provider>
      <script type="module" src="/assets/opengar-elements.min.js"></script>
      <script type="module" nonce="${o.nonce}">
        const provider = document.querySelector('gar-client-provider');
        provider.getToken = async () => {
          const res = await fetch('/ent/assertion', { method: 'POST', headers: { 'x-ent-request': '1' } });
          if (!res.ok) throw new Error('the ENT refused to sign an assertion');
          return res.text();
        };
        document.addEventListener('gar-error', (e) => console.warn('console:', e.detail.operation, e.detail.code));
        document.addEventListener('gar-allocation-change', (e) => console.info('console:', e.detail.kind, e.detail.auditId));
        document.addEventListener('gar-catalogue-copy', (e) => console.info('catalogue:', e.detail.resourceIds.length, 'copied'));
      </script>`;
}
