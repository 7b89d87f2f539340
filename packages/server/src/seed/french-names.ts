/** Common French last names (INSEE frequency lists), for generated directories. */
export const LAST_NAMES: readonly string[] = [
  'Martin', 'Bernard', 'Thomas', 'Petit', 'Robert', 'Richard', 'Durand', 'Dubois', 'Moreau', 'Laurent',
  'Simon', 'Michel', 'Lefebvre', 'Leroy', 'Roux', 'David', 'Bertrand', 'Morel', 'Fournier', 'Girard',
  'Bonnet', 'Dupont', 'Lambert', 'Fontaine', 'Rousseau', 'Vincent', 'Muller', 'Lefèvre', 'Faure', 'André',
  'Mercier', 'Blanc', 'Guérin', 'Boyer', 'Garnier', 'Chevalier', 'François', 'Legrand', 'Gauthier', 'Garcia',
  'Perrin', 'Robin', 'Clément', 'Morin', 'Nicolas', 'Henry', 'Roussel', 'Mathieu', 'Gautier', 'Masson',
  'Marchand', 'Duval', 'Denis', 'Dumont', 'Marie', 'Lemaire', 'Noël', 'Meyer', 'Dufour', 'Meunier',
  'Brun', 'Blanchard', 'Giraud', 'Joly', 'Rivière', 'Lucas', 'Brunet', 'Gaillard', 'Barbier', 'Arnaud',
  'Le Goff', 'Le Gall', 'Le Bihan', 'Tanguy', 'Le Floch', 'Guillou', 'Le Roux', 'Kerhervé', 'Le Corre', 'Jégou',
  'Nguyen', 'Da Silva', 'Benali', 'Haddad', 'Diallo', 'Traoré', 'Martins', 'Ferreira', 'Rodriguez', 'Cohen',
  "N'Diaye", 'Lopez', 'Colin', 'Caron', 'Picard', 'Roger', 'Renaud', 'Aubert', 'Hamon', 'Pasquier',
];

/** French girls' first names. */
export const FEMALE_FIRST_NAMES: readonly string[] = [
  'Emma', 'Jade', 'Louise', 'Alice', 'Chloé', 'Lina', 'Léa', 'Rose', 'Anna', 'Mila',
  'Inès', 'Ambre', 'Julia', 'Mia', 'Léna', 'Manon', 'Juliette', 'Lou', 'Zoé', 'Camille',
  'Agathe', 'Jeanne', 'Lucie', 'Éva', 'Nina', 'Sarah', 'Romane', 'Inaya', 'Margaux', 'Clémence',
  'Louna', 'Capucine', 'Maëlys', 'Charlotte', 'Iris', 'Victoire', 'Salomé', 'Yasmine', 'Gwenaëlle', 'Nolwenn',
  'Maëlle', 'Anaïs', 'Océane', 'Élise', 'Mathilde', 'Héloïse', 'Apolline', 'Adèle', 'Soline', 'Lison',
];

/** French boys' first names. */
export const MALE_FIRST_NAMES: readonly string[] = [
  'Gabriel', 'Léo', 'Raphaël', 'Arthur', 'Louis', 'Lucas', 'Adam', 'Jules', 'Hugo', 'Maël',
  'Liam', 'Noah', 'Paul', 'Ethan', 'Tiago', 'Sacha', 'Gabin', 'Nathan', 'Mohamed', 'Aaron',
  'Tom', 'Éden', 'Théo', 'Noé', 'Martin', 'Mathis', 'Timéo', 'Nolan', 'Enzo', 'Marius',
  'Axel', 'Antoine', 'Valentin', 'Clément', 'Baptiste', 'Maxime', 'Yanis', 'Erwan', 'Gaël', 'Kylian',
  'Corentin', 'Malo', 'Titouan', 'Évan', 'Samuel', 'Victor', 'Robin', 'Simon', 'Thibault', 'Ilyes',
];

/** Teachers' first names (an older generation). */
export const ADULT_FIRST_NAMES: { female: readonly string[]; male: readonly string[] } = {
  female: ['Nathalie', 'Isabelle', 'Sylvie', 'Catherine', 'Sandrine', 'Valérie', 'Christine', 'Stéphanie', 'Céline', 'Sophie', 'Aurélie', 'Virginie', 'Anne', 'Hélène', 'Claire', 'Élodie', 'Delphine', 'Karine'],
  male: ['Philippe', 'Christophe', 'Stéphane', 'Laurent', 'Frédéric', 'Olivier', 'Nicolas', 'Sébastien', 'Julien', 'Pierre', 'Éric', 'Jérôme', 'David', 'Thierry', 'Vincent', 'Yann', 'Gwénolé', 'Arnaud'],
};

/**
 * An e-mail local part from a name: lower case, accents and spaces removed (`Gwénolé Le Goff` → `gwenole.le-goff`).
 *
 * @example
 * ```ts
 * emailLocalPart('Hélène', "N'Diaye"); // 'helene.ndiaye'
 * ```
 */
export function emailLocalPart(firstName: string, lastName: string): string {
  const clean = (s: string): string =>
    s
      .normalize('NFD')
      .replace(/[\u0300-\u036f]/g, '')
      .toLowerCase()
      .replace(/'/g, '')
      .replace(/\s+/g, '-')
      .replace(/[^a-z0-9-]/g, '');
  return `${clean(firstName)}.${clean(lastName)}`;
}
