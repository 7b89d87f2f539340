import { escapeHtml } from '@opengar/server';
import { consoleMain } from './render-console-page.js';

/** A user of the pretend ENT, as the login switcher lists them. */
export interface PortalUser {
  key: string;
  personId: string;
  name: string;
  /** Their schools; the first is the current one. */
  schools: { uai: string }[];
  role?: string;
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
}): string {
  const options = o.users
    .map(
      (u) =>
        `<option value="${escapeHtml(u.key)}"${u.key === o.current?.key ? ' selected' : ''}>${escapeHtml(u.name)}${u.role ? ` — ${escapeHtml(u.role)}` : ''}</option>`,
    )
    .join('');
  const main =
    o.page === 'console'
      ? consoleMain(o)
      : o.current
        ? `<gar-client-provider service-url="${escapeHtml(o.serviceUrl)}">
        <gar-mediacentre lang="${o.lang}" uai="${escapeHtml(o.current.schools[0]?.uai ?? '')}"></gar-mediacentre>
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
  return `<!doctype html>
<html lang="${o.lang}">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>ENT de démonstration — ${o.page === 'console' ? 'Console d’affectation' : 'Médiacentre'}</title>
  <style nonce="${o.nonce}">
    body { margin: 0; font-family: system-ui, sans-serif; background: #eef1f6; color: #1b1b1f; }
    header { display: flex; flex-wrap: wrap; gap: 1rem; align-items: center; justify-content: space-between; padding: 0.75rem 1.5rem; background: #123c69; color: #fff; }
    header form { display: flex; gap: 0.5rem; align-items: center; }
    header a { color: #fff; }
    select, button { font: inherit; min-height: 2.5rem; }
    main { max-width: 72rem; margin: 1.5rem auto; padding: 0 1rem; }
  </style>
</head>
<body>
  <header>
    <strong>ENT de démonstration</strong>
    <nav><a href="/"${o.page === 'console' ? '' : ' aria-current="page"'}>Médiacentre</a> · <a href="/console"${o.page === 'console' ? ' aria-current="page"' : ''}>${o.lang === 'en' ? 'Allocation console' : 'Console d’affectation'}</a></nav>
    <form method="post" action="/login">
      <input type="hidden" name="next" value="${o.page === 'console' ? '/console' : '/'}">
      <label for="user">${o.lang === 'en' ? 'Signed in as' : 'Connecté en tant que'}</label>
      <select id="user" name="user">${o.current ? '' : '<option value="">—</option>'}${options}</select>
      <button type="submit">${o.lang === 'en' ? 'Switch' : 'Changer'}</button>
    </form>
  </header>
  <main>${main}</main>
</body>
</html>`;
}
