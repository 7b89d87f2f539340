import type { MiddlewareHandler } from 'hono';
import type { AppEnv } from '../http/app-env.js';
import { htmlEscape } from './launch-page.js';

/** What a pupil reads when a click on a resource is refused, by refusal reason (French first, then English). */
const MESSAGES: Record<string, [string, string]> = {
  outside_validity: [
    'L’abonnement de ton établissement à cette ressource n’est pas valide aujourd’hui (il est terminé ou pas encore commencé).',
    'Your school’s subscription to this resource is not valid today (it has ended or not started yet).',
  ],
  no_copy: [
    'Cette ressource ne t’est pas (ou plus) attribuée dans cet établissement. Demande à ton professeur documentaliste ou à la direction.',
    'This resource is not (or no longer) allocated to you at this school. Ask your librarian or the school office.',
  ],
  not_at_school: [
    'Tu n’es pas (ou plus) inscrit dans cet établissement.',
    'You are not (or no longer) registered at this school.',
  ],
  no_subscription: [
    'Ton établissement n’est pas abonné à cette ressource.',
    'Your school has no subscription to this resource.',
  ],
  audience_not_covered: [
    'Cet abonnement ne concerne pas ton profil.',
    'This subscription does not cover your profile.',
  ],
  foreign_origin: [
    'Cette ressource s’ouvre depuis ton ENT : la page qui a envoyé cette demande vient d’un autre site. Ouvre la ressource depuis le médiacentre de ton ENT.',
    'This resource opens from your ENT: the page that sent this request comes from another site. Open the resource from your ENT’s médiacentre.',
  ],
  state_reused: [
    'Ce lien d’accès a déjà servi. Reviens au médiacentre et clique à nouveau sur la ressource.',
    'This access link was already used. Go back to the médiacentre and click the resource again.',
  ],
  invalid_client: [
    'Cette application n’est pas (ou plus) enregistrée pour cette ressource, ou son adresse de retour ne correspond pas. Préviens l’éditeur de l’application.',
    'This app is not (or no longer) registered for this resource, or its return address does not match. Tell the app’s publisher.',
  ],
  state_mismatch: [
    'Ce navigateur n’a pas commencé cette ouverture depuis Moodle (cookie absent ou différent). Ouvre l’activité dans une nouvelle fenêtre, ou ' +
      'autorise les cookies de ce site.',
    'This browser did not start this launch from Moodle (cookie missing or different). Open the activity in a new window, or allow this site’s cookies.',
  ],
  nonce_reused: [
    'Cette ouverture depuis Moodle a déjà servi. Retourne au cours et clique à nouveau sur l’activité.',
    'This launch from Moodle was already used. Go back to the course and click the activity again.',
  ],
  session_reused: [
    'Ce choix a déjà été envoyé au cours. Retourne au cours pour voir l’activité.',
    'This choice was already sent to the course. Go back to the course to see the activity.',
  ],
  assertion_reused: [
    'Ce lien d’accès a déjà servi. Reviens au médiacentre et clique à nouveau sur la ressource.',
    'This access link was already used. Go back to the médiacentre and click the resource again.',
  ],
};
const GENERIC: [string, string] = [
  'La ressource n’a pas pu être ouverte. Reviens au médiacentre et réessaie ; si cela continue, préviens ton établissement.',
  'The resource could not be opened. Go back to the médiacentre and try again; if it keeps happening, tell your school.',
];

/** Whether the request is a browser navigation (a form submit or a link), which prefers a page to JSON. */
function wantsHtml(accept: string | undefined): boolean {
  if (!accept) return false;
  const first = accept.split(',')[0]!.trim().toLowerCase();
  return first.startsWith('text/html') || (accept.includes('text/html') && !accept.includes('json'));
}

/**
 * On the browser-facing hand-off routes (`/launch`, `/launch/callback`, `/cas/login`), a problem answered to a browser
 * navigation becomes a small page a pupil understands (French and English), with the same status and the problem's
 * reason and request id for support; API clients asking for JSON still get the RFC 9457 problem.
 *
 * @example
 * ```ts
 * app.use('/launch', problemPageForBrowsers());
 * ```
 */
export function problemPageForBrowsers(): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    await next();
    const res = c.res;
    if (!res.headers.get('content-type')?.startsWith('application/problem+json') || !wantsHtml(c.req.header('accept')))
      return;
    let problem: { reason?: unknown; requestId?: unknown; status?: unknown };
    try {
      problem = (await res.clone().json()) as typeof problem;
    } catch {
      return;
    }
    const [fr, en] = (typeof problem.reason === 'string' && MESSAGES[problem.reason]) || GENERIC;
    const reference =
      typeof problem.requestId === 'string'
        ? `<p class="ref">Référence / reference : <code>${htmlEscape(problem.requestId)}</code></p>`
        : '';
    const html = `<!doctype html><html lang="fr"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Ressource indisponible</title><style>body{font:18px/1.5 system-ui,sans-serif;max-width:36rem;margin:3rem auto;padding:0
1rem;color:#1b1b1f}.ref{color:#555;font-size:.85em}</style></head>
<body><main><h1>Ressource indisponible</h1><p>${htmlEscape(fr)}</p><p lang="en">${htmlEscape(en)}</p>${reference}</main></body></html>`;
    const headers = new Headers(res.headers);
    headers.set('content-type', 'text/html; charset=utf-8');
    headers.set(
      'content-security-policy',
      "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'",
    );
    headers.set('cache-control', 'no-store');
    headers.set('referrer-policy', 'no-referrer');
    c.res = new Response(html, { status: res.status, headers });
  };
}
