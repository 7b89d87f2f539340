// Texts of the panel's year views (subscriptions, synchronisation, notifications), kept apart from the allocation texts.

/** A subscription's status in the read-only list. */
export type SubscriptionStatus = 'delivered' | 'new' | 'ending' | 'expired' | 'over';

/** The texts of the subscriptions, synchronisation and notifications tabs. */
export interface YearTranslation {
  statuses: Record<SubscriptionStatus, string>;
  catalogue: {
    title: string;
    search: string;
    publisher: string;
    type: string;
    status: string;
    any: string;
    toAllocate: string;
    sort: string;
    sorts: Record<'name' | 'end' | 'status' | 'publisher', string>;
    shown: (shown: number, total: number) => string;
    none: string;
    columns: { resource: string; publisher: string; type: string; ends: string; status: string; copies: string };
    exportSubscriptions: string;
    exportAllocations: string;
    exportHolders: string;
    exporting: string;
    readOnly: string;
  };
  /** Column names of the exported files. */
  csv: {
    subscriptions: readonly string[];
    allocations: readonly string[];
    holders: readonly string[];
    yes: string;
    no: string;
    file: (what: 'subscriptions' | 'allocations' | 'holders', uai: string) => string;
  };
  sync: {
    title: string;
    lastFeed: (date: string) => string;
    none: string;
    noneHelp: string;
    counts: string;
    changes: string;
    noChanges: string;
    anomalies: string;
    noAnomalies: string;
    export: string;
    profiles: Record<string, string>;
    changeNames: Record<string, string>;
    anomalyNames: Record<string, (n: number) => string>;
  };
  inbox: {
    title: string;
    tab: (unread: number) => string;
    tabLabel: (unread: number) => string;
    empty: string;
    unread: string;
    markRead: string;
    markReadLabel: (text: string) => string;
    markAllRead: string;
    allRead: string;
    marked: (n: number) => string;
    /** The e-mail preferences: a legend, one label per group of kinds, what a change says. */
    preferences: string;
    groups: Record<'subscriptions' | 'copies' | 'feeds', string>;
    saved: string;
  };
  loading: string;
  retry: string;
  failed: string;
}

const s = (n: number, one: string, many: string) => (Math.abs(n) < 2 ? one : many);
const nb = '\u00a0';

/** French texts of the year views. */
export const yearFr: YearTranslation = {
  statuses: {
    delivered: 'Livré',
    new: 'Nouveau',
    ending: 'Bientôt terminé',
    expired: 'Expiré',
    over: 'Sur-affecté',
  },
  catalogue: {
    title: 'Abonnements de l’établissement',
    search: 'Rechercher une ressource',
    publisher: 'Éditeur ou distributeur',
    type: 'Type de licence',
    status: 'État',
    any: 'Tous',
    toAllocate: 'À affecter seulement',
    sort: 'Trier par',
    sorts: { name: 'Nom', end: 'Date de fin', status: 'État', publisher: 'Éditeur' },
    shown: (shown, total) => `${shown} ${s(shown, 'abonnement affiché', 'abonnements affichés')} sur ${total}`,
    none: 'Aucun abonnement ne correspond à ces critères.',
    columns: {
      resource: 'Ressource',
      publisher: 'Éditeur',
      type: 'Type',
      ends: 'Fin',
      status: 'État',
      copies: 'Licences utilisées',
    },
    exportSubscriptions: 'Exporter les abonnements (CSV)',
    exportAllocations: 'Exporter les affectations (CSV)',
    exportHolders: 'Exporter les bénéficiaires (CSV)',
    exporting: 'Export en cours…',
    readOnly: 'Consultation seule : l’affectation est réservée aux responsables et aux délégués.'.replace(
      ' :',
      `${nb}:`,
    ),
  },
  csv: {
    subscriptions: [
      'Identifiant',
      'Ressource',
      'Éditeur',
      'Type',
      'Début',
      'Fin',
      'État',
      'Licences',
      'Utilisées',
      'Affectations',
    ],
    allocations: ['Abonnement', 'Ressource', 'Cible', 'Licences', 'Date'],
    holders: ['Abonnement', 'Ressource', 'Nom', 'Prénom', 'Public'],
    yes: 'oui',
    no: 'non',
    file: (what, uai) =>
      `${{ subscriptions: 'abonnements', allocations: 'affectations', holders: 'beneficiaires' }[what]}-${uai}`,
  },
  sync: {
    title: 'Synchronisation avec l’ENT',
    lastFeed: (d) => `Dernier flux reçu le ${d}`,
    none: 'Aucun flux reçu pour cet établissement.',
    noneHelp:
      'Le rapport de synchronisation apparaîtra après le premier envoi de l’annuaire par l’ENT. ' +
      'Si rien n’arrive, contactez l’assistance de votre ENT.',
    counts: 'Personnes par profil',
    changes: 'Ce que le dernier flux a changé',
    noChanges: 'Le dernier flux n’a rien changé.',
    anomalies: 'Points à corriger dans l’ENT',
    noAnomalies: `Aucune anomalie${nb}: l’annuaire est complet.`,
    export: 'Exporter (CSV)',
    profiles: {
      National_elv: 'Élèves',
      National_ens: 'Enseignants',
      National_doc: 'Documentalistes',
      National_dir: 'Direction',
      National_etd: 'Étudiants',
      National_tut: 'Tuteurs',
      National_evs: 'Vie scolaire',
      National_pers: 'Autres personnels',
    },
    changeNames: {
      arrived: 'Personnes arrivées',
      changed: 'Personnes modifiées',
      left: 'Personnes parties',
      divisionsAdded: 'Divisions ajoutées',
      divisionsRenamed: 'Divisions renommées',
      divisionsRemoved: 'Divisions supprimées',
      groupsAdded: 'Groupes ajoutés',
      groupsRenamed: 'Groupes renommés',
      groupsRemoved: 'Groupes supprimés',
      membershipChanges: 'Changements d’appartenance',
    },
    anomalyNames: {
      pupilsWithoutDivision: (n) => `${n} ${s(n, 'élève sans division', 'élèves sans division')}`,
      pupilsWithoutMef: (n) => `${n} ${s(n, 'élève sans MEF', 'élèves sans MEF')}`,
      divisionsWithoutPupils: (n) => `${n} ${s(n, 'division sans élève', 'divisions sans élève')}`,
      teachersWithoutClasses: (n) => `${n} ${s(n, 'enseignant sans classe', 'enseignants sans classe')}`,
      managersWithoutEmail: (n) =>
        `${n} ${s(n, 'responsable sans adresse électronique', 'responsables sans adresse électronique')}`,
      pupilsWithUnknownLevel: (n) =>
        `${n} ${s(n, 'élève dont le niveau', 'élèves dont le niveau')} n’est pas un niveau d’école (CP à CM2)`,
      directorsNotInRespAff: (n) =>
        `${n} ${s(n, 'directeur ou directrice absent', 'directeurs ou directrices absents')} du fichier des responsables d’affectation`,
      profilesAbsentAtEcole: (n) =>
        `${n} ${s(n, 'personne', 'personnes')} avec un profil qui n’existe pas à l’école (documentaliste)`,
    },
  },
  inbox: {
    title: 'Notifications',
    tab: (n) => (n > 0 ? `Notifications (${n})` : 'Notifications'),
    tabLabel: (n) => (n > 0 ? `Notifications, ${n} ${s(n, 'non lue', 'non lues')}` : 'Notifications'),
    empty: 'Aucune notification.',
    unread: 'Non lue',
    markRead: 'Marquer comme lue',
    markReadLabel: (text) => `Marquer comme lue${nb}: ${text}`,
    markAllRead: 'Tout marquer comme lu',
    allRead: 'Tout est lu.',
    marked: (n) => `${n} ${s(n, 'notification marquée comme lue', 'notifications marquées comme lues')}.`,
    preferences: 'Recevoir aussi par courriel',
    groups: {
      subscriptions: 'Abonnements nouveaux, bientôt terminés ou terminés',
      copies: 'Licences bientôt épuisées ou sur-affectation',
      feeds: 'Problèmes de synchronisation avec l’ENT',
    },
    saved: 'Préférences enregistrées.',
  },
  loading: 'Chargement…',
  retry: 'Réessayer',
  failed: 'Le chargement a échoué.',
};

/** English texts of the year views. */
export const yearEn: YearTranslation = {
  statuses: { delivered: 'Delivered', new: 'New', ending: 'Ending soon', expired: 'Expired', over: 'Over-allocated' },
  catalogue: {
    title: 'The school’s subscriptions',
    search: 'Search a resource',
    publisher: 'Publisher or distributor',
    type: 'Licence type',
    status: 'Status',
    any: 'All',
    toAllocate: 'To allocate only',
    sort: 'Sort by',
    sorts: { name: 'Name', end: 'End date', status: 'Status', publisher: 'Publisher' },
    shown: (shown, total) => `${shown} of ${total} ${total === 1 ? 'subscription' : 'subscriptions'} shown`,
    none: 'No subscription matches these criteria.',
    columns: {
      resource: 'Resource',
      publisher: 'Publisher',
      type: 'Type',
      ends: 'Ends',
      status: 'Status',
      copies: 'Licences used',
    },
    exportSubscriptions: 'Export subscriptions (CSV)',
    exportAllocations: 'Export allocations (CSV)',
    exportHolders: 'Export holders (CSV)',
    exporting: 'Exporting…',
    readOnly: 'Read only: allocation is for the school’s managers and delegates.',
  },
  csv: {
    subscriptions: ['Id', 'Resource', 'Publisher', 'Type', 'Start', 'End', 'Status', 'Licences', 'Used', 'Allocations'],
    allocations: ['Subscription', 'Resource', 'Target', 'Licences', 'Date'],
    holders: ['Subscription', 'Resource', 'Last name', 'First name', 'Audience'],
    yes: 'yes',
    no: 'no',
    file: (what, uai) => `${what}-${uai}`,
  },
  sync: {
    title: 'Synchronisation with the ENT',
    lastFeed: (d) => `Last feed received on ${d}`,
    none: 'No feed received for this school yet.',
    noneHelp:
      'The synchronisation report appears once the ENT has sent its directory. If nothing comes, contact your ENT’s support.',
    counts: 'People per profile',
    changes: 'What the last feed changed',
    noChanges: 'The last feed changed nothing.',
    anomalies: 'To fix in the ENT',
    noAnomalies: 'No anomaly: the directory is complete.',
    export: 'Export (CSV)',
    profiles: {
      National_elv: 'Pupils',
      National_ens: 'Teachers',
      National_doc: 'Librarians',
      National_dir: 'Management',
      National_etd: 'Students',
      National_tut: 'Tutors',
      National_evs: 'School life',
      National_pers: 'Other staff',
    },
    changeNames: {
      arrived: 'People arrived',
      changed: 'People changed',
      left: 'People left',
      divisionsAdded: 'Divisions added',
      divisionsRenamed: 'Divisions renamed',
      divisionsRemoved: 'Divisions removed',
      groupsAdded: 'Groups added',
      groupsRenamed: 'Groups renamed',
      groupsRemoved: 'Groups removed',
      membershipChanges: 'Membership changes',
    },
    anomalyNames: {
      pupilsWithoutDivision: (n) => `${n} ${n === 1 ? 'pupil' : 'pupils'} without a division`,
      pupilsWithoutMef: (n) => `${n} ${n === 1 ? 'pupil' : 'pupils'} without a MEF`,
      divisionsWithoutPupils: (n) => `${n} ${n === 1 ? 'division' : 'divisions'} without pupils`,
      teachersWithoutClasses: (n) => `${n} ${n === 1 ? 'teacher' : 'teachers'} in no class`,
      managersWithoutEmail: (n) => `${n} ${n === 1 ? 'manager' : 'managers'} without an e-mail address`,
      pupilsWithUnknownLevel: (n) =>
        `${n} ${n === 1 ? 'pupil' : 'pupils'} whose level is not a primary level (CP to CM2)`,
      directorsNotInRespAff: (n) => `${n} ${n === 1 ? 'director' : 'directors'} missing from the RespAff file`,
      profilesAbsentAtEcole: (n) =>
        `${n} ${n === 1 ? 'person' : 'people'} with a profile a primary school does not have (librarian)`,
    },
  },
  inbox: {
    title: 'Notifications',
    tab: (n) => (n > 0 ? `Notifications (${n})` : 'Notifications'),
    tabLabel: (n) => (n > 0 ? `Notifications, ${n} unread` : 'Notifications'),
    empty: 'No notifications.',
    unread: 'Unread',
    markRead: 'Mark as read',
    markReadLabel: (text) => `Mark as read: ${text}`,
    markAllRead: 'Mark all as read',
    allRead: 'All read.',
    marked: (n) => `${n} ${n === 1 ? 'notification' : 'notifications'} marked as read.`,
    preferences: 'Also receive by e-mail',
    groups: {
      subscriptions: 'New, ending and ended subscriptions',
      copies: 'Licences running out, over-allocation',
      feeds: 'Synchronisation problems with the ENT',
    },
    saved: 'Preferences saved.',
  },
  loading: 'Loading…',
  retry: 'Retry',
  failed: 'Loading failed.',
};
