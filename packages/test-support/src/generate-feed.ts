import { escapeXml } from '@opengar/server';
import { createPrng, FEMALE_FIRST_NAMES, LAST_NAMES, MALE_FIRST_NAMES } from '@opengar/server/demo';
import { FEED_NAMESPACES, feedFileName, type FeedDegree, type FeedKind } from '@opengar/server/feeds';

/** A pupil of a generated feed. */
export interface ModelPupil {
  id: string;
  uai: string;
  lastName: string;
  firstName: string;
  civility: 'M.' | 'Mme';
  birthDate: string;
  division: string;
  groups: string[];
  mef: string;
}
/** A staff member of a generated feed (`National_dir`, `National_ens`, `National_doc`). */
export interface ModelStaff {
  id: string;
  uai: string;
  lastName: string;
  firstName: string;
  civility: 'M.' | 'Mme';
  profile: string;
  email?: string;
  divisions: string[];
}

/** The directory a generated feed describes; tests change it between two exports. */
export interface FeedModel {
  entId: string;
  degree: FeedDegree;
  exportedAt: string;
  schools: { uai: string; name: string }[];
  divisions: { uai: string; code: string; label: string }[];
  groups: { uai: string; code: string; label: string; division: string }[];
  mefs: { uai: string; code: string; label: string; stat: string }[];
  pupils: ModelPupil[];
  staff: ModelStaff[];
  respAff: { id: string; lastName: string; firstName: string; email: string; uais: string[] }[];
}

/** Options of {@link generateFeedModel}. */
export interface GenerateFeedOptions {
  entId?: string;
  degree?: FeedDegree;
  schools?: number;
  /** Index of the first school (default 0): models of several ENTs with `firstSchool` apart have distinct UAIs. */
  firstSchool?: number;
  pupilsPerSchool?: number;
  pupilsPerDivision?: number;
  seed?: string;
  exportedAt?: string;
}

const LEVELS_2D = [
  ['1001', '6EME'],
  ['1011', '5EME'],
  ['1021', '4EME'],
  ['1031', '3EME'],
] as const;
const LEVELS_1D = [
  ['2111', 'CP'],
  ['2112', 'CE1'],
  ['2113', 'CE2'],
  ['2114', 'CM1'],
  ['2115', 'CM2'],
] as const;

/**
 * A deterministic directory for feed tests and benchmarks: schools with their head, teachers, a librarian, divisions
 * (and a teaching group per level), MEFs and pupils, secondary or primary. The same options give the same model.
 *
 * @example
 * ```ts
 * const model = generateFeedModel({ entId: 'ENTGEN', schools: 2, pupilsPerSchool: 60 });
 * for (const file of feedFiles(model)) console.log(file.name);
 * ```
 */
export function generateFeedModel(options: GenerateFeedOptions = {}): FeedModel {
  const rnd = createPrng(options.seed ?? 'feed');
  const entId = options.entId ?? 'ENTGEN';
  const degree = options.degree ?? '2D';
  const perDivision = options.pupilsPerDivision ?? 28;
  const levels = degree === '2D' ? LEVELS_2D : LEVELS_1D;
  const m: FeedModel = {
    entId,
    degree,
    exportedAt: options.exportedAt ?? '20260901_060000',
    schools: [],
    divisions: [],
    groups: [],
    mefs: [],
    pupils: [],
    staff: [],
    respAff: [],
  };
  const firstSchool = options.firstSchool ?? 0;
  for (let s = firstSchool; s < firstSchool + (options.schools ?? 1); s++) {
    const uai = `${degree === '2D' ? '056' : '029'}${String(1000 + s).padStart(4, '0')}${String.fromCharCode(65 + (s % 26))}`;
    m.schools.push({ uai, name: `${degree === '2D' ? 'Collège' : 'École'} ${LAST_NAMES[s % LAST_NAMES.length]}` });
    for (const [stat, label] of levels) {
      m.mefs.push({
        uai,
        code: degree === '2D' ? `${stat}000${stat.slice(2)}10` : stat,
        label,
        stat: degree === '2D' ? `${stat}0001110` : stat,
      });
    }
    const pupils = options.pupilsPerSchool ?? 120;
    const divisionCount = Math.max(1, Math.ceil(pupils / perDivision));
    for (let d = 0; d < divisionCount; d++) {
      const [, label] = levels[d % levels.length]!;
      m.divisions.push({
        uai,
        code: `${label}${String.fromCharCode(65 + Math.floor(d / levels.length))}`,
        label: `${label} ${String.fromCharCode(65 + Math.floor(d / levels.length))}`,
      });
    }
    for (const [, label] of levels) {
      const first = m.divisions.find((x) => x.uai === uai && x.code.startsWith(label));
      if (first) m.groups.push({ uai, code: `${label}-LV2`, label: `${label} langue vivante 2`, division: first.code });
    }
    const divisions = m.divisions.filter((x) => x.uai === uai);
    for (let i = 0; i < pupils; i++) {
      const female = rnd.chance(0.5);
      const division = divisions[Math.floor(i / perDivision) % divisions.length]!;
      const level = levels.find(([, label]) => division.code.startsWith(label))!;
      const group = m.groups.find((g) => g.uai === uai && g.division === division.code);
      m.pupils.push({
        id: `${uai}-elv-${String(i).padStart(6, '0')}`,
        uai,
        lastName: rnd.pick(LAST_NAMES),
        firstName: rnd.pick(female ? FEMALE_FIRST_NAMES : MALE_FIRST_NAMES),
        civility: female ? 'Mme' : 'M.',
        birthDate: `${2010 + rnd.int(0, 6)}-0${rnd.int(1, 9)}-1${rnd.int(0, 9)}`,
        division: division.code,
        groups: group && rnd.chance(0.5) ? [group.code] : [],
        mef: m.mefs.find((x) => x.uai === uai && x.label === level[1])!.code,
      });
    }
    const staff = (n: number, profile: string, id: string, divisionsOf: (k: number) => string[]) => {
      for (let k = 0; k < n; k++) {
        const lastName = rnd.pick(LAST_NAMES);
        const firstName = rnd.pick(rnd.chance(0.5) ? FEMALE_FIRST_NAMES : MALE_FIRST_NAMES);
        m.staff.push({
          id: `${uai}-${id}-${String(k).padStart(4, '0')}`,
          uai,
          lastName,
          firstName,
          civility: rnd.chance(0.5) ? 'Mme' : 'M.',
          profile,
          ...(degree === '2D' ? { email: `${id}${k}.${uai.toLowerCase()}@ac-test.invalid` } : {}),
          divisions: divisionsOf(k),
        });
      }
    };
    staff(1, 'National_dir', 'dir', () => []);
    staff(Math.max(1, Math.ceil(divisionCount / 2)), 'National_ens', 'ens', (k) =>
      divisions.filter((_, i) => i % Math.max(1, Math.ceil(divisionCount / 2)) === k).map((x) => x.code),
    );
    if (degree === '2D') staff(1, 'National_doc', 'doc', () => []);
    const head = m.staff.find((x) => x.uai === uai && x.profile === 'National_dir')!;
    m.respAff.push({
      id: head.id,
      lastName: head.lastName,
      firstName: head.firstName,
      email: `ce.${uai.toLowerCase()}@ac-test.invalid`,
      uais: [uai],
    });
  }
  return m;
}

const el = (name: string, value: string) => `<${name}>${escapeXml(value)}</${name}>`;

function personXml(p: ModelPupil | ModelStaff, profile: string, degree: FeedDegree, tail: string): string {
  return (
    el('GARPersonIdentifiant', p.id) +
    `<GARPersonProfils>${el('GARStructureUAI', p.uai)}${el('GARPersonProfil', profile)}</GARPersonProfils>` +
    el('GARPersonNom', p.lastName) +
    el('GARPersonPrenom', p.firstName) +
    el('GARPersonAutresPrenoms', p.firstName) +
    el('GARPersonCivilite', p.civility) +
    el('GARPersonStructRattach', p.uai) +
    el('GARPersonEtab', p.uai) +
    tail +
    (degree === '1D' ? '' : '')
  );
}

function* records(m: FeedModel, kind: FeedKind): Generator<string> {
  const d = m.degree;
  const personMef = d === '2D' ? 'GARPersonMEF' : 'GARPersonMEFSTAT4';
  const mefCode = d === '2D' ? 'GARMEFCode' : 'GARMEFSTAT4Code';
  switch (kind) {
    case 'Etab':
      for (const s of m.schools)
        yield `<GAREtab>${el('GARStructureUAI', s.uai)}${el('GARStructureNomCourant', s.name)}${el('GARStructureContrat', 'PU')}</GAREtab>`;
      if (d === '2D') {
        for (const x of m.mefs)
          yield `<GARMEF>${el('GARStructureUAI', x.uai)}${el('GARMEFCode', x.code)}${el('GARMEFLibelle', x.label)}${el('GARMEFSTAT11', x.stat)}</GARMEF>`;
        for (const s of m.schools)
          yield `<GARMatiere>${el('GARStructureUAI', s.uai)}${el('GARMatiereCode', '030201')}${el('GARMatiereLibelle', 'ANGLAIS LV1')}</GARMatiere>`;
      }
      return;
    case 'Eleve':
      for (const p of m.pupils)
        yield `<GAREleve>${personXml(p, 'National_elv', d, el('GARPersonDateNaissance', p.birthDate))}</GAREleve>`;
      for (const p of m.pupils)
        yield `<${personMef}>${el('GARStructureUAI', p.uai)}${el('GARPersonIdentifiant', p.id)}${el(mefCode, d === '2D' ? p.mef : p.mef.slice(0, 4))}</${personMef}>`;
      if (d === '2D')
        for (const p of m.pupils)
          yield `<GAREleveEnseignement>${el('GARStructureUAI', p.uai)}${el('GARPersonIdentifiant', p.id)}${el('GARMatiereCode', '030201')}</GAREleveEnseignement>`;
      return;
    case 'Enseignant':
      for (const p of m.staff) {
        const posts =
          d === '2D'
            ? `<GAREnsDisciplinesPostes>${el('GARStructureUAI', p.uai)}${el('GAREnsDisciplinePosteCode', 'L0422')}</GAREnsDisciplinesPostes>`
            : `<GAREnsSpecialitesPostes>${el('GARStructureUAI', p.uai)}${el('GAREnsSpecialitePosteCode', 'ECOLE')}</GAREnsSpecialitesPostes>`;
        yield `<GAREnseignant>${personXml(p, p.profile, d, posts + (d === '2D' && p.email ? el('GARPersonMail', p.email) : ''))}</GAREnseignant>`;
      }
      for (const p of m.staff) {
        for (const x of m.mefs.filter((x) => x.uai === p.uai && p.profile === 'National_ens').slice(0, 1)) {
          yield `<${personMef}>${el('GARStructureUAI', p.uai)}${el('GARPersonIdentifiant', p.id)}${el(mefCode, x.code)}</${personMef}>`;
        }
      }
      return;
    case 'Groupe':
      for (const g of m.divisions)
        yield `<GARGroupe>${el('GARGroupeCode', g.code)}${el('GARStructureUAI', g.uai)}${el('GARGroupeLibelle', g.label)}${el('GARGroupeStatut', 'DIVISION')}</GARGroupe>`;
      for (const g of m.groups)
        yield `<GARGroupe>${el('GARGroupeCode', g.code)}${el('GARStructureUAI', g.uai)}${el('GARGroupeLibelle', g.label)}${el('GARGroupeStatut', 'GROUPE')}${el('GARGroupeDivAppartenance', g.division)}</GARGroupe>`;
      for (const p of m.pupils)
        for (const code of [p.division, ...p.groups])
          yield `<GARPersonGroupe>${el('GARStructureUAI', p.uai)}${el('GARPersonIdentifiant', p.id)}${el('GARGroupeCode', code)}</GARPersonGroupe>`;
      if (d === '2D') {
        for (const p of m.staff)
          for (const code of p.divisions)
            yield `<GAREnsClasseMatiere>${el('GARStructureUAI', p.uai)}${el('GARPersonIdentifiant', p.id)}${el('GARGroupeCode', code)}${el('GARMatiereCode', '030201')}</GAREnsClasseMatiere>`;
      } else {
        for (const p of m.staff)
          for (const code of p.divisions)
            yield `<GARPersonGroupe>${el('GARStructureUAI', p.uai)}${el('GARPersonIdentifiant', p.id)}${el('GARGroupeCode', code)}</GARPersonGroupe>`;
      }
      return;
    case 'RespAff':
      for (const r of m.respAff) {
        yield `<GARRespAff>${el('GARPersonIdentifiant', r.id)}${el('GARPersonNom', r.lastName)}${el('GARPersonPrenom', r.firstName)}${el('GARPersonMail', r.email)}${r.uais.map((u) => el('GARRespAffEtab', u)).join('')}</GARRespAff>`;
      }
      return;
  }
}

/** One generated file. */
export interface GeneratedFeedFile {
  name: string;
  text: string;
}

/**
 * The files of a model's complete export, one kind after the other, each kind split into numbered files of at most
 * `perFile` records (GAR: ≤ 10,000 nodes a file). Lazy: a big model is written file by file.
 *
 * @example
 * ```ts
 * const files = [...feedFiles(generateFeedModel({ schools: 1 }))];
 * ```
 */
export function* feedFiles(m: FeedModel, options: { perFile?: number } = {}): Generator<GeneratedFeedFile> {
  const perFile = options.perFile ?? 2000;
  for (const kind of ['Etab', 'Eleve', 'Enseignant', 'Groupe', 'RespAff'] as const) {
    let part = 0;
    let batch: string[] = [];
    const flush = (): GeneratedFeedFile => {
      const name = feedFileName({ entId: m.entId, exportedAt: m.exportedAt, degree: m.degree, kind, part: part++ });
      const text = `<?xml version="1.0" encoding="UTF-8"?>\n<men:GAR-ENT-${kind} xmlns:men="${FEED_NAMESPACES[m.degree]}" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" Version="${m.degree === '2D' ? '1.7' : '1.4'}">\n${batch.map((r) => r.replace(/<(\/?)(GAR[A-Za-z0-9]*)/g, '<$1men:$2')).join('\n')}\n</men:GAR-ENT-${kind}>\n`;
      batch = [];
      return { name, text };
    };
    for (const r of records(m, kind)) {
      batch.push(r);
      if (batch.length >= perFile) yield flush();
    }
    if (batch.length > 0 || part === 0) yield flush();
  }
}
