import type { Person } from '@opengar/core';
import { feedFileName } from '../feeds/feed-file-name.js';
import { FEED_NAMESPACES, type FeedDegree, type FeedKind } from '../feeds/feed-schema.js';
import type { FeedSource } from '../feeds/read-feed.js';
import type { DemoDataSet } from './demo-data-set.js';
import { records1D } from './demo-feed-1d.js';
import { el, isPupil, personXml } from './demo-feed-xml.js';

/** One file of the demo's feed. */
export interface DemoFeedFile {
  name: string;
  text: string;
}

const KINDS: readonly FeedKind[] = ['Etab', 'Eleve', 'Enseignant', 'Groupe', 'RespAff'];

/** `2026-09-14T08:00:00.000Z` → `20260914_080000`, the export time of a feed file's name. */
function exportStamp(iso: string): string {
  const d = new Date(iso).toISOString();
  return `${d.slice(0, 10).replaceAll('-', '')}_${d.slice(11, 19).replaceAll(':', '')}`;
}

const personMefs = (p: Person) =>
  (p.mefs ?? []).map(
    (m) =>
      `<GARPersonMEF>${el('GARStructureUAI', m.uai)}${el('GARPersonIdentifiant', p.id)}${el('GARMEFCode', m.code)}</GARPersonMEF>`,
  );

function* records(data: DemoDataSet, kind: FeedKind): Generator<string> {
  const schoolUais = new Set(data.schools.map((s) => s.uai));
  switch (kind) {
    case 'Etab':
      for (const s of data.schools)
        yield `<GAREtab>${el('GARStructureUAI', s.uai)}${el('GARStructureNomCourant', s.name)}${s.contactEmail ? el('GARStructureEmail', s.contactEmail) : ''}</GAREtab>`;
      for (const m of data.mefs)
        yield `<GARMEF>${el('GARStructureUAI', m.uai)}${el('GARMEFCode', m.code)}${el('GARMEFLibelle', m.label)}${m.mefStat11 ? el('GARMEFSTAT11', m.mefStat11) : ''}</GARMEF>`;
      for (const s of data.subjects)
        yield `<GARMatiere>${el('GARStructureUAI', s.uai)}${el('GARMatiereCode', s.code)}${el('GARMatiereLibelle', s.label)}</GARMatiere>`;
      return;
    case 'Eleve': {
      const pupils = data.people.filter(isPupil);
      for (const p of pupils) yield `<GAREleve>${personXml(p, '')}</GAREleve>`;
      for (const p of pupils) yield* personMefs(p);
      // What each pupil is taught: the subjects taught to their divisions and groups.
      const subjectsOf = new Map<string, Set<string>>();
      for (const t of data.teachings) {
        const k = `${t.uai}\u0000${t.groupCode}`;
        subjectsOf.set(k, (subjectsOf.get(k) ?? new Set()).add(t.subject));
      }
      const taught = new Map<string, Set<string>>();
      for (const m of data.memberships) {
        const subjects = subjectsOf.get(`${m.uai}\u0000${m.groupCode}`);
        if (!subjects) continue;
        const k = `${m.uai}\u0000${m.personId}`;
        const set = taught.get(k) ?? new Set();
        for (const s of subjects) set.add(s);
        taught.set(k, set);
      }
      for (const p of pupils)
        for (const uai of new Set(p.profiles.map((x) => x.uai)))
          for (const s of [...(taught.get(`${uai}\u0000${p.id}`) ?? [])].sort())
            yield `<GAREleveEnseignement>${el('GARStructureUAI', uai)}${el('GARPersonIdentifiant', p.id)}${el('GARMatiereCode', s)}</GAREleveEnseignement>`;
      return;
    }
    case 'Enseignant': {
      const staff = data.people.filter((p) => !isPupil(p));
      for (const p of staff)
        yield `<GAREnseignant>${personXml(p, p.email ? el('GARPersonMail', p.email) : '')}</GAREnseignant>`;
      for (const p of staff) yield* personMefs(p);
      return;
    }
    case 'Groupe': {
      for (const g of data.groups)
        yield `<GARGroupe>${el('GARGroupeCode', g.code)}${el('GARStructureUAI', g.uai)}${el('GARGroupeLibelle', g.label)}${el('GARGroupeStatut', g.status)}</GARGroupe>`;
      const status = new Map(data.groups.map((g) => [`${g.uai}\u0000${g.code}`, g.status]));
      const subjects = new Map<string, string[]>();
      for (const t of data.teachings) {
        const k = `${t.uai}\u0000${t.personId}\u0000${t.groupCode}`;
        subjects.set(k, [...(subjects.get(k) ?? []), t.subject]);
      }
      // The XSD's order: members, then who teaches what in a group, then in a division.
      const refs: { name: string; ref: string; taught: string[] }[] = [];
      const seen = new Set<string>();
      for (const m of data.memberships) {
        if (!schoolUais.has(m.uai)) continue;
        const k = `${m.uai}\u0000${m.personId}\u0000${m.groupCode}`;
        if (seen.has(k)) continue;
        seen.add(k);
        const taught = subjects.get(k) ?? [];
        const ref =
          el('GARStructureUAI', m.uai) + el('GARPersonIdentifiant', m.personId) + el('GARGroupeCode', m.groupCode);
        const division = status.get(`${m.uai}\u0000${m.groupCode}`) === 'DIVISION';
        const name = !taught.length ? 'GARPersonGroupe' : division ? 'GAREnsClasseMatiere' : 'GAREnsGroupeMatiere';
        refs.push({ name, ref, taught });
      }
      for (const name of ['GARPersonGroupe', 'GAREnsGroupeMatiere', 'GAREnsClasseMatiere'])
        for (const r of refs)
          if (r.name === name)
            yield `<${name}>${r.ref}${r.taught.map((s) => el('GARMatiereCode', s)).join('')}</${name}>`;
      return;
    }
    case 'RespAff': {
      const byId = new Map(data.people.map((p) => [p.id, p]));
      for (const r of data.respAff) {
        const p = byId.get(r.personId);
        if (!p || !r.email) continue;
        yield `<GARRespAff>${el('GARPersonIdentifiant', r.personId)}${el('GARPersonNom', p.lastName)}${el('GARPersonPrenom', p.firstName)}${p.civility ? el('GARPersonCivilite', p.civility) : ''}${el('GARPersonMail', r.email)}${r.uais.map((u) => el('GARRespAffEtab', u)).join('')}</GARRespAff>`;
      }
      return;
    }
  }
}

/**
 * The demo's directory as the complete GAR-ENT feed its ENT would send, one degree at a time: `2D` (default, v1.7,
 * the collège and the lycée) or `1D` (v1.4, the école, see `records1D`). For 2D: schools with their MEFs and
 * subjects, pupils with their MEFs and what they are taught, staff with their MEFs, divisions and groups with their
 * members and who teaches which subject there, and the allocation managers. Each kind is split into numbered files of
 * at most `perFile` records (GAR: ≤ 10,000 nodes a file). Deterministic: the same data set gives the same files.
 *
 * @example
 * ```ts
 * const files = demoFeedFiles(demoDataSet());
 * files[0]!.name; // 'ENT-DEMO_GAR-ENT_Complet_20260914_080000_2D_Etab_0000.xml'
 * ```
 */
export function demoFeedFiles(
  all: DemoDataSet,
  options: { perFile?: number; degree?: FeedDegree } = {},
): DemoFeedFile[] {
  const degree = options.degree ?? '2D';
  const data = demoDataOfDegree(all, degree);
  const perFile = options.perFile ?? 2000;
  const exportedAt = exportStamp(data.referenceDate);
  const out: DemoFeedFile[] = [];
  for (const kind of KINDS) {
    let part = 0;
    let batch: string[] = [];
    const flush = () => {
      const name = feedFileName({ entId: data.ent.id, exportedAt, degree, kind, part: part++ });
      const body = batch.map((r) => r.replace(/<(\/?)(GAR[A-Za-z0-9]*)/g, '<$1men:$2')).join('\n');
      const text = `<?xml version="1.0" encoding="UTF-8"?>\n<men:GAR-ENT-${kind} xmlns:men="${FEED_NAMESPACES[degree]}" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" Version="${degree === '2D' ? '1.7' : '1.4'}">\n${body}\n</men:GAR-ENT-${kind}>\n`;
      out.push({ name, text });
      batch = [];
    };
    for (const r of degree === '2D' ? records(data, kind) : records1D(data, kind)) {
      batch.push(r);
      if (batch.length >= perFile) flush();
    }
    if (batch.length > 0 || part === 0) flush();
  }
  return out;
}

/**
 * The part of the demo data one degree's feed carries: its schools and what is at them (a person at schools of both
 * degrees would be in both, each naming its own schools; the demo has none).
 */
export function demoDataOfDegree(data: DemoDataSet, degree: FeedDegree): DemoDataSet {
  const uais = new Set(data.schools.filter((s) => (s.degree ?? '2D') === degree).map((s) => s.uai));
  const at = <T extends { uai: string }>(xs: readonly T[]) => xs.filter((x) => uais.has(x.uai));
  return {
    ...data,
    schools: data.schools.filter((s) => uais.has(s.uai)),
    people: data.people.filter((p) => p.profiles.some((x) => uais.has(x.uai))),
    groups: at(data.groups),
    memberships: at(data.memberships),
    mefs: at(data.mefs),
    subjects: at(data.subjects),
    teachings: at(data.teachings),
    respAff: data.respAff.filter((r) => r.uais.some((u) => uais.has(u))),
  };
}

/** The files of {@link demoFeedFiles} as sources for `readFeed` and `service.feeds.import`. */
export function demoFeedSources(files: readonly DemoFeedFile[]): FeedSource[] {
  return files.map((f) => ({
    name: f.name,
    size: f.text.length,
    async *open() {
      yield f.text;
    },
  }));
}
