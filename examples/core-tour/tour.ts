// A tour of @opengar/core on a small French sample: what a pupil may open, whether an allocation fits, what a
// resource receives, and how statistics are protected. Run: `npm run demo -- --tour`.
import {
  checkAllocation,
  expandTarget,
  pairwisePseudonym,
  parseResource,
  parseSubscription,
  protectTable,
  releaseAttributes,
  resolveEntitlements,
  type Group,
  type LicenceCopy,
  type Mef,
  type Person,
} from '@opengar/core';

const UAI = '0561641E';
const at = '2026-10-05T10:00:00Z';
const people: Person[] = [
  {
    entId: 'ENT-DEMO',
    id: 'eleve-lea',
    lastName: 'Martin',
    firstName: 'Léa',
    civility: 'Mme',
    profiles: [{ uai: UAI, profile: 'National_elv' }],
    mefs: [{ uai: UAI, code: '10310019110' }],
  },
  {
    entId: 'ENT-DEMO',
    id: 'eleve-hugo',
    lastName: 'Bernard',
    firstName: 'Hugo',
    profiles: [{ uai: UAI, profile: 'National_elv' }],
    mefs: [],
  },
  {
    entId: 'ENT-DEMO',
    id: 'prof-durand',
    lastName: 'Durand',
    firstName: 'Claire',
    email: 'claire.durand@ac-rennes.fr',
    profiles: [{ uai: UAI, profile: 'National_ens' }],
    mefs: [],
  },
];
const groups: Group[] = [{ uai: UAI, code: '3A', label: '3e A', status: 'DIVISION' }];
const memberships = people.map((p) => ({ uai: UAI, groupCode: '3A', personId: p.id }));
const mefs: Mef[] = [{ uai: UAI, code: '10310019110', label: '3EME', mefStat11: '10310019110' }];

const dico = parseResource({
  id: 'ark:/67890/dico',
  idType: 'ark',
  name: 'Dictionnaire junior',
  publisherId: 'ed-lexique',
  publisherName: 'Éditions Lexique',
  distributorIds: ['123456789_0000000000000001'],
  accessUrl: 'https://dico.example/acces',
  presentationType: { code: 'DIC', nom: 'Dictionnaires et encyclopédies' },
  declaredAttributes: ['UAI', 'PRO', 'DIV', 'E_MS4'],
});
const sub = parseSubscription({
  id: 'dico_0561641E_2026',
  distributorId: '123456789_0000000000000001',
  resourceId: dico.id,
  resourceIdType: 'ark',
  resourceLabel: dico.name,
  validFrom: '2026-09-01T00:00:00+02:00',
  validUntil: '2027-08-15T23:59:59+02:00',
  uai: UAI,
  category: 'transferable',
  type: 'INDIV',
  licences: { kind: 'global', count: 2 },
  audiences: ['ELEVE', 'ENSEIGNANT'],
});

console.log(
  `Subscription ${sub.id}: ${sub.type}, ${sub.licences.kind === 'global' ? sub.licences.count : 'per audience'} copies.`,
);
// A class gives to its pupils unless other audiences are asked: here its teacher too.
const division = expandTarget(
  { kind: 'division', code: '3A', audiences: ['ELEVE', 'ENSEIGNANT'] },
  { uai: UAI, people, memberships },
);
const tooMany = checkAllocation(sub, [], division);
console.log('Allocate to the whole 3e A, pupils and teacher (3 people):', JSON.stringify(tooMany));
const fit = checkAllocation(sub, [], division.slice(0, 2));
if (!fit.ok) throw new Error('expected the two pupils to fit');
const copies: LicenceCopy[] = fit.grant.map((g) => ({
  ...g,
  subscriptionId: sub.id,
  uai: UAI,
  allocationId: 'a1',
  assignedAt: at,
}));
console.log('Allocate to Léa and Hugo:', fit.grant.map((g) => g.personId).join(', '));

const lea = people[0]!;
const tiles = resolveEntitlements({ person: lea, uai: UAI, at, subscriptions: [sub], copies, resources: [dico] });
console.log(`Léa's médiacentre: ${tiles.map((t) => t.resource.name).join(', ')}`);
const teacherTiles = resolveEntitlements({
  person: people[2]!,
  uai: UAI,
  at,
  subscriptions: [sub],
  copies,
  resources: [dico],
});
console.log(`Mme Durand's médiacentre: ${teacherTiles.length} resource(s) (no copy yet)`);

const ido = pairwisePseudonym({ secret: 'demo-only-secret', entId: lea.entId, personId: lea.id, scope: dico.id });
console.log(
  'What the dictionary receives when Léa opens it:',
  releaseAttributes({ person: lea, uai: UAI, resource: dico, ido, groups, mefs }),
);

const table = protectTable({
  rows: ['Dictionnaire junior', 'Maths 3e'],
  columns: ['2026-09', '2026-10', '2026-11'],
  cells: [
    [
      { accesses: 9, people: 3 },
      { accesses: 40, people: 12 },
      { accesses: 50, people: 15 },
    ],
    [
      { accesses: 30, people: 10 },
      { accesses: 31, people: 11 },
      { accesses: 60, people: 20 },
    ],
  ],
});
console.log('Usage statistics as published (accesses; "<5" hides small groups, "hidden" what would reveal them):');
for (const [i, row] of table.cells.entries()) {
  console.log(
    `  ${table.rows[i]!.padEnd(20)} ${row.map((c) => (c.status === 'published' ? String(c.accesses) : c.band).padStart(5)).join(' ')}`,
  );
}
