/** One line of GAR's allocation count. */
export interface DecompteRow {
  uai: string;
  subscriptionId: string;
  projectCode?: string;
  resourceId: string;
  eleve: number;
  enseignant: number;
  documentaliste: number;
  autrePersonnel: number;
}

const HEADER =
  'UAI;idAbonnement;codeProjetRessource;idRessource;cumulAffectationEleve;cumulAffectationEnseignant;cumulAffectationDocumentaliste;cumulAffectationAutrePersonnel';

function field(value: string): string {
  // GAR's CSV has no quoting; values come from validated ids that cannot hold ';' or line breaks, but be safe.
  return value.replace(/[;\r\n]/g, ' ');
}

/**
 * Writes GAR's `;`-separated allocation count (`GET /decompteaffectations`); an absent project code is `null`.
 *
 * @example
 * ```ts
 * decompteCsv([{ uai: '0941295X', subscriptionId: 'briefme_1', resourceId: 'ark:/47198/briefme', eleve: 24, enseignant: 226, documentaliste: 0, autrePersonnel: 0 }]);
 * ```
 */
export function decompteCsv(rows: readonly DecompteRow[]): string {
  const lines = rows.map((r) =>
    [
      r.uai,
      r.subscriptionId,
      r.projectCode ?? 'null',
      r.resourceId,
      r.eleve,
      r.enseignant,
      r.documentaliste,
      r.autrePersonnel,
    ]
      .map((v) => field(String(v)))
      .join(';'),
  );
  return [HEADER, ...lines].join('\n') + '\n';
}
