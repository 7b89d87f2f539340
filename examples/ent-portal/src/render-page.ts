import { escapeHtml } from '@opengar/server';
import { consoleMain } from './render-console-page.js';

/** A user of the pretend ENT, as the login switcher lists them. */
export interface PortalUser {
  key: string;
  personId: string;
  name: string;
  /** Their schools (with their GAR profile there, e.g. `National_ens`); the first is the current one. */
  schools: { uai: string; profile?: string }[];
  role?: string;
  /** The médiacentre's variant for this user (`young`: an école's pupils, see `<gar-mediacentre variant>`). */
  variant?: 'young';
}

export { escapeHtml };

/** The portal page: header with the login switcher, then the médiacentre (or, on `/console`, the allocation console). */
export function renderPage(o: {
  users: readonly PortalUser[];
  current?: PortalUser;
  serviceUrl: string;
  nonce: string;
  lang: 'fr' | 'en';
  page?: 'mediacentre' | 'console';
  /** The widgets' support page (`support-url`), absolute. */
  supportUrl?: string;
}): string {
  const support = o.supportUrl ? ` support-url="${escapeHtml(o.supportUrl)}"` : '';
  const options = o.users
    .map(
      (u) =>
        `<option value="${escapeHtml(u.key)}"${u.key === o.current?.key ? ' selected' : ''}>${escapeHtml(u.name)}${u.role ? ` — ${escapeHtml(u.role)}` : ''}</option>`,
    )
    .join('');
  const variant = o.current?.variant === 'young' ? ' variant="young"' : '';
  const main =
    o.page === 'console'
      ? consoleMain({ ...o, support })
      : o.current
        ? `<gar-client-provider service-url="${escapeHtml(o.serviceUrl)}">
        <gar-mediacentre lang="${o.lang}" uai="${escapeHtml(o.current.schools[0]?.uai ?? '')}"${variant}${support}></gar-mediacentre>
      </gar-client-provider>
      <script type="module" src="/assets/opengar-elements.min.js"></script>
      <script type="module" nonce="${o.nonce}">
        const provider = document.querySelector('gar-client-provider');
        provider.getToken = async () => {
          const res = await fetch('/ent/assertion', { method: 'POST', headers: { 'x-ent-request': '1' } });
          if (!res.ok) throw new Error('the ENT refused to sign an assertion');
          return res.text();
        };
        document.addEventListener('gar-error', (e) => console.warn('médiacentre:', e.detail.operation, e.detail.code));
      </script>`
        : `<p>${o.lang === 'en' ? 'Choose a user to sign in.' : 'Choisissez un utilisateur pour vous connecter.'}</p>`;
  const en = o.lang === 'en';
  const title = o.page === 'console' ? (en ? 'Allocation console' : 'Console d’affectation') : 'Médiacentre';
  const brand = en ? 'Demo ENT' : 'ENT de démonstration';
  return `<!doctype html>
<html lang="${o.lang}">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>${brand} — ${title}</title>
  <style nonce="${o.nonce}">
    *, *::before, *::after { box-sizing: border-box; }
    body { margin: 0; font-family: system-ui, sans-serif; background: #eef1f6; color: #1b1b1f; overflow-wrap: anywhere; }
    header { display: flex; flex-wrap: wrap; gap: 0.5rem 1rem; align-items: center; justify-content: space-between; padding: 0.75rem 1rem; background: #123c69; color: #fff; }
    header .brand { font-weight: 700; margin: 0; }
    header nav ul { display: flex; flex-wrap: wrap; gap: 0.25rem 1rem; list-style: none; margin: 0; padding: 0; }
    header form { display: flex; flex-wrap: wrap; gap: 0.5rem; align-items: center; min-width: 0; max-width: 100%; }
    header a { color: #fff; }
    header a:focus-visible, header select:focus-visible, header button:focus-visible { outline: 3px solid #ffd166; outline-offset: 2px; }
    select, button { font: inherit; min-height: 2.75rem; }
    select { min-width: 0; max-width: 100%; flex: 1 1 14rem; width: 14rem; }
    button { flex: 0 0 auto; padding: 0 1rem; }
    main { max-width: 72rem; margin: 1.5rem auto; padding: 0 1rem; }
    h1 { font-size: 1.5rem; margin: 0 0 1rem; }
    /* The médiacentre and the console show their own visible title: the page's h1 is for assistive technology. */
    .visually-hidden { position: absolute; width: 1px; height: 1px; margin: -1px; padding: 0; overflow: hidden; clip-path: inset(50%); white-space: nowrap; border: 0; }
  </style>
</head>
<body>
  <header>
    <p class="brand">${brand}</p>
    <nav aria-label="${en ? 'Pages of the ENT' : 'Pages de l’ENT'}"><ul><li><a href="/"${o.page === 'console' ? '' : ' aria-current="page"'}>Médiacentre</a></li><li><a href="/console"${o.page === 'console' ? ' aria-current="page"' : ''}>${en ? 'Allocation console' : 'Console d’affectation'}</a></li></ul></nav>
    <form method="post" action="/login">
      <input type="hidden" name="next" value="${o.page === 'console' ? '/console' : '/'}">
      <label for="user">${en ? 'Signed in as' : 'Connecté en tant que'}</label>
      <select id="user" name="user">${o.current ? '' : '<option value="">—</option>'}${options}</select>
      <button type="submit">${en ? 'Switch' : 'Changer'}</button>
    </form>
  </header>
  <main>
    <h1${o.current ? ' class="visually-hidden"' : ''}>${title}</h1>
    ${main}
  </main>
</body>
</html>`;
}
