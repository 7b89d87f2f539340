import type { ErrorMessageKey } from './localize.js';

type CommonErrors = Pick<
  Record<ErrorMessageKey, string>,
  'offline' | 'timeout' | 'session' | 'unavailable' | 'generic'
>;

/** The failures every element words the same way, in French (each element words the others for itself). */
export const commonErrorsFr: CommonErrors = {
  offline: 'Le service ne répond pas. Vérifiez votre connexion internet, puis réessayez.',
  timeout: 'Le service met trop de temps à répondre. Réessayez dans un instant.',
  session: 'Votre session a expiré. Reconnectez-vous à l’ENT.',
  unavailable: 'Le service est momentanément indisponible. Réessayez plus tard.',
  generic: 'Un problème est survenu. Réessayez dans un instant.',
};

/** The same in English (the allocation console keeps its own wording). */
export const commonErrorsEn: CommonErrors = {
  offline: 'The service is not answering. Check your internet connection, then try again.',
  timeout: 'The service is taking too long to answer. Try again in a moment.',
  session: 'Your session has expired. Sign in to your school portal again.',
  unavailable: 'The service is unavailable for now. Try again later.',
  generic: 'Something went wrong. Try again in a moment.',
};
