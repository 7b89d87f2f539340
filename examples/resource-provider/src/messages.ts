import type { GarAttributeName, GarTokenErrorCode } from '@opengar/verifier';

/**
 * A language the example site speaks: French (default) or English.
 *
 * @example
 * ```ts
 * const lang: Lang = pickLang('en-GB,en;q=0.8', undefined); // 'en'
 * ```
 */
export type Lang = 'fr' | 'en';

/** Every text of the site, in one language. */
export interface Messages {
  readonly title: string;
  readonly received: string;
  readonly receivedNote: string;
  readonly attribute: string;
  readonly value: string;
  readonly token: string;
  readonly issuer: string;
  readonly audience: string;
  readonly issuedAt: string;
  readonly expiresAt: string;
  readonly tokenId: string;
  readonly otherLang: string;
  readonly signOut: string;
  readonly signedOut: string;
  readonly launchFromEnt: string;
  readonly sessionUnknown: string;
  /** Heading of a deep-linked page (grain). */
  readonly pageHeading: string;
  /** Says which page the person asked for; `{path}` is replaced (escaped). */
  readonly pageNote: string;
  /** Link from a page to what the token carried. */
  readonly seeClaims: string;
  readonly refused: string;
  readonly internal: string;
  readonly attributes: Readonly<Record<GarAttributeName, string>>;
  readonly errors: Readonly<Record<GarTokenErrorCode, string>>;
}

const relaunchFr = 'Relancez la ressource depuis votre ENT.';
const relaunchEn = 'Open the resource again from your school portal (ENT).';

/**
 * The site's texts in French and English.
 *
 * @example
 * ```ts
 * messages.fr.attributes.NOM; // 'Nom'
 * ```
 */
export const messages: Readonly<Record<Lang, Messages>> = {
  fr: {
    title: 'Dictionnaire — ressource de démonstration',
    received: 'Ce que le GAR nous a transmis',
    receivedNote: 'Seuls les attributs déclarés par la ressource sont transmis ; rien d’autre n’est conservé.',
    attribute: 'Attribut',
    value: 'Valeur',
    token: 'Jeton vérifié',
    issuer: 'Émetteur',
    audience: 'Ressource',
    issuedAt: 'Émis le',
    expiresAt: 'Expire le',
    tokenId: 'Identifiant du jeton',
    otherLang: 'English',
    signOut: 'Se déconnecter',
    signedOut: 'Vous êtes déconnecté.',
    launchFromEnt: 'Ouvrez cette ressource depuis le médiacentre de votre ENT.',
    sessionUnknown: `Cette session n’existe pas ou a expiré. ${relaunchFr}`,
    pageHeading: 'Page demandée',
    pageNote: 'Vous êtes sur la page {path}, ouverte par un lien du GAR.',
    seeClaims: 'Ce que le GAR nous a transmis',
    refused: 'Accès refusé',
    internal: 'Une erreur interne est survenue. Réessayez plus tard.',
    attributes: {
      IDO: 'Identifiant (pseudonyme)',
      UAI: 'Établissement',
      PRO: 'Profil',
      NOM: 'Nom',
      PRE: 'Prénom',
      CIV: 'Civilité',
      P_MEL: 'Courriel',
      DIV: 'Divisions',
      GRO: 'Groupes',
      P_MS4: 'Niveaux enseignés (MEFSTAT4)',
      E_MS4: 'Niveau (MEFSTAT4)',
    },
    errors: {
      expired: `Le lien d’accès a expiré. ${relaunchFr}`,
      not_yet_valid: 'Le lien d’accès n’est pas encore valide : vérifiez l’horloge du serveur.',
      bad_signature: 'Le lien d’accès n’a pas une signature valide.',
      wrong_audience: 'Le lien d’accès est destiné à une autre ressource.',
      wrong_issuer: 'Le lien d’accès ne vient pas du GAR attendu.',
      wrong_type: 'Ce jeton n’est pas un jeton d’accès GAR.',
      replayed: `Ce lien d’accès a déjà été utilisé. ${relaunchFr}`,
      unknown_key: 'Le lien d’accès est signé par une clé inconnue.',
      jwks_unavailable: 'Les clés du GAR sont momentanément indisponibles. Réessayez dans un instant.',
      unsupported_algorithm: 'Le lien d’accès utilise un algorithme refusé.',
      malformed: `Le lien d’accès est absent ou mal formé. ${relaunchFr}`,
    },
  },
  en: {
    title: 'Dictionary — demo resource',
    received: 'What GAR sent us',
    receivedNote: 'Only the attributes the resource declared are sent; nothing else is kept.',
    attribute: 'Attribute',
    value: 'Value',
    token: 'Verified token',
    issuer: 'Issuer',
    audience: 'Resource',
    issuedAt: 'Issued at',
    expiresAt: 'Expires at',
    tokenId: 'Token id',
    otherLang: 'Français',
    signOut: 'Sign out',
    signedOut: 'You are signed out.',
    launchFromEnt: 'Open this resource from the médiacentre of your school portal (ENT).',
    sessionUnknown: `This session does not exist or has expired. ${relaunchEn}`,
    pageHeading: 'Requested page',
    pageNote: 'You are on page {path}, opened from a GAR link.',
    seeClaims: 'What GAR sent us',
    refused: 'Access refused',
    internal: 'An internal error occurred. Please try again later.',
    attributes: {
      IDO: 'Identifier (pseudonym)',
      UAI: 'School',
      PRO: 'Profile',
      NOM: 'Last name',
      PRE: 'First name',
      CIV: 'Title',
      P_MEL: 'E-mail',
      DIV: 'Classes',
      GRO: 'Groups',
      P_MS4: 'Levels taught (MEFSTAT4)',
      E_MS4: 'Level (MEFSTAT4)',
    },
    errors: {
      expired: `The access link has expired. ${relaunchEn}`,
      not_yet_valid: 'The access link is not valid yet: check the server clock.',
      bad_signature: 'The access link does not carry a valid signature.',
      wrong_audience: 'The access link is meant for another resource.',
      wrong_issuer: 'The access link does not come from the expected GAR service.',
      wrong_type: 'This token is not a GAR access token.',
      replayed: `This access link has already been used. ${relaunchEn}`,
      unknown_key: 'The access link is signed with an unknown key.',
      jwks_unavailable: 'GAR’s keys are unavailable for a moment. Please try again shortly.',
      unsupported_algorithm: 'The access link uses a refused algorithm.',
      malformed: `The access link is missing or malformed. ${relaunchEn}`,
    },
  },
};

/**
 * Picks the language: an explicit `lang` parameter first, then `Accept-Language`, else French.
 *
 * @example
 * ```ts
 * pickLang('en-US,en;q=0.9', undefined); // 'en'
 * pickLang('en-US', 'fr'); // 'fr'
 * ```
 */
export function pickLang(acceptLanguage: string | undefined, explicit: string | undefined): Lang {
  if (explicit === 'fr' || explicit === 'en') return explicit;
  for (const part of (acceptLanguage ?? '').split(',')) {
    const tag = part.split(';')[0]?.trim().toLowerCase() ?? '';
    if (tag.startsWith('fr')) return 'fr';
    if (tag.startsWith('en')) return 'en';
  }
  return 'fr';
}
