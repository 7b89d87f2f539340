import type { ErrorMessageKey } from './localize.js';

type CommonErrors = Pick<
  Record<ErrorMessageKey, string>,
  'offline' | 'unreachable' | 'originRefused' | 'authRefused' | 'timeout' | 'session' | 'unavailable' | 'generic'
>;

/** The failures every element words the same way, in French (each element words the others for itself). */
export const commonErrorsFr: CommonErrors = {
  offline: 'Votre appareil n’est pas connecté à internet. Reconnectez-le, puis réessayez.',
  unreachable: 'Le service ne répond pas (arrêté, ou injoignable depuis ce réseau). Réessayez dans un instant.',
  originRefused:
    'Ce site n’est pas autorisé à utiliser le service. Prévenez l’administrateur de l’ENT\u00a0: l’adresse du site n’est pas enregistrée.',
  authRefused:
    'Le service n’a pas accepté votre identification. Reconnectez-vous à l’ENT\u00a0; si cela se reproduit, prévenez son administrateur.',
  timeout: 'Le service met trop de temps à répondre. Réessayez dans un instant.',
  session: 'Votre session a expiré. Reconnectez-vous à l’ENT.',
  unavailable: 'Le service est momentanément indisponible. Réessayez plus tard.',
  generic: 'Un problème est survenu. Réessayez dans un instant.',
};

/** The same in English. */
export const commonErrorsEn: CommonErrors = {
  offline: 'Your device is not connected to the internet. Reconnect it, then try again.',
  unreachable: 'The service is not answering (down, or out of reach from this network). Try again in a moment.',
  originRefused:
    'This site is not allowed to use the service. Tell your school portal’s administrator: the site’s address is not registered.',
  authRefused:
    'The service did not accept your sign-in. Sign in to your school portal again; if this happens again, tell its administrator.',
  timeout: 'The service is taking too long to answer. Try again in a moment.',
  session: 'Your session has expired. Sign in to your school portal again.',
  unavailable: 'The service is unavailable for now. Try again later.',
  generic: 'Something went wrong. Try again in a moment.',
};
