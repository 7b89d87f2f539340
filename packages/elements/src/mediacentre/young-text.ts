import type { MediacentreLang } from './localize/translation.js';

/**
 * The texts of the young pupils' médiacentre (`variant="young"`): short words a CP pupil's teacher reads with them,
 * French first. Kept apart from the main translation so the standard médiacentre's texts stay as they are.
 */
export interface YoungText {
  title: string;
  listLabel: string;
  listen: string;
  listenLabel: (name: string) => string;
  opening: string;
  more: (n: number) => string;
  emptyTitle: string;
  emptyHint: string;
}

const nb = '\u202f';

export const YOUNG_TEXT: Record<MediacentreLang, YoungText> = {
  fr: {
    title: 'Mes livres et mes jeux',
    listLabel: 'Mes ressources',
    listen: 'Écouter',
    listenLabel: (name) => `Écouter le nom${nb}: ${name}`,
    opening: 'Ça s’ouvre…',
    more: (n) => `Voir encore ${n}`,
    emptyTitle: 'Rien pour l’instant',
    emptyHint: 'Ton enseignant ou ton enseignante va bientôt t’en donner.',
  },
  en: {
    title: 'My books and games',
    listLabel: 'My resources',
    listen: 'Listen',
    listenLabel: (name) => `Listen to the name: ${name}`,
    opening: 'Opening…',
    more: (n) => `See ${n} more`,
    emptyTitle: 'Nothing yet',
    emptyHint: 'Your teacher will give you some soon.',
  },
};
