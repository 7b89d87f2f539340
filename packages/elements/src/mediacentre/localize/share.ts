import type { GrainRefusal } from '@opengar/core';

/** The texts of the médiacentre's links to a resource and to one of its pages. */
export interface ShareTranslation {
  /** The tile's button (its accessible name). */
  copyLinkOf: (name: string) => string;
  title: string;
  intro: string;
  resourceLink: string;
  copy: string;
  copied: (name: string) => string;
  pageCopied: (name: string) => string;
  copyFailed: string;
  pageAddress: string;
  pageHint: (origins: string) => string;
  copyPage: string;
  grainErrors: Record<GrainRefusal, string>;
}

const NNBSP = '\u202f';

/** French. */
export const shareFr: ShareTranslation = {
  copyLinkOf: (name) => `Copier le lien vers ${name}`,
  title: 'Partager un lien',
  intro:
    'Ce lien ouvre la ressource pour chaque élève qui y a droit, après sa connexion à l’ENT. Collez-le dans le cahier de textes ou un cours.',
  resourceLink: 'Lien vers la ressource',
  copy: 'Copier le lien',
  copied: (name) => `Lien vers «${NNBSP}${name}${NNBSP}» copié.`,
  pageCopied: (name) => `Lien vers une page de «${NNBSP}${name}${NNBSP}» copié.`,
  copyFailed: `Copie impossible${NNBSP}: sélectionnez le lien et copiez-le vous-même.`,
  pageAddress: 'Adresse d’une page de la ressource',
  pageHint: (origins) => `Ouvrez la page chez l’éditeur et collez son adresse ici (elle commence par ${origins}).`,
  copyPage: 'Copier le lien vers cette page',
  grainErrors: {
    too_long: 'Cette adresse est trop longue.',
    control_character: 'Cette adresse contient un espace ou un caractère invisible.',
    backslash: 'Cette adresse contient une barre oblique inverse (\\).',
    encoded_separator: 'Cette adresse contient un caractère codé non accepté (%2f, %5c…).',
    not_a_url: 'Ce n’est pas une adresse de page (https://…).',
    scheme: 'Seules les adresses https:// sont acceptées.',
    userinfo: 'Cette adresse contient un nom d’utilisateur (@).',
    fragment: `Retirez la fin de l’adresse à partir de #${NNBSP}: elle n’est pas transmise.`,
    not_canonical: 'Copiez l’adresse telle que le navigateur l’affiche.',
    foreign_origin: 'Cette adresse n’est pas sur le site de l’éditeur de cette ressource.',
    no_grains: 'Cette ressource n’accepte pas de lien vers une page.',
  },
};

/** English. */
export const shareEn: ShareTranslation = {
  copyLinkOf: (name) => `Copy the link to ${name}`,
  title: 'Share a link',
  intro:
    'This link opens the resource for every pupil entitled to it, after they sign in to their ENT. Paste it in the homework book or a course.',
  resourceLink: 'Link to the resource',
  copy: 'Copy the link',
  copied: (name) => `Link to “${name}” copied.`,
  pageCopied: (name) => `Link to a page of “${name}” copied.`,
  copyFailed: 'Could not copy: select the link and copy it yourself.',
  pageAddress: 'Address of a page of the resource',
  pageHint: (origins) => `Open the page at the publisher and paste its address here (it starts with ${origins}).`,
  copyPage: 'Copy the link to this page',
  grainErrors: {
    too_long: 'This address is too long.',
    control_character: 'This address holds a space or an invisible character.',
    backslash: 'This address holds a backslash (\\).',
    encoded_separator: 'This address holds an encoded character that is not accepted (%2f, %5c…).',
    not_a_url: 'This is not the address of a page (https://…).',
    scheme: 'Only https:// addresses are accepted.',
    userinfo: 'This address holds a user name (@).',
    fragment: 'Remove the end of the address from #: it is not passed on.',
    not_canonical: 'Copy the address as the browser shows it.',
    foreign_origin: 'This address is not on the site of this resource’s publisher.',
    no_grains: 'This resource accepts no link to a page.',
  },
};
