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
import type { FeedStaging, StagedCheck, StagedPersonMef, StagedRef, StagedSchoolRef } from './feed-staging.js';
import { createMemoryFeedStaging, memoryStagingViews } from './memory-feed-staging.js';

/** A complete directory as a feed describes it, ready to be compared with the store. */
export interface FeedSnapshot {
  entId: string;
  degree: FeedDegree;
  schools: Map<string, School>;
  /**
   * The people, their memberships and teachings are in {@link FeedSnapshot.staging}; with the default (memory) staging
   * these three maps are views of it, with a database staging they are empty.
   */
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
  /** Where the feed's people, MEFs, memberships and teachings wait to be applied. */
  staging: FeedStaging;
}

/** Records staged per write to the staging (and so held at most between two writes). */
export const STAGE_BATCH = 2000;

const UAI = /^[0-9A-Z]{1,45}$/;
const EMAIL = /^[^\s@<>"]{1,64}@[^\s@<>"]+\.[^\s@<>"]+$/;

type Where = { file: string; line: number };
type Code = Parameters<FeedProblems['add']>[0]['code'];

const first = (r: FeedRecord, name: string): string | undefined => r.values[name]?.[0];
const all = (r: FeedRecord, name: string): string[] => r.values[name] ?? [];
const civility = (v: string | undefined): Person['civility'] =>
  v === undefined ? undefined : /^m\.?$/i.test(v) ? 'M.' : /^mme\.?$/i.test(v) ? 'Mme' : undefined;

/**
 * Gathers the records of a feed's files into a {@link FeedSnapshot}, checking the XSD's uniqueness keys across the
 * numbered files of a kind, the profiles and statuses, and every reference (a membership's person and group, a
 * person's and a group's school) once all files are read. The schools, groups, MEFs, subjects and managers are kept
 * (a few per school); the people, their keys, MEFs, memberships and references go to a {@link FeedStaging} a batch at
 * a time ({@link FeedCollector.drain}), and the checks that need them report their problems at the place they would
 * have had. Browser-safe.
 *
 * @example
 * ```ts
 * const collector = new FeedCollector('ENTBRE', problems);
 * await parseFeedFile(name, chunks, problems, (r, spec, degree) => collector.add(name, degree, r, spec.key));
 * const snapshot = await collector.finish((uai) => schoolOwners.get(uai));
 * ```
 */
export class FeedCollector {
  readonly #snapshot: FeedSnapshot;
  readonly #staging: FeedStaging;
  #seq = 0;
  #keys: (StagedCheck & { key: string })[] = [];
  #people: Person[] = [];
  #personChecks: StagedCheck[] = [];
  /** The message of a duplicate key, by element. */
  readonly #keyMessages = new Map<string, string>();
  #mefs: StagedPersonMef[] = [];
  #refs: StagedRef[] = [];
  #teachings: Teaching[] = [];
  #schoolRefs: StagedSchoolRef[] = [];
  #flushing: Promise<void> = Promise.resolve();

  constructor(
    entId: string,
    private readonly problems: FeedProblems,
    staging?: FeedStaging,
  ) {
    this.#staging = staging ?? createMemoryFeedStaging(entId);
    this.#snapshot = {
      entId,
      degree: '2D',
      schools: new Map(),
      people: new Map(),
      groups: new Map(),
      memberships: new Map(),
      mefs: new Map(),
      respAff: new Map(),
      subjects: new Map(),
      teachings: new Map(),
      staging: this.#staging,
    };
  }

  /** Takes one record of a file of the given degree. */
  add(file: string, degree: FeedDegree, record: FeedRecord, keyFields: readonly string[]): void {
    this.#take(file, degree, record, keyFields);
    if (this.#staging.immediate) this.#handOver();
  }

  /**
   * Gives an immediate staging what the last record left, now: held until the parser's next pause (128 KiB of XML),
   * the records outlived V8's young generation and piled up in the old one (about 2× the promoted bytes).
   */
  #handOver(): void {
    const st = this.#staging;
    const calls: Promise<void>[] = [];
    if (this.#keys.length) calls.push(st.addKeys(this.#keys.splice(0)));
    if (this.#people.length) calls.push(st.addPeople(this.#people.splice(0), this.#personChecks.splice(0)));
    if (this.#mefs.length) calls.push(st.addPersonMefs(this.#mefs.splice(0)));
    if (this.#refs.length) calls.push(st.addRefs(this.#refs.splice(0)));
    if (this.#teachings.length) calls.push(st.addTeachings(this.#teachings.splice(0)));
    if (this.#schoolRefs.length) calls.push(st.addSchoolRefs(this.#schoolRefs.splice(0)));
    // Done already; a failure is the next drain's or finish's, as with a batch.
    for (const call of calls) {
      this.#flushing = this.#flushing.then(() => call);
      this.#flushing.catch(() => undefined);
    }
  }

  #take(file: string, degree: FeedDegree, record: FeedRecord, keyFields: readonly string[]): void {
    const s = this.#snapshot;
    s.degree = degree;
    const where = { file, line: record.line };
    const seq = this.#seq++;
    if (!this.#keyMessages.has(record.element))
      this.#keyMessages.set(record.element, `another ${record.element} has the same ${keyFields.join(', ')}`);
    // No `...where` in these records: objects built by a spread outlived V8's young generation (Node 20: 4× the
    // promoted bytes while reading, and so the heap V8 lets grow before it collects).
    this.#keys.push({
      file,
      line: where.line,
      seq,
      mark: this.problems.direct,
      element: record.element,
      key: JSON.stringify(keyFields.map((k) => first(record, k) ?? '')),
    });
    switch (record.element) {
      case 'GAREleve':
      case 'GAREnseignant':
        this.#person(where, record, seq);
        return;
      case 'GARPersonMEF':
      case 'GARPersonMEFSTAT4': {
        const code = first(record, 'GARMEFCode') ?? first(record, 'GARMEFSTAT4Code');
        const uai = first(record, 'GARStructureUAI');
        const personId = first(record, 'GARPersonIdentifiant');
        if (!code || !uai || !personId) return;
        this.#mefs.push({ personId, uai, code, file, line: where.line });
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
        // Person and group checked once every file is read.
        this.#refs.push({
          uai,
          personId,
          code,
          file,
          line: where.line,
          groupKnown: this.#snapshot.groups.get(uai)?.has(code) === true,
        });
        // A teacher's subjects in that division or group: what subject-teacher targets expand by.
        if (record.element !== 'GARPersonGroupe')
          for (const subject of all(record, 'GARMatiereCode'))
            this.#teachings.push({ uai, personId, groupCode: code, subject });
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

  /** Records held since the last write to the staging. */
  get held(): number {
    return this.#keys.length + this.#mefs.length + this.#refs.length + this.#teachings.length + this.#schoolRefs.length;
  }

  /**
   * Once a batch is full, waits for the previous write to the staging and starts the next (the parser awaits it
   * between two slices): reading goes on while a batch is written, and at most two batches are held.
   */
  async drain(): Promise<void> {
    if (this.held < (this.#staging.batch ?? STAGE_BATCH)) return;
    await this.#flushing;
    void this.flush();
  }

  /** Writes everything held to the staging. */
  flush(): Promise<void> {
    const keys = this.#keys.splice(0);
    const people = this.#people.splice(0);
    const personChecks = this.#personChecks.splice(0);
    const mefs = this.#mefs.splice(0);
    const refs = this.#refs.splice(0);
    const teachings = this.#teachings.splice(0);
    const schoolRefs = this.#schoolRefs.splice(0);
    const st = this.#staging;
    this.#flushing = this.#flushing.then(async () => {
      if (keys.length) await st.addKeys(keys);
      if (people.length) await st.addPeople(people, personChecks);
      if (mefs.length) await st.addPersonMefs(mefs);
      if (refs.length) await st.addRefs(refs);
      if (teachings.length) await st.addTeachings(teachings);
      if (schoolRefs.length) await st.addSchoolRefs(schoolRefs);
    });
    // Awaited by the next drain or by finish; an import stopped meanwhile (aborted, a parse error) must not leave a
    // rejection nobody handles.
    this.#flushing.catch(() => undefined);
    return this.#flushing;
  }

  #problem(where: Where, element: string, code: Code, message: string): void {
    this.problems.add({ file: where.file, line: where.line, element, code, message });
  }

  #person(where: Where, r: FeedRecord, seq: number): void {
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
    const email = all(r, 'GARPersonMail').find((m) => EMAIL.test(m));
    const civ = civility(first(r, 'GARPersonCivilite'));
    const birth = first(r, 'GARPersonDateNaissance');
    // Another person with this id is found once staged: the first one stays.
    this.#personChecks.push({
      file: where.file,
      line: where.line,
      seq,
      mark: this.problems.direct,
      element: r.element,
    });
    this.#people.push({
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

  /** A reference to a school not read yet is checked once every file is read (most are read first). */
  #schoolRef(uai: string, element: string, where: Where): void {
    if (!this.#snapshot.schools.has(uai)) this.#schoolRefs.push({ uai, element, file: where.file, line: where.line });
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
  async finish(schoolOwner: (uai: string) => string | undefined): Promise<FeedSnapshot> {
    await this.flush();
    const s = this.#snapshot;
    const st = this.#staging;
    const limit = this.problems.limit;
    const report = <T extends Where>(found: { rows: T[]; count: number }, each: (row: T) => void) => {
      for (const row of found.rows) each(row);
      this.problems.addUncounted(found.count - found.rows.length);
    };
    // The duplicates first, each where it would have been reported as its record was read.
    const dups = await st.duplicates(limit);
    for (const d of dups.rows)
      this.problems.insertAt(d.mark, {
        file: d.file,
        line: d.line,
        element: d.element,
        code: d.code,
        message:
          d.code === 'duplicate_key'
            ? this.#keyMessages.get(d.element)!
            : 'this person is also in another file of the feed',
      });
    // Those past the limit are all after it: counted.
    this.problems.count += dups.count - dups.rows.length;
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
    report(await st.unknownSchools(new Set(s.schools.keys()), limit), (r) =>
      this.#problem(r, r.element, 'unknown_school', `${r.uai.slice(0, 45)} is not a school of this feed`),
    );
    report(await st.unknownMefPeople(limit), (m) =>
      this.#problem(
        m,
        s.degree === '1D' ? 'GARPersonMEFSTAT4' : 'GARPersonMEF',
        'unknown_person',
        'no such person in the feed',
      ),
    );
    // A primary feed has no GARMEF: its MEFs are the levels its pupils are at (a GARMEF read first keeps its label).
    if (s.degree === '1D')
      for (const { uai, code } of await st.levels())
        this.#mef({
          uai,
          code,
          // An école's level says its name (CP…CM2) where the code is a known one; the MEFSTAT4 otherwise.
          label: primaryLevelOf(code)?.label ?? code,
          ...(/^\d{4}$/.test(code) ? { mefStat4: code } : {}),
        });
    await st.addGroups([...s.groups.values()].flatMap((byCode) => [...byCode.values()]));
    report(await st.badRefs(limit), (ref) =>
      ref.missing === 'person'
        ? this.#problem(ref, 'GARPersonGroupe', 'unknown_person', 'no such person in the feed')
        : this.#problem(
            ref,
            'GARPersonGroupe',
            'unknown_group',
            `no division or group ${ref.code.slice(0, 60)} at ${ref.uai.slice(0, 45)}`,
          ),
    );
    const views = memoryStagingViews(st);
    if (views) Object.assign(s, views);
    return s;
  }
}
