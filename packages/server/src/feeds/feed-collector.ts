import {
  normalizeProfile,
  primaryLevelOf,
  type Group,
  type Mef,
  type Person,
  type RespAff,
  type School,
  type Subject,
  type Teaching,
} from '@opengar/core';
import type { FeedProblems } from './feed-problems.js';
import type { FeedDegree } from './feed-schema.js';
import type { FeedRecord } from './parse-feed-file.js';
import { PackedPeople } from './packed-people.js';

/** A complete directory as a feed describes it, ready to be compared with the store. */
export interface FeedSnapshot {
  entId: string;
  degree: FeedDegree;
  schools: Map<string, School>;
  people: Map<string, Person>;
  /** By `uai`, then code. */
  groups: Map<string, Map<string, Group>>;
  /** By `uai`, then group code: the members' ids. */
  memberships: Map<string, Map<string, Set<string>>>;
  /** By `uai`, then code. */
  mefs: Map<string, Map<string, Mef>>;
  respAff: Map<string, RespAff>;
  /** By `uai`, then code (`GARMatiere`). */
  subjects?: Map<string, Map<string, Subject>>;
  /** By `uai`: who teaches which subject to which division or group (`GAREnsClasseMatiere`, `GAREnsGroupeMatiere`). */
  teachings?: Map<string, Teaching[]>;
}

const UAI = /^[0-9A-Z]{1,45}$/;
const EMAIL = /^[^\s@<>"]{1,64}@[^\s@<>"]+\.[^\s@<>"]+$/;

type Where = { file: string; line: number };
/** References to schools, as columns of numbers: `texts` numbers each uai, element and file name. */
type SchoolRefs = { texts: Map<string, number>; uai: number[]; element: number[]; file: number[]; line: number[] };
type Ref = { uai: string; personId: string; code: string; where: Where };

const first = (r: FeedRecord, name: string): string | undefined => r.values[name]?.[0];
const all = (r: FeedRecord, name: string): string[] => r.values[name] ?? [];
const civility = (v: string | undefined): Person['civility'] =>
  v === undefined ? undefined : /^m\.?$/i.test(v) ? 'M.' : /^mme\.?$/i.test(v) ? 'Mme' : undefined;

/**
 * Gathers the records of a feed's files into a {@link FeedSnapshot}, checking the XSD's uniqueness keys across the
 * numbered files of a kind, the profiles and statuses, and every reference (a membership's person and group, a
 * person's and a group's school) once all files are read. Browser-safe.
 *
 * @example
 * ```ts
 * const collector = new FeedCollector('ENTBRE', problems);
 * await parseFeedFile(name, chunks, problems, (r, spec, degree) => collector.add(name, degree, r, spec.key));
 * const snapshot = collector.finish((uai) => schoolOwners.get(uai));
 * ```
 */
export class FeedCollector {
  readonly #keys = new Map<string, Set<string>>();
  readonly #refs: Ref[] = [];
  /** References to schools not (yet) in the feed when read: most are, and are checked at once. */
  // As columns of numbers, each text held once: a feed's pupil files may all come before its school file.
  #schoolRefs: SchoolRefs = { texts: new Map(), uai: [], element: [], file: [], line: [] };
  readonly #personMefs: { uai: string; personId: string; code: string; where: Where }[] = [];
  /** The MEF codes people are at, by school, in the order first read. */
  readonly #levels = new Map<string, Set<string>>();
  readonly #teachings: (Teaching & { where: Where })[] = [];
  readonly #snapshot: FeedSnapshot;

  constructor(
    entId: string,
    private readonly problems: FeedProblems,
  ) {
    this.#snapshot = {
      entId,
      degree: '2D',
      schools: new Map(),
      // Packed: the people are most of a feed's memory.
      people: new PackedPeople(entId),
      groups: new Map(),
      memberships: new Map(),
      mefs: new Map(),
      respAff: new Map(),
      subjects: new Map(),
      teachings: new Map(),
    };
  }

  /** Takes one record of a file of the given degree. */
  add(file: string, degree: FeedDegree, record: FeedRecord, keyFields: readonly string[]): void {
    const s = this.#snapshot;
    s.degree = degree;
    const where = { file, line: record.line };
    const key = keyFields.map((k) => first(record, k) ?? '').join('\u0000');
    let seen = this.#keys.get(record.element);
    if (!seen) {
      seen = new Set();
      this.#keys.set(record.element, seen);
    }
    if (seen.has(key))
      this.#problem(
        where,
        record.element,
        'duplicate_key',
        `another ${record.element} has the same ${keyFields.join(', ')}`,
      );
    seen.add(key);
    switch (record.element) {
      case 'GAREleve':
      case 'GAREnseignant':
        this.#person(where, record);
        return;
      case 'GARPersonMEF':
      case 'GARPersonMEFSTAT4': {
        const code = first(record, 'GARMEFCode') ?? first(record, 'GARMEFSTAT4Code');
        const uai = first(record, 'GARStructureUAI');
        const personId = first(record, 'GARPersonIdentifiant');
        if (!code || !uai || !personId) return;
        // The person already read: their MEF is kept at once; otherwise checked once every file is read.
        const person = this.#snapshot.people.get(personId);
        if (person) this.#personMef(person, uai, code);
        else this.#personMefs.push({ uai, personId, code, where });
        return;
      }
      case 'GAREtab':
        this.#school(where, record, degree);
        return;
      case 'GARMEF': {
        const uai = first(record, 'GARStructureUAI');
        const code = first(record, 'GARMEFCode');
        if (!uai || !code) return;
        const stat11 = first(record, 'GARMEFSTAT11');
        this.#mef({
          uai,
          code,
          label: first(record, 'GARMEFLibelle') ?? code,
          ...(stat11 && /^\d{11}$/.test(stat11) ? { mefStat11: stat11 } : {}),
        });
        this.#schoolRef(uai, record.element, where);
        return;
      }
      case 'GARGroupe':
        this.#group(where, record);
        return;
      case 'GARPersonGroupe':
      case 'GAREnsClasseMatiere':
      case 'GAREnsGroupeMatiere': {
        const uai = first(record, 'GARStructureUAI');
        const personId = first(record, 'GARPersonIdentifiant');
        const code = first(record, 'GARGroupeCode');
        if (!uai || !personId || !code) return;
        // Person and group already read (the usual order of files): the membership is kept at once; otherwise
        // checked once every file is read.
        if (this.#snapshot.people.has(personId) && this.#snapshot.groups.get(uai)?.has(code))
          this.#member(uai, code, personId);
        else this.#refs.push({ uai, personId, code, where });
        // A teacher's subjects in that division or group: what subject-teacher targets expand by.
        if (record.element !== 'GARPersonGroupe')
          for (const subject of all(record, 'GARMatiereCode'))
            this.#teachings.push({ uai, personId, groupCode: code, subject, where });
        return;
      }
      case 'GARMatiere': {
        const uai = first(record, 'GARStructureUAI');
        const code = first(record, 'GARMatiereCode');
        if (!uai || !code) return;
        let byCode = this.#snapshot.subjects!.get(uai);
        if (!byCode) {
          byCode = new Map();
          this.#snapshot.subjects!.set(uai, byCode);
        }
        byCode.set(code, { uai, code, label: first(record, 'GARMatiereLibelle') ?? code });
        this.#schoolRef(uai, record.element, where);
        return;
      }
      case 'GARRespAff':
        this.#respAff(where, record);
        return;
      default:
        return; // GAREleveEnseignement: read and checked, not kept (nothing in opengar uses it yet).
    }
  }

  #problem(where: Where, element: string, code: Parameters<FeedProblems['add']>[0]['code'], message: string): void {
    this.problems.add({ ...where, element, code, message });
  }

  #person(where: Where, r: FeedRecord): void {
    const id = first(r, 'GARPersonIdentifiant');
    if (!id) return;
    const profiles: Person['profiles'] = [];
    for (const p of r.nested.GARPersonProfils ?? []) {
      const uai = p.GARStructureUAI?.[0];
      const raw = p.GARPersonProfil?.[0];
      if (!uai || !raw) continue;
      const profile = normalizeProfile(raw);
      if (!profile) this.#problem(where, r.element, 'unknown_profile', `${raw.slice(0, 40)} is not a known profile`);
      else if (!profiles.some((x) => x.uai === uai && x.profile === profile)) profiles.push({ uai, profile });
      this.#schoolRef(uai, r.element, where);
    }
    for (const uai of all(r, 'GARPersonEtab')) this.#schoolRef(uai, r.element, where);
    if (this.#snapshot.people.has(id)) {
      this.#problem(where, r.element, 'duplicate_person', 'this person is also in another file of the feed');
      return;
    }
    const email = all(r, 'GARPersonMail').find((m) => EMAIL.test(m));
    const civ = civility(first(r, 'GARPersonCivilite'));
    const birth = first(r, 'GARPersonDateNaissance');
    this.#snapshot.people.set(id, {
      entId: this.#snapshot.entId,
      id,
      lastName: first(r, 'GARPersonNom') ?? '',
      firstName: first(r, 'GARPersonPrenom') ?? '',
      ...(civ ? { civility: civ } : {}),
      ...(email ? { email } : {}),
      ...(birth ? { birthDate: birth.slice(0, 10) } : {}),
      profiles,
      mefs: [],
    });
  }

  #school(where: Where, r: FeedRecord, degree: FeedDegree): void {
    const uai = first(r, 'GARStructureUAI');
    if (!uai) return;
    if (!UAI.test(uai)) this.#problem(where, r.element, 'bad_uai', 'a UAI is upper-case letters and digits');
    const email = first(r, 'GARStructureEmail');
    this.#snapshot.schools.set(uai, {
      uai,
      entId: this.#snapshot.entId,
      name: first(r, 'GARStructureNomCourant') ?? uai,
      degree,
      ...(email && EMAIL.test(email) ? { contactEmail: email } : {}),
    });
  }

  #mef(mef: Mef): void {
    let byCode = this.#snapshot.mefs.get(mef.uai);
    if (!byCode) {
      byCode = new Map();
      this.#snapshot.mefs.set(mef.uai, byCode);
    }
    if (!byCode.has(mef.code)) byCode.set(mef.code, mef);
  }

  #group(where: Where, r: FeedRecord): void {
    const uai = first(r, 'GARStructureUAI');
    const code = first(r, 'GARGroupeCode');
    const status = first(r, 'GARGroupeStatut');
    if (!uai || !code || !status) return;
    this.#schoolRef(uai, r.element, where);
    if (status !== 'DIVISION' && status !== 'GROUPE') {
      this.#problem(where, r.element, 'unknown_status', 'GARGroupeStatut is DIVISION or GROUPE');
      return;
    }
    let byCode = this.#snapshot.groups.get(uai);
    if (!byCode) {
      byCode = new Map();
      this.#snapshot.groups.set(uai, byCode);
    }
    byCode.set(code, { uai, code, label: first(r, 'GARGroupeLibelle') ?? code, status });
  }

  #personMef(person: Person, uai: string, code: string): void {
    if (person.mefs.length < 100 && !person.mefs.some((x) => x.uai === uai && x.code === code)) {
      person.mefs.push({ uai, code });
      this.#snapshot.people.set(person.id, person);
    }
    let codes = this.#levels.get(uai);
    if (!codes) {
      codes = new Set();
      this.#levels.set(uai, codes);
    }
    codes.add(code);
  }

  #member(uai: string, code: string, personId: string): void {
    let byCode = this.#snapshot.memberships.get(uai);
    if (!byCode) {
      byCode = new Map();
      this.#snapshot.memberships.set(uai, byCode);
    }
    let members = byCode.get(code);
    if (!members) {
      members = new Set();
      byCode.set(code, members);
    }
    members.add(personId);
  }

  #schoolRef(uai: string, element: string, where: Where): void {
    if (this.#snapshot.schools.has(uai)) return;
    const refs = this.#schoolRefs;
    const text = (t: string) => {
      let n = refs.texts.get(t);
      if (n === undefined) {
        n = refs.texts.size;
        refs.texts.set(t, n);
      }
      return n;
    };
    refs.uai.push(text(uai));
    refs.element.push(text(element));
    refs.file.push(text(where.file));
    refs.line.push(where.line);
  }

  #respAff(where: Where, r: FeedRecord): void {
    const personId = first(r, 'GARPersonIdentifiant');
    if (!personId) return;
    const uais = [...new Set(all(r, 'GARRespAffEtab'))];
    for (const uai of uais) this.#schoolRef(uai, r.element, where);
    const email = all(r, 'GARPersonMail').find((m) => EMAIL.test(m));
    this.#snapshot.respAff.set(personId, {
      entId: this.#snapshot.entId,
      personId,
      uais: uais.slice(0, 200),
      ...(email ? { email } : {}),
    });
  }

  /**
   * Checks the references now that every file is read, and returns the snapshot. `schoolOwner` says which ENT a UAI
   * already belongs to in the store (a feed may not take another ENT's school).
   */
  finish(schoolOwner: (uai: string) => string | undefined): FeedSnapshot {
    const s = this.#snapshot;
    for (const [uai] of s.schools) {
      const owner = schoolOwner(uai);
      if (owner !== undefined && owner !== s.entId) {
        this.problems.add({
          file: '',
          line: 0,
          element: 'GAREtab',
          code: 'school_of_other_ent',
          message: `${uai} belongs to another ENT`,
        });
      }
    }
    const refs = this.#schoolRefs;
    const texts = [...refs.texts.keys()];
    for (let i = 0; i < refs.uai.length; i++) {
      const uai = texts[refs.uai[i]!]!;
      if (s.schools.has(uai)) continue;
      const where = { file: texts[refs.file[i]!]!, line: refs.line[i]! };
      this.#problem(
        where,
        texts[refs.element[i]!]!,
        'unknown_school',
        `${uai.slice(0, 45)} is not a school of this feed`,
      );
    }
    this.#schoolRefs = { texts: new Map(), uai: [], element: [], file: [], line: [] };
    for (const m of this.#personMefs) {
      const person = s.people.get(m.personId);
      if (!person) {
        this.#problem(
          m.where,
          s.degree === '1D' ? 'GARPersonMEFSTAT4' : 'GARPersonMEF',
          'unknown_person',
          'no such person in the feed',
        );
        continue;
      }
      this.#personMef(person, m.uai, m.code);
    }
    this.#personMefs.length = 0;
    // A primary feed has no GARMEF: its MEFs are the levels its pupils are at (a GARMEF read first keeps its label).
    if (s.degree === '1D')
      for (const [uai, codes] of this.#levels)
        for (const code of codes)
          this.#mef({
            uai,
            code,
            // An école's level says its name (CP…CM2) where the code is a known one; the MEFSTAT4 otherwise.
            label: primaryLevelOf(code)?.label ?? code,
            ...(/^\d{4}$/.test(code) ? { mefStat4: code } : {}),
          });
    this.#levels.clear();
    for (const ref of this.#refs) {
      if (!s.people.has(ref.personId)) {
        this.#problem(ref.where, 'GARPersonGroupe', 'unknown_person', 'no such person in the feed');
        continue;
      }
      if (!s.groups.get(ref.uai)?.has(ref.code)) {
        this.#problem(
          ref.where,
          'GARPersonGroupe',
          'unknown_group',
          `no division or group ${ref.code.slice(0, 60)} at ${ref.uai.slice(0, 45)}`,
        );
        continue;
      }
      this.#member(ref.uai, ref.code, ref.personId);
    }
    this.#refs.length = 0;
    // Teachings whose person and group exist (a bad reference is reported once, with the membership above).
    const seenTeaching = new Set<string>();
    for (const { where: _, ...t } of this.#teachings) {
      if (!s.people.has(t.personId) || !s.groups.get(t.uai)?.has(t.groupCode)) continue;
      const k = [t.uai, t.groupCode, t.personId, t.subject].join('\u0000');
      if (seenTeaching.has(k)) continue;
      seenTeaching.add(k);
      const list = s.teachings!.get(t.uai) ?? [];
      list.push(t);
      s.teachings!.set(t.uai, list);
    }
    this.#teachings.length = 0;
    this.#keys.clear();
    return s;
  }
}
