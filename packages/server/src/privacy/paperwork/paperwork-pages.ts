import type { AttributeName } from '@opengar/core';
import { escapeHtml as e } from '../../http/escape-html.js';
import { HANDOFF_RETENTION_MONTHS } from '../person-data-use-cases.js';
import type { PaperworkData, PaperworkResource, PaperworkSchool } from './paperwork-data.js';

const NB = '\u202f';
/** The days a departed person's data is kept before erasure (the feeds' default grace period). */
export const ERASURE_GRACE_DAYS = 90;

const WORDS: Record<'fr' | 'en', Record<AttributeName, string>> = {
  fr: {
    IDO: 'un identifiant propre à la ressource (pseudonyme), qui ne permet pas de relier la personne d’un éditeur à l’autre',
    UAI: 'l’établissement',
    PRO: 'le profil (élève, enseignant…)',
    NOM: 'le nom',
    PRE: 'le prénom',
    CIV: 'la civilité',
    P_MEL: 'l’adresse électronique (personnels seulement)',
    DIV: 'la classe',
    GRO: 'les groupes',
    P_MS4: 'les niveaux enseignés (personnels)',
    E_MS4: 'le niveau (élèves)',
  },
  en: {
    IDO: 'an identifier for this resource only (a pseudonym), which cannot link the person from one publisher to another',
    UAI: 'the school',
    PRO: 'the role (pupil, teacher…)',
    NOM: 'the last name',
    PRE: 'the first name',
    CIV: 'the title',
    P_MEL: 'the e-mail address (staff only)',
    DIV: 'the class',
    GRO: 'the groups',
    P_MS4: 'the year groups taught (staff)',
    E_MS4: 'the year group (pupils)',
  },
};

const list = (names: readonly AttributeName[], lang: 'fr' | 'en') =>
  `<ul>${names.map((n) => `<li>${e(WORDS[lang][n])} <code>${n}</code></li>`).join('')}</ul>`;

const STYLE = `body{font:15px/1.5 system-ui,sans-serif;margin:2rem auto;max-width:60rem;padding:0 1rem;color:#1b1b1f}
h1{font-size:1.5rem}h2{font-size:1.2rem;margin-top:1.8rem}table{border-collapse:collapse;width:100%;font-size:.9rem}
th,td{border:1px solid #bbb;padding:.3rem .45rem;vertical-align:top;text-align:left}th{background:#f0f0f4}
ul{margin:.2rem 0;padding-left:1.2rem}code{font-size:.8em;color:#555}.meta{color:#444}.todo{background:#fff6d6;padding:.1rem .3rem}
@media print{body{margin:0;max-width:none}a{color:inherit}}`;

function page(lang: 'fr' | 'en', title: string, body: string): string {
  return `<!doctype html>
<html lang="${lang}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${e(title)}</title><style>${STYLE}</style></head>
<body><main><h1>${e(title)}</h1>
${body}
</main></body></html>
`;
}

const link = (url: string | undefined, text: string) => (url ? `<a href="${e(url)}">${e(text)}</a>` : e(text));

function retentionRows(lang: 'fr' | 'en'): string {
  const rows =
    lang === 'fr'
      ? [
          [
            'Annuaire (noms, profils, classes, groupes, niveaux)',
            `tant que le flux de l’ENT liste la personne, puis ${ERASURE_GRACE_DAYS}${NB}jours après son départ`,
          ],
          ['Jeton de connexion remis à la ressource', '120 secondes au plus (ticket CAS : 10 secondes)'],
          [
            'Événements d’accès (pseudonyme réservé aux statistiques)',
            `${HANDOFF_RETENTION_MONTHS}${NB}mois ; les agrégats (effectifs de 5 au moins) sont conservés`,
          ],
          [
            'Journal des affectations',
            'conservé ; l’identifiant d’une personne effacée y est remplacé par un pseudonyme',
          ],
          ['Favoris', 'jusqu’à l’effacement de la personne'],
        ]
      : [
          [
            'Directory (names, roles, classes, groups, year groups)',
            `while the ENT's feed lists the person, then ${ERASURE_GRACE_DAYS} days after they leave`,
          ],
          ['Sign-in token handed to the resource', '120 seconds at most (CAS ticket: 10 seconds)'],
          [
            'Access events (statistics-only pseudonym)',
            `${HANDOFF_RETENTION_MONTHS} months; aggregates (cells of 5 people or more) are kept`,
          ],
          ['Allocation audit trail', 'kept; an erased person’s identifier is replaced by a pseudonym'],
          ['Favourites', 'until the person is erased'],
        ];
  return `<table><thead><tr><th scope="col">${lang === 'fr' ? 'Données' : 'Data'}</th><th scope="col">${lang === 'fr' ? 'Durée' : 'Kept'}</th></tr></thead>
<tbody>${rows.map(([a, b]) => `<tr><td>${e(a!)}</td><td>${e(b!)}</td></tr>`).join('')}</tbody></table>`;
}

/**
 * The register of processing activities (registre des activités de traitement, RGPD art. 30) of the deployment, in
 * French: the processing, its purposes and legal basis, then per resource what it declared and receives, and the
 * retention periods.
 *
 * @example
 * ```ts
 * writeFileSync('registre.html', registerPage(await collectPaperworkData(store, identity, new Date())));
 * ```
 */
export function registerPage(data: PaperworkData): string {
  const d = data.deployment;
  const rows = data.resources
    .map(
      (
        r: PaperworkResource,
      ) => `<tr><th scope="row">${e(r.name)}<br><code>${e(r.id)}</code></th><td>${e(r.publisherName)}</td>
<td>Accès de l’élève ou du personnel à une ressource numérique pédagogique (${e(r.presentation)}), par authentification unique
${r.protocol === 'cas' ? '(CAS)' : r.protocol === 'saml' ? '(SAML 2.0)' : r.protocol === 'lti' ? '(LTI 1.3)' : '(jeton signé)'}</td>
<td>${list(r.declared.length ? r.declared : [], 'fr') || '—'}</td><td>${list(r.pupil, 'fr')}</td><td>${list(r.staff, 'fr')}</td><td>${r.schools.length}</td></tr>`,
    )
    .join('\n');
  return page(
    'fr',
    `Registre des activités de traitement — ${d.name}`,
    `<p class="meta">Produit le ${e(data.generatedAt)} à partir de la configuration et des données du service ${e(d.issuer)}.</p>
<h2>Responsable de traitement</h2><p>${e(d.controller)} — délégué à la protection des données${NB}: ${e(d.dpoContact)}.</p>
<h2>Traitement</h2>
<p>Gestionnaire d’accès aux ressources (GAR)${NB}: mise à disposition des ressources numériques acquises par les établissements, affectation des
licences, authentification unique vers les éditeurs, statistiques d’usage.</p>
<p>Base légale${NB}: mission d’intérêt public (article 6.1.e du RGPD). Personnes concernées${NB}: élèves et personnels des
${data.schools.length}${NB}établissements. Destinataires${NB}: les éditeurs des ressources, pour les seules données ci-dessous.</p>
<h2>Par ressource${NB}: finalité, données déclarées et transmises</h2>
<table><thead><tr><th scope="col">Ressource</th><th scope="col">Éditeur</th><th scope="col">Finalité</th><th scope="col">Déclarées</th><th scope="col">Transmises pour un élève</th><th scope="col">Transmises pour un personnel</th><th scope="col">Établissements</th></tr></thead>
<tbody>
${rows}
</tbody></table>
<p>Chaque ressource reçoit exactement les données qu’elle a déclarées (plus son pseudonyme IDO)${NB}; l’adresse électronique d’un élève n’est jamais
transmise. Ni l’identifiant de l’ENT, ni la date de naissance ne sont transmis.</p>
<h2>Durées de conservation</h2>
${retentionRows('fr')}
<h2>Mesures de sécurité</h2>
<ul><li>Pseudonyme propre à chaque ressource (HMAC-SHA-512 sous un secret hors base de données).</li>
<li>Clés de signature chiffrées (AES-256-GCM) sous une clé fournie par l’environnement, renouvelées avec recouvrement.</li>
<li>Statistiques sous un pseudonyme distinct${NB}; cellules de moins de 5 personnes masquées, avec secret secondaire.</li>
<li>Journal de chaque affectation (qui, quoi, quand, pour quel établissement).</li>
<li>Droit d’accès et effacement sur demande${NB}: <code>opengar person export</code>, <code>opengar person erase</code>.</li></ul>`,
  );
}

const NOTICE = {
  fr: {
    title: (s: string) => `Information des familles — ${s}`,
    intro: (d: string) =>
      `Votre établissement donne accès à des ressources numériques (manuels, dictionnaires, exercices…) par le ${d}. Ce service agit comme un
      filtre${NB}: quand votre enfant ouvre une ressource, l’éditeur ne reçoit que les données nécessaires, listées ci-dessous pour chaque
      ressource.`,
    never: `Jamais transmis${NB}: l’identifiant de l’ENT, la date de naissance, l’adresse électronique d’un élève, ses notes.`,
    resources: 'Ressources de l’établissement et données reçues par l’éditeur',
    none: 'L’établissement n’a pas de ressource pour l’instant.',
    kept: 'Combien de temps',
    rights: 'Vos droits',
    rightsText: (dpo: string) =>
      `Vous pouvez demander l’accès aux données de votre enfant, leur rectification (auprès de l’établissement, qui les tient dans l’ENT) ou leur
      effacement, et vous opposer à un traitement. Délégué à la protection des données${NB}: ${dpo}. Vous pouvez aussi saisir la CNIL (www.cnil.fr).`,
    controller: (c: string) => `Responsable de traitement${NB}: ${c}.`,
    terms: 'Conditions d’utilisation',
    notice: 'Notice d’information complète',
    count: (p: number) => `${p} élève${p > 1 ? 's' : ''}`,
  },
  en: {
    title: (s: string) => `Information for families — ${s}`,
    intro: (d: string) =>
      `Your school gives access to digital resources (textbooks, dictionaries, exercises…) through ${d}. This service works as a filter: when your
      child opens a resource, its publisher receives only the data it needs, listed below for each resource.`,
    never: 'Never shared: the ENT account identifier, the date of birth, a pupil’s e-mail address, their marks.',
    resources: 'The school’s resources and the data their publisher receives',
    none: 'The school has no resource yet.',
    kept: 'How long',
    rights: 'Your rights',
    rightsText: (dpo: string) =>
      `You may ask for access to your child’s data, its correction (from the school, which keeps it in the ENT) or its erasure, and object to its
      processing. Data-protection officer: ${dpo}. You may also complain to the CNIL (www.cnil.fr).`,
    controller: (c: string) => `Controller: ${c}.`,
    terms: 'Terms of use',
    notice: 'Full information notice',
    count: (p: number) => `${p} pupil${p === 1 ? '' : 's'}`,
  },
};

/**
 * The information notice for the families of one school (fr or en), printable: what each of the school's resources
 * receives about a pupil, how long data is kept, and their rights.
 *
 * @example
 * ```ts
 * writeFileSync('notice-0561641E.fr.html', familyNoticePage(data, data.schools[0], 'fr'));
 * ```
 */
export function familyNoticePage(data: PaperworkData, school: PaperworkSchool, lang: 'fr' | 'en'): string {
  const t = NOTICE[lang];
  const d = data.deployment;
  const byId = new Map(data.resources.map((r) => [r.id, r]));
  const items = school.resources
    .map((id) => byId.get(id))
    .filter((r): r is PaperworkResource => r !== undefined)
    .map((r) => `<li><strong>${e(r.name)}</strong> (${e(r.publisherName)})${list(r.pupil, lang)}</li>`)
    .join('\n');
  const links = [
    d.termsUrl ? `<li>${link(d.termsUrl, t.terms)}</li>` : '',
    d.noticeUrl ? `<li>${link(d.noticeUrl, t.notice)}</li>` : '',
  ].join('');
  return page(
    lang,
    t.title(school.name),
    `<p class="meta">${e(school.name)} (${e(school.uai)}) — ${e(t.count(school.pupils))} — ${e(data.generatedAt.slice(0, 10))}</p>
<p>${e(t.intro(d.name))}</p><p>${e(t.never)}</p>
<h2>${e(t.resources)}</h2>
${items ? `<ul>${items}</ul>` : `<p>${e(t.none)}</p>`}
<h2>${e(t.kept)}</h2>
${retentionRows(lang)}
<h2>${e(t.rights)}</h2>
<p>${e(t.rightsText(d.dpoContact))}</p><p>${e(t.controller(d.controller))}</p>
${links ? `<ul>${links}</ul>` : ''}`,
  );
}

/**
 * The outline of the data-protection impact assessment (AIPD), in French: the processing described from the live
 * data, the proportionality measures opengar enforces, the risks with the measures in place, and what the
 * deployment must still write (marked « à compléter »).
 *
 * @example
 * ```ts
 * writeFileSync('aipd.html', impactAssessmentPage(data));
 * ```
 */
export function impactAssessmentPage(data: PaperworkData): string {
  const d = data.deployment;
  const pupils = data.schools.reduce((n, s) => n + s.pupils, 0);
  const staff = data.schools.reduce((n, s) => n + s.staff, 0);
  const most = [...data.resources].sort((a, b) => b.pupil.length - a.pupil.length)[0];
  const todo = (s: string) => `<span class="todo">À compléter${NB}: ${e(s)}</span>`;
  const risk = (what: string, measures: string, left: string) =>
    `<tr><td>${e(what)}</td><td>${e(measures)}</td><td>${left}</td></tr>`;
  return page(
    'fr',
    `Analyse d’impact (AIPD) — trame — ${d.name}`,
    `<p class="meta">Trame produite le ${e(data.generatedAt)} à partir des données du service${NB}; les passages « à compléter » restent à rédiger
    par le responsable de traitement (${e(d.controller)}) avec son DPD (${e(d.dpoContact)}).</p>
<h2>1. Description du traitement</h2>
<p>${data.schools.length}${NB}établissements, ${pupils}${NB}élèves et ${staff}${NB}personnels dans l’annuaire${NB};
${data.resources.length}${NB}ressources au catalogue. Flux${NB}: annuaire envoyé par l’ENT → abonnements des éditeurs → affectations par les
établissements → médiacentre → accès (jeton signé ou CAS).</p>
<h2>2. Nécessité et proportionnalité</h2>
<ul><li>Minimisation${NB}: chaque ressource ne reçoit que les attributs qu’elle a déclarés (voir le
registre)${most ? `${NB}; la plus demandeuse, « ${e(most.name)} », reçoit ${most.pupil.length}${NB}attributs pour un élève` : ''}.</li>
<li>Pseudonymisation${NB}: identifiant propre à chaque ressource${NB}; statistiques sous un pseudonyme distinct.</li>
<li>Durées de conservation${NB}:</li></ul>
${retentionRows('fr')}
<p>Information des personnes${NB}: notice par établissement (fr/en), « Données transmises » affichées dans le médiacentre et la console. Droits${NB}:
export d’accès et effacement par l’opérateur.</p>
<h2>3. Risques et mesures</h2>
<table><thead><tr><th scope="col">Risque</th><th scope="col">Mesures en place</th><th scope="col">Risque résiduel</th></tr></thead><tbody>
${risk('Accès illégitime aux données d’un élève par un éditeur', 'Attributs déclarés seulement, pseudonyme par ressource, jetons de 120 s à usage unique', todo('gravité et vraisemblance'))}
${risk('Recoupement entre éditeurs', 'Pseudonymes distincts par ressource ou famille de ressources', todo('gravité et vraisemblance'))}
${risk('Fuite de la base de données', 'Clés chiffrées sous une clé hors base, secrets hors base, pas de date de naissance transmise', todo('hébergement, sauvegardes, chiffrement du disque'))}
${risk('Réidentification par les statistiques', 'Cellules de moins de 5 personnes masquées, secret secondaire, pas de plage libre', todo('gravité et vraisemblance'))}
${risk('Erreur d’affectation', 'Journal de chaque affectation avec annulation', todo('procédure de contrôle'))}
</tbody></table>
<h2>4. Plan d’action et validation</h2>
<p>${todo('mesures complémentaires, avis du DPD, décision du responsable de traitement, date de révision')}</p>`,
  );
}
