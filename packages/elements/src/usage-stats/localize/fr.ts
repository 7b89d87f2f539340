import { commonErrorsFr } from '../../shared/common-texts.js';
import type { UsageStatsTranslation } from './translation.js';

/** French, the default language of `<gar-usage-stats>`. */
export const usageStatsFr: UsageStatsTranslation = {
  locale: 'fr-FR',
  title: 'Statistiques d’utilisation',
  loading: 'Chargement des statistiques…',
  tabsLabel: 'Vues des statistiques',
  tabs: { usage: 'Utilisation', unused: 'Ressources peu ouvertes', quality: 'Qualité de service' },
  schoolYear: 'Année scolaire',
  month: 'Mois',
  wholeYear: 'Toute l’année',
  currentYear: (label) => `Année scolaire en cours\u00a0: ${label}`,
  schoolYearLabel: (start, end) => `${start}-${end}`,
  breakdown: 'Répartition par',
  breakdowns: { resource: 'Ressource', profile: 'Profil', division: 'Classe' },
  metric: 'Mesure',
  metrics: { accesses: 'Accès', people: 'Personnes distinctes' },
  display: 'Affichage',
  chart: 'Graphique',
  table: 'Tableau',
  exportCsv: 'Exporter en CSV',
  total: 'Total',
  rowHeader: { resource: 'Ressource', profile: 'Profil', division: 'Classe' },
  profiles: {
    National_elv: 'Élèves',
    National_ens: 'Enseignants',
    National_doc: 'Professeurs documentalistes',
    National_dir: 'Personnels de direction',
    National_evs: 'Vie scolaire',
    National_eta: 'Personnels administratifs',
    National_col: 'Collectivité',
  },
  caption: (metric, by, period) => `${metric} par ${by.toLowerCase()}, ${period}`,
  chartByColumn: (metric, period) => `${metric} au fil de la période, ${period}`,
  chartByRow: (metric, by, period) => `${metric} par ${by.toLowerCase()}, ${period}`,
  chartSummary: (count, highest, hidden) =>
    [
      count === 0 ? 'Aucune valeur.' : count === 1 ? '1 valeur.' : `${count} valeurs.`,
      highest ? `La plus haute\u00a0: ${highest}.` : '',
      hidden === 0
        ? ''
        : hidden === 1
          ? '1 valeur masquée (moins de 5 personnes).'
          : `${hidden} valeurs masquées (moins de 5 personnes).`,
      'Le tableau donne chaque valeur.',
    ]
      .filter(Boolean)
      .join(' '),
  showTable: 'Voir le tableau',
  hiddenMark: 'masqué',
  suppressedTitle: 'Pourquoi certains chiffres sont masqués',
  suppressedPrimary: (band, k) =>
    `«\u00a0${band}\u00a0»\u00a0: moins de ${k} personnes distinctes.` +
    ` Pour que personne ne puisse être reconnu, ces chiffres ne sont jamais donnés, ni leurs nombres d’accès.`,
  suppressedSecondary:
    '«\u00a0masqué\u00a0»\u00a0: d’autres chiffres, pas forcément petits, sont masqués pour qu’on ne puisse pas retrouver les premiers en les soustrayant des totaux. C’est pourquoi une ligne peut sembler ne pas tomber juste. Une case masquée n’est pas un zéro.',
  suppressedCell: (band, reason, k) =>
    reason === 'primary'
      ? `${band}\u00a0: moins de ${k} personnes, chiffre masqué`
      : `${band}\u00a0: ce chiffre n’est pas petit forcément\u00a0; il est masqué pour qu’on ne puisse pas retrouver un petit nombre à partir des totaux`,
  allSuppressed: 'Tous les chiffres de cette période sont masqués\u00a0: trop peu de personnes pour les publier.',
  emptyTitle: 'Aucune utilisation sur cette période',
  emptyHint: 'Aucune ressource n’a été ouverte. Choisissez une autre période.',
  allocationsTitle: 'Exemplaires utilisés / affectés',
  tableOf: (title) => `Tableau\u00a0: ${title}`,
  allocationsHint:
    'Par ressource et par public\u00a0: exemplaires ouverts au moins une fois, sur les exemplaires affectés.',
  audiences: {
    ELEVE: 'Élèves',
    ENSEIGNANT: 'Enseignants',
    DOCUMENTALISTE: 'Documentalistes',
    'AUTRE PERSONNEL': 'Autres personnels',
  },
  unusedTitle: 'Affectées mais jamais ouvertes',
  unusedHint: 'Ressources dont des exemplaires sont affectés, que personne n’a ouvertes sur la période.',
  unusedNone: 'Toutes les ressources affectées ont été ouvertes.',
  fewTitle: 'Ouvertes par peu de personnes',
  fewHint: 'Le nombre de personnes est donné par tranche\u00a0: «\u00a0<5\u00a0» veut dire moins de 5.',
  fewNone: 'Aucune ressource ouverte par peu de personnes.',
  allocated: (count) => `${count} exemplaire(s) affecté(s)`,
  openedBy: (band) => `ouverte par ${band} personne(s)`,
  qualityTitle: 'Ouvertures réussies et refusées, par ressource et par jour',
  qualityHint:
    'Des refus sans aucune ouverture réussie signalent un problème\u202f; un jour sans rien veut seulement dire que personne ne l’a utilisée.',
  qualityNone: 'Aucune ouverture sur cette période.',
  resource: 'Ressource',
  day: 'Jour',
  successes: 'Réussies',
  refusals: 'Refusées',
  qualityVerdicts: {
    ok: 'Fonctionne',
    down: 'Injoignable au dernier contrôle\u00a0: la ressource est en panne',
    refusals: 'Refus sans ouverture réussie\u00a0: à vérifier',
    unused: 'Personne ne l’a utilisée',
  },
  qualityDays: (name) => `Ouvertures de ${name}, par jour`,
  serviceSummary: (requests, errorRate, p95) =>
    `Service GAR\u00a0: ${requests} requêtes ce mois-ci\u202f; pire journée\u00a0: ${errorRate} d’erreurs, 95\u202f% des réponses en moins de ${p95} ms.`,
  csv: {
    separator: ';',
    headers: ['période', 'clé', 'libellé', 'mois', 'accès', 'personnes'],
    total: 'total',
    hidden: 'masqué',
  },
  csvFile: (period, by) => `statistiques-${period}-par-${by}`,
  refusalReasons: {
    no_copy: 'pas d’exemplaire affecté',
    outside_validity: 'hors de la période de l’abonnement',
    unavailable: 'ressource indisponible',
  },
  errorTitle: 'Impossible d’afficher les statistiques',
  offlineTitle: 'Vous êtes hors connexion',
  retry: 'Réessayer',
  refusedTitle: 'Statistiques réservées aux responsables d’affectation',
  errors: {
    ...commonErrorsFr,
    forbidden:
      'Seuls les responsables d’affectation de l’établissement et leurs délégués peuvent consulter ces statistiques.',
    notEntitled: 'Ces statistiques ne sont pas disponibles pour cet établissement.',
    notConfigured: 'Les statistiques ne sont pas configurées (adresse du service manquante).',
    badLink: 'Le service a répondu quelque chose d’inattendu.',
  },
};
