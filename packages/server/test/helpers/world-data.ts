// The data sets of the test world (see `world.ts`): what `buildWorld({ data })` writes before a test.
import type { Store, StoredSubscription } from '../../src/index.js';
import {
  ASSERTION_ENDPOINT,
  CAS_SERVICE,
  ENT_A_CERT,
  FAMILY,
  ORIGIN_A,
  ORIGIN_B,
  R_CAS,
  R_DICO,
  R_FAM5,
  R_FAM6,
  R_LYCEE,
  R_NT,
  R_OLD,
  S1,
  S2,
  S3,
  SYSTEM,
  copy,
  ent,
  person,
  pupil,
  resource,
  resourceBody,
  school,
  subscription,
  type EntKeys,
} from './fixtures.js';
import type { BaseWorld, WorldCredentials } from './world.js';

const pupilB = person({
  entId: 'ENTB',
  id: 'eleve-b',
  lastName: 'Petit',
  firstName: 'Zoé',
  profiles: [{ uai: S2, profile: 'National_elv' }],
});

/** The `service` data, registered through the use cases. */
export async function seedService({ service, store, keysA, keysB }: BaseWorld): Promise<WorldCredentials> {
  await service.admin.ents.create(SYSTEM, {
    id: 'ENTA',
    name: 'ENT A',
    jwks: { keys: [keysA.publicJwk] },
    origins: [ORIGIN_A],
  });
  await service.admin.ents.create(SYSTEM, {
    id: 'ENTB',
    name: 'ENT B',
    jwks: { keys: [keysB.publicJwk] },
    origins: [ORIGIN_B],
  });
  await service.admin.schools.create(SYSTEM, { uai: S1, entId: 'ENTA', name: 'Collège Un' });
  await service.admin.schools.create(SYSTEM, { uai: S3, entId: 'ENTA', name: 'Lycée Trois' });
  await service.admin.schools.create(SYSTEM, { uai: S2, entId: 'ENTB', name: 'Collège Deux' });
  const publisher = (id: string) => ({ id, name: `Éditions ${id}`, distributorIds: [`${id}_0000000000000001`] });
  const { apiKey: apiKeyX } = await service.admin.publishers.create(SYSTEM, publisher('X'));
  const { apiKey: apiKeyY } = await service.admin.publishers.create(SYSTEM, publisher('Y'));
  await service.admin.resources.create(SYSTEM, resourceBody({ description: 'Maths <b>interactives</b>' }));
  await service.admin.resources.create(
    SYSTEM,
    resourceBody({ id: R_DICO, publisherId: 'Y', freeOffer: { audiences: ['ELEVE', 'ENSEIGNANT'] } }),
  );
  await service.admin.resources.create(SYSTEM, resourceBody({ id: R_OLD }));
  const pupilProfiles = [
    { uai: S1, profile: 'National_elv' as const },
    { uai: S3, profile: 'National_elv' as const },
  ];
  await service.directory.putPerson(SYSTEM, person({ profiles: pupilProfiles }));
  await service.directory.putPerson(
    SYSTEM,
    person({ id: 'prof-a', lastName: 'Martin', firstName: 'Paul', profiles: [{ uai: S1, profile: 'National_ens' }] }),
  );
  await service.directory.putPerson(SYSTEM, pupilB);
  await service.directory.putGroup(SYSTEM, 'ENTA', { uai: S1, code: '3A', label: '3e A', status: 'DIVISION' });
  await service.directory.putMembership(SYSTEM, 'ENTA', { uai: S1, groupCode: '3A', personId: 'eleve-a' });
  const dico = { type: 'ETABL', automatic: true, licences: { kind: 'global', count: 'ILLIMITE' } } as const;
  await store.insertSubscription(subscription());
  await store.insertSubscription(subscription({ id: 'AUTO_0000001A_DICO', resourceId: R_DICO, ...dico }));
  await store.insertSubscription(subscription({ id: 'AUTO_0000002B_DICO', uai: S2, resourceId: R_DICO, ...dico }));
  await store.insertSubscription(
    subscription({
      id: 'ABO-OLD-S1',
      resourceId: R_OLD,
      validFrom: '2024-09-01T00:00:00Z',
      validUntil: '2025-08-15T21:59:59Z',
    }),
  );
  await store.insertCopies(
    ['ABO-MATHS-S1', 'ABO-OLD-S1'].map((subscriptionId) =>
      copy({ subscriptionId, personId: 'eleve-a', allocationId: 'alloc-1' }),
    ),
  );
  const { secret: operatorSecret } = await service.admin.operators.create(SYSTEM, { label: 'test operator' });
  return { operatorSecret, apiKeyX, apiKeyY };
}

/** The `allocation` data, on top of the `service` data. */
export async function seedAllocation({ service: s, store, clock }: BaseWorld, pupils: number): Promise<void> {
  const staff = (entId: string, id: string, lastName: string, firstName: string, uai: string, profile: string) =>
    s.directory.putPerson(SYSTEM, { entId, id, lastName, firstName, profiles: [{ uai, profile }] });
  await staff('ENTA', 'head-a', 'Chef', 'Anne', S1, 'National_dir');
  await staff('ENTA', 'respaff-a', 'Resp', 'Rémi', S1, 'National_eta');
  await staff('ENTA', 'doc-a', 'Doc', 'Inès', S1, 'National_doc');
  await staff('ENTB', 'head-b', 'Chef', 'Bruno', S2, 'National_dir');
  await store.putRespAff({ entId: 'ENTA', personId: 'respaff-a', uais: [S1] });
  await s.directory.putMef(SYSTEM, 'ENTA', { uai: S1, code: '10010012110', label: '6EME', mefStat11: '10010001110' });
  await s.directory.putGroup(SYSTEM, 'ENTA', { uai: S1, code: '6A', label: '6e A', status: 'DIVISION' });
  await s.directory.putGroup(SYSTEM, 'ENTA', { uai: S1, code: 'LATIN', label: 'Latin', status: 'GROUPE' });
  for (let i = 1; i <= pupils; i++) {
    await s.directory.putPerson(SYSTEM, {
      entId: 'ENTA',
      id: pupil(i),
      lastName: `Élève${i}`,
      firstName: 'Test',
      profiles: [{ uai: S1, profile: 'National_elv' }],
      mefs: [{ uai: S1, code: '10010012110' }],
    });
    await s.directory.putMembership(SYSTEM, 'ENTA', { uai: S1, groupCode: '6A', personId: pupil(i) });
  }
  const at = clock.now().toISOString();
  const add = (o: Partial<StoredSubscription>) =>
    store.insertSubscription(subscription({ ...o, createdAt: at, updatedAt: at }));
  await add({ id: 'INDIV-10', licences: { kind: 'global', count: 10 } });
  await add({
    id: 'ETABL-5',
    type: 'ETABL',
    audiences: ['ELEVE', 'ENSEIGNANT'],
    licences: {
      kind: 'perAudience',
      counts: { ELEVE: 5, ENSEIGNANT: 'ILLIMITE', DOCUMENTALISTE: 0, 'AUTRE PERSONNEL': 0 },
    },
  });
  await add({ id: 'NT-5', category: 'non transferable', licences: { kind: 'global', count: 5 } });
}

/** The `handoff` data, written into the store (once per database). */
export async function seedHandoff(store: Store, keysA: EntKeys, keysB: EntKeys): Promise<void> {
  await store.putEnt(
    ent({
      jwks: { keys: [keysA.publicJwk as { kty: string }] },
      assertionEndpoint: ASSERTION_ENDPOINT,
      clientCertFingerprints: [ENT_A_CERT],
    }),
  );
  await store.putEnt(
    ent({ id: 'ENTB', name: 'ENT B', jwks: { keys: [keysB.publicJwk as { kty: string }] }, origins: [] }),
  );
  await store.putSchool(school());
  await store.putSchool(school({ uai: S3, name: 'Lycée Trois' }));
  await store.putSchool(school({ uai: S2, entId: 'ENTB', name: 'Collège Deux' }));
  for (const r of [
    resource({
      declaredAttributes: ['UAI', 'PRO', 'DIV', 'GRO', 'NOM', 'PRE'],
      description: 'Maths <b>interactives</b> & "exercices"',
      thumbnailUrl: 'https://x.resource.test/vignette.png',
    }),
    resource({
      id: R_DICO,
      publisherId: 'Y',
      declaredAttributes: ['UAI'],
      signingAlg: 'RS256',
      freeOffer: { audiences: ['ELEVE', 'ENSEIGNANT'] },
    }),
    resource({ id: R_FAM6, publisherId: 'Z', familyParentId: FAMILY, signingAlg: 'EdDSA', name: 'Famille <6e>' }),
    resource({ id: R_FAM5, publisherId: 'Z', familyParentId: FAMILY, signingAlg: 'EdDSA' }),
    resource({
      id: R_CAS,
      publisherId: 'C',
      protocol: 'cas',
      registeredUrls: [CAS_SERVICE],
      declaredAttributes: ['UAI', 'PRO', 'DIV', 'P_MEL'],
    }),
    resource({ id: R_OLD }),
    resource({ id: R_LYCEE }),
    resource({ id: R_NT, name: 'Non transférable' }),
  ]) {
    await store.putResource(r);
  }
  await store.putPerson(
    person({
      civility: 'Mme',
      email: 'lea@example.test',
      profiles: [
        { uai: S1, profile: 'National_elv' },
        { uai: S3, profile: 'National_elv' },
      ],
    }),
  );
  await store.putPerson(
    person({
      id: 'prof-a',
      lastName: 'Martin',
      firstName: 'Paul',
      email: 'paul@example.test',
      profiles: [{ uai: S1, profile: 'National_ens' }],
    }),
  );
  await store.putPerson(pupilB);
  await store.putGroup({ uai: S1, code: '3A', label: '3e A', status: 'DIVISION' });
  await store.putGroup({ uai: S1, code: 'LATIN', label: 'Latin', status: 'GROUPE' });
  await store.putMembership({ uai: S1, groupCode: '3A', personId: 'eleve-a' });
  await store.putMembership({ uai: S1, groupCode: 'LATIN', personId: 'eleve-a' });
  await store.putMembership({ uai: S1, groupCode: '3A', personId: 'prof-a' });
  const dico = { type: 'ETABL', automatic: true, licences: { kind: 'global', count: 'ILLIMITE' } } as const;
  for (const s of [
    subscription(),
    subscription({ id: 'AUTO_0000001A_DICO', resourceId: R_DICO, ...dico }),
    subscription({ id: 'ABO-FAM6-S1', resourceId: R_FAM6 }),
    subscription({ id: 'ABO-FAM5-S1', resourceId: R_FAM5 }),
    subscription({ id: 'ABO-CAS-S1', resourceId: R_CAS }),
    subscription({
      id: 'ABO-OLD-S1',
      resourceId: R_OLD,
      validFrom: '2024-09-01T00:00:00Z',
      validUntil: '2025-08-15T21:59:59Z',
    }),
    subscription({ id: 'ABO-LYCEE-S3', uai: S3, resourceId: R_LYCEE }),
    subscription({ id: 'ABO-NT-S1', resourceId: R_NT, category: 'non transferable' }),
  ]) {
    await store.insertSubscription(s);
  }
  const held = ['ABO-MATHS-S1', 'ABO-FAM6-S1', 'ABO-FAM5-S1', 'ABO-CAS-S1', 'ABO-OLD-S1', 'ABO-NT-S1'];
  await store.insertCopies([
    ...held.map((subscriptionId) => copy({ subscriptionId, personId: 'eleve-a' })),
    copy({ subscriptionId: 'ABO-LYCEE-S3', personId: 'eleve-a', uai: S3 }),
    copy({ subscriptionId: 'ABO-CAS-S1', personId: 'prof-a', audience: 'ENSEIGNANT' }),
  ]);
}
