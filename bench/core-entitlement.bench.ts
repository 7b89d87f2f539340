// Entitlement resolution: time to resolve one person's médiacentre in an académie-size directory (300 schools,
// 300,000 people), as a ratio to the same on a 10-school directory measured in the same run. The cost must not grow
// with the size of the directory: resolution only reads the person's own slice through indexes.
import {
  resolveEntitlements,
  type LicenceCopy,
  type Person,
  type Resource,
  type Subscription,
} from '../packages/core/src/index.js';
import { percentile, quick, sample, writeReport } from './lib/report.js';

function prng(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface Directory {
  people: Map<string, Person>;
  subscriptionsBySchool: Map<string, Subscription[]>;
  copiesByPerson: Map<string, LicenceCopy[]>;
  resources: Map<string, Resource>;
  personIds: string[];
}

const RESOURCES = 40;
function generate(schools: number, peoplePerSchool: number, seed: number): Directory {
  const rnd = prng(seed);
  const resources = new Map<string, Resource>();
  for (let i = 0; i < RESOURCES; i++) {
    const id = `ark:/99999/res-${i}`;
    resources.set(id, {
      id,
      idType: 'ark',
      name: `Ressource ${i}`,
      publisherId: `ed-${i % 5}`,
      publisherName: `Éditeur ${i % 5}`,
      distributorIds: ['123456789_0000000000000001'],
      techDistributor: '',
      techValidator: '',
      accessUrl: `https://res${i}.example/acces`,
      presentationType: { code: 'MAN', nom: 'Manuels numériques' },
      pedagogicalTypes: [],
      documentTypologies: [],
      levels: [],
      teachingDomains: [],
      declaredAttributes: ['UAI', 'PRO'],
      protocol: 'jwt',
      registeredUrls: [],
      displayable: true,
      signingAlg: 'ES256',
    });
  }
  const dir: Directory = {
    people: new Map(),
    subscriptionsBySchool: new Map(),
    copiesByPerson: new Map(),
    resources,
    personIds: [],
  };
  for (let s = 0; s < schools; s++) {
    const uai = `${String(560000 + s).padStart(7, '0')}A`;
    const subs: Subscription[] = [];
    for (let k = 0; k < 20; k++) {
      const r = Math.floor(rnd() * RESOURCES);
      subs.push({
        id: `abo-${s}-${k}`,
        distributorId: '123456789_0000000000000001',
        resourceId: `ark:/99999/res-${r}`,
        resourceIdType: 'ark',
        resourceLabel: `Ressource ${r}`,
        validFrom: '2026-09-01T00:00:00Z',
        validUntil: k % 7 === 0 ? '2026-09-30T00:00:00Z' : '2027-08-15T21:59:59Z',
        uai,
        category: 'transferable',
        type: k % 2 ? 'ETABL' : 'INDIV',
        licences: { kind: 'global', count: k % 3 ? 'ILLIMITE' : 400 },
        audiences: ['ELEVE', 'ENSEIGNANT'],
        automatic: false,
      });
    }
    dir.subscriptionsBySchool.set(uai, subs);
    for (let p = 0; p < peoplePerSchool; p++) {
      const id = `p-${s}-${p}`;
      const pupil = p % 12 !== 0;
      dir.people.set(id, {
        entId: 'ENT',
        id,
        lastName: 'Nom',
        firstName: 'Prénom',
        profiles: [{ uai, profile: pupil ? 'National_elv' : 'National_ens' }],
        mefs: [],
      });
      const copies: LicenceCopy[] = [];
      for (const sub of subs) {
        if (rnd() < 0.4) {
          copies.push({
            subscriptionId: sub.id,
            uai,
            personId: id,
            audience: pupil ? 'ELEVE' : 'ENSEIGNANT',
            allocationId: 'a',
            assignedAt: '2026-09-02T00:00:00Z',
          });
        }
      }
      dir.copiesByPerson.set(id, copies);
      dir.personIds.push(id);
    }
  }
  return dir;
}

function resolveOne(dir: Directory, personId: string, at: number): number {
  const person = dir.people.get(personId)!;
  const uai = person.profiles[0]!.uai;
  return resolveEntitlements({
    person,
    uai,
    at,
    subscriptions: dir.subscriptionsBySchool.get(uai)!,
    copies: dir.copiesByPerson.get(personId)!,
    resources: dir.resources,
  }).length;
}

function measure(dir: Directory, n: number): number[] {
  const rnd = prng(7);
  const at = Date.parse('2026-10-05T10:00:00Z');
  let sink = 0;
  for (let i = 0; i < 2000; i++) sink += resolveOne(dir, dir.personIds[Math.floor(rnd() * dir.personIds.length)]!, at);
  const out = sample(n, () => {
    sink += resolveOne(dir, dir.personIds[Math.floor(rnd() * dir.personIds.length)]!, at);
  });
  if (sink < 0) console.log(sink);
  return out;
}

const perSchool = 1000;
const large = quick ? 30 : 300;
console.log(`generating 10 schools and ${large} schools × ${perSchool} people…`);
const smallDir = generate(10, perSchool, 1);
const largeDir = generate(large, perSchool, 2);
const n = quick ? 5000 : 30000;
// Alternate runs so that both directories see the same machine conditions.
const smallRuns: number[] = [];
const largeRuns: number[] = [];
for (let round = 0; round < 3; round++) {
  smallRuns.push(...measure(smallDir, n / 3));
  largeRuns.push(...measure(largeDir, n / 3));
}
smallRuns.sort((a, b) => a - b);
largeRuns.sort((a, b) => a - b);
const p50s = percentile(smallRuns, 50) * 1000;
const p50l = percentile(largeRuns, 50) * 1000;
const p99s = percentile(smallRuns, 99) * 1000;
const p99l = percentile(largeRuns, 99) * 1000;
writeReport(
  'core-entitlement',
  [
    {
      name: `p50 resolve one médiacentre, ${large * perSchool} people`,
      value: p50l,
      unit: 'µs',
      baseline: p50s,
      baselineName: '10 schools',
      ratio: p50l / p50s,
      target: 'ratio ≤ 1.5',
      ok: p50l / p50s <= 1.5,
    },
    {
      name: `p99 resolve one médiacentre, ${large * perSchool} people`,
      value: p99l,
      unit: 'µs',
      baseline: p99s,
      baselineName: '10 schools',
      ratio: p99l / p99s,
      target: 'ratio ≤ 2',
      ok: p99l / p99s <= 2,
    },
  ],
  { schools: large, people: large * perSchool, samples: n },
);
