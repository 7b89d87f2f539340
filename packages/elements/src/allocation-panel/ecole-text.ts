/** The texts of the école's console (a school whose feed is 1D): French first, then English. */
export interface EcoleText {
  directorRole: string;
  teachingRole: (classes: string) => string;
  roleLabel: string;
  quickTitle: string;
  giveAll: string;
  /** `n` undefined while the classes are being counted. */
  giveAllHint: (n: number | undefined) => string;
  giveMine: (n: number) => string;
  giveMineHint: (classes: string) => string;
  givenAll: (resource: string, classes: number, people: number) => string;
  givenMine: (resource: string, classes: string, people: number) => string;
  noClasses: string;
}

const nb = '\u202f';
const s = (n: number, one: string, many: string) => (n === 1 ? one : many);
const holders = (n: number) => `${n} ${s(n, 'personne l’a', 'personnes l’ont')} maintenant.`;

export const ECOLE_TEXT: Record<'fr' | 'en', EcoleText> = {
  fr: {
    directorRole: 'Direction de l’école',
    teachingRole: (classes) => `Votre classe${nb}: ${classes}`,
    roleLabel: 'Vos deux rôles à l’école',
    quickTitle: 'Donner en un clic',
    giveAll: 'Donner à toutes mes classes',
    giveAllHint: (n) =>
      n === undefined
        ? 'Les élèves et les enseignants de chaque classe de l’école.'
        : `Les élèves et les enseignants des ${n} ${s(n, 'classe', 'classes')} de l’école.`,
    giveMine: (n) => (n > 1 ? 'Donner à mes classes' : 'Donner à ma classe'),
    giveMineHint: (classes) => `Les élèves de ${classes}.`,
    givenAll: (resource, classes, people) =>
      `${resource} est donné à ${classes} ${s(classes, 'classe', 'classes')}${nb}: ${holders(people)}`,
    givenMine: (resource, classes, people) => `${resource} est donné à ${classes}${nb}: ${holders(people)}`,
    noClasses: 'L’école n’a encore aucune classe (le dernier flux n’en donnait pas).',
  },
  en: {
    directorRole: 'School director',
    teachingRole: (classes) => `Your class: ${classes}`,
    roleLabel: 'Your two roles at the school',
    quickTitle: 'Give in one click',
    giveAll: 'Give to all my classes',
    giveAllHint: (n) =>
      n === undefined
        ? 'The pupils and teachers of every class of the school.'
        : `The pupils and teachers of the school’s ${n} ${s(n, 'class', 'classes')}.`,
    giveMine: (n) => (n > 1 ? 'Give to my classes' : 'Give to my class'),
    giveMineHint: (classes) => `The pupils of ${classes}.`,
    givenAll: (resource, classes, people) =>
      `${resource} is given to ${classes} ${s(classes, 'class', 'classes')}: ${people} ${s(people, 'person has', 'people have')} it now.`,
    givenMine: (resource, classes, people) =>
      `${resource} is given to ${classes}: ${people} ${s(people, 'person has', 'people have')} it now.`,
    noClasses: 'The school has no classes yet (the last feed gave none).',
  },
};
