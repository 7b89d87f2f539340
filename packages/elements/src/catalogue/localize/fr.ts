import { commonErrorsFr } from '../../shared/common-texts.js';
import type { CatalogueTranslation } from './translation.js';

const n = (count: number, one: string, many: string) => `${count.toLocaleString('fr-FR')} ${count > 1 ? many : one}`;

/** French, the default language of `<gar-catalogue>`. */
export const catalogueFr: CatalogueTranslation = {
  locale: 'fr-FR',
  title: 'Catalogue des ressources',
  loading: 'Chargement du catalogue…',
  search: 'Rechercher une ressource',
  searchHint: 'Titre, éditeur, niveau, discipline… Les accents et les petites fautes de frappe sont tolérés.',
  filters: 'Filtres',
  filtersSummary: (chosen) => (chosen === 0 ? 'Filtres' : `Filtres (${chosen} ${chosen > 1 ? 'choisis' : 'choisi'})`),
  facets: {
    status: 'Dans l’établissement',
    level: 'Niveau',
    subject: 'Discipline',
    type: 'Type',
    price: 'Coût',
    offer: 'Offre nationale',
    publisher: 'Éditeur',
  },
  statuses: { subscribed: 'Déjà abonné ici', 'not-subscribed': 'Pas encore', ended: 'Abonnement terminé' },
  statusBadge: (status, until) =>
    status === 'subscribed'
      ? `Déjà abonné ici${until ? ` jusqu’au ${until}` : ''}`
      : status === 'ended'
        ? `Abonnement terminé${until ? ` le ${until}` : ''}`
        : 'Pas encore abonné',
  prices: { free: 'Gratuit', paid: 'Payant' },
  offers: { EDUTHEQUE: 'Éduthèque', BRNE: 'BRNE' },
  facetOption: (label, count) => `${label} (${count.toLocaleString('fr-FR')})`,
  clearFilters: 'Effacer les filtres',
  results: (shown, total) =>
    shown === total
      ? n(total, 'ressource', 'ressources')
      : `${shown.toLocaleString('fr-FR')} sur ${n(total, 'ressource', 'ressources')}`,
  showMore: (more) => `Afficher ${n(more, 'ressource de plus', 'ressources de plus')}`,
  empty: 'Le catalogue est vide.',
  emptyHint: 'Aucun éditeur n’a encore livré de ressource.',
  noMatch: (query) =>
    query
      ? `Aucune ressource ne correspond à «\u202f${query}\u202f».`
      : 'Aucune ressource ne correspond à ces filtres.',
  noMatchHint: 'Essayez un autre mot, ou effacez les filtres.',
  select: (name) => `Sélectionner ${name}`,
  selectAllShown: 'Tout sélectionner',
  selected: (count) => n(count, 'ressource sélectionnée', 'ressources sélectionnées'),
  copyReferences: 'Copier les références',
  clearSelection: 'Vider la sélection',
  copied: (count) =>
    `${n(count, 'référence copiée', 'références copiées')}\u202f: collez-les dans votre bon de commande.`,
  copyFallback: 'Le presse-papiers n’est pas disponible\u202f: sélectionnez le texte ci-dessous et copiez-le.',
  resource: 'Ressource',
  reference: 'Référence',
  publisher: 'Éditeur',
  distributor: 'Distributeur',
  data: 'Données transmises',
  dataIntro: 'À l’ouverture, la ressource reçoit uniquement\u202f:',
  retry: 'Réessayer',
  refused:
    'Le catalogue est réservé aux personnels de direction, aux professeurs documentalistes et aux enseignants de l’établissement.',
  errors: {
    ...commonErrorsFr,
    forbidden:
      'Le catalogue est réservé aux personnels de direction, aux professeurs documentalistes et aux enseignants de l’établissement.',
    notEntitled: 'Cet établissement est introuvable.',
    notConfigured: 'Le catalogue n’est pas configuré (adresse du service manquante).',
    badLink: 'Ce lien n’est pas valide.',
  },
};
