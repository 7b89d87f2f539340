import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { ContractContext } from './contract.js';
import {
  COLLEGE,
  DISTRIBUTOR,
  ENT_ID,
  LYCEE,
  RESOURCE,
  college,
  ent,
  lycee,
  people,
  person,
  publisher,
  resource,
} from './fixtures.js';

export function registryContract({ withStore }: ContractContext): void {
  test('ENTs and schools round-trip with every field, and put replaces', () =>
    withStore(async (store) => {
      assert.equal(await store.getEnt(ENT_ID), undefined);
      await store.putEnt(ent);
      assert.deepEqual(await store.getEnt(ENT_ID), ent);
      await store.putEnt({
        ...ent,
        name: 'Toutatice (Rennes)',
        jwks: undefined,
        jwksUri: 'https://www.toutatice.fr/jwks.json',
      });
      const { jwks: _, ...withoutJwks } = ent;
      assert.deepEqual(await store.listEnts(), [
        { ...withoutJwks, name: 'Toutatice (Rennes)', jwksUri: 'https://www.toutatice.fr/jwks.json' },
      ]);

      await store.putSchool(lycee);
      await store.putSchool(college);
      await store.putSchool({ uai: '0350001A', entId: 'ENT-AUTRE', name: 'École Paul Bert', degree: '1D' });
      assert.deepEqual(await store.getSchool(COLLEGE), college);
      assert.deepEqual(
        (await store.listSchools({ entId: ENT_ID })).map((s) => s.uai),
        [LYCEE, COLLEGE].sort(),
      );
      assert.equal((await store.listSchools()).length, 3);
      assert.equal(await store.getSchool('9999999Z'), undefined);
    }));

  test('schools are searched by folded words, ENT and académie, in folded-name order, with the count of all', () =>
    withStore(async (store) => {
      await store.putSchool(lycee);
      await store.putSchool(college);
      const other = { uai: '0350001A', entId: 'ENT-AUTRE', degree: '1D' as const };
      await store.putSchool({ ...other, name: 'École Élémentaire Paul-Bert', academie: '14', academieLabel: 'RENNES' });
      await store.putSchool({ uai: '0350002B', entId: 'ENT-AUTRE', name: 'ÉCOLE 100%_PUBLIQUE', degree: '1D' });
      await store.putSchool({
        uai: '0750003C',
        entId: 'ENT-IDF',
        name: 'Collège Jules Ferry',
        degree: '2D',
        academie: '01',
        academieLabel: 'PARIS',
      });
      const all = [ENT_ID, 'ENT-AUTRE', 'ENT-IDF'];
      const uais = async (q: Parameters<typeof store.searchSchools>[0]) => {
        const r = await store.searchSchools(q);
        return [r.schools.map((s) => s.uai), r.total];
      };
      // Accents and case folded on both sides; every term must match; name, UAI, locality, commune and postcode.
      assert.deepEqual(await uais({ entIds: all, terms: ['ecole'], limit: 20 }), [['0350002B', '0350001A'], 2]);
      assert.deepEqual(await uais({ entIds: all, terms: ['college', 'jules'], limit: 20 }), [['0750003C', COLLEGE], 2]);
      assert.deepEqual(await uais({ entIds: all, terms: ['vannes'], limit: 20 }), [[COLLEGE], 1]);
      assert.deepEqual(await uais({ entIds: all, terms: ['56000'], limit: 20 }), [[COLLEGE], 1]);
      assert.deepEqual(await uais({ entIds: all, terms: ['0290009c'], limit: 20 }), [[LYCEE], 1]);
      // LIKE's wildcards in a term are letters, not wildcards.
      assert.deepEqual(await uais({ entIds: all, terms: ['100%_p'], limit: 20 }), [['0350002B'], 1]);
      assert.deepEqual(await uais({ entIds: all, terms: ['%'], limit: 20 }), [['0350002B'], 1]);
      assert.deepEqual(await uais({ entIds: all, terms: ['_'], limit: 20 }), [['0350002B'], 1]);
      // The ENTs and the académie narrow it; no ENT, no school; no term, every school of the ENTs.
      assert.deepEqual(await uais({ entIds: [ENT_ID], terms: ['college'], limit: 20 }), [[COLLEGE], 1]);
      assert.deepEqual(await uais({ entIds: all, academie: '14', terms: [], limit: 20 }), [[COLLEGE, '0350001A'], 2]);
      assert.deepEqual(await uais({ entIds: [], terms: [], limit: 20 }), [[], 0]);
      // The limit cuts the list, not the count.
      assert.deepEqual(await uais({ entIds: all, terms: [], limit: 2 }), [['0750003C', COLLEGE], 5]);
      assert.deepEqual(await uais({ entIds: all, terms: ['introuvable'], limit: 20 }), [[], 0]);
      // A renamed school is found by its new name only.
      await store.putSchool({ ...college, name: 'Collège Simone Veil' });
      assert.deepEqual(await uais({ entIds: all, terms: ['simone'], limit: 20 }), [[COLLEGE], 1]);
      assert.deepEqual(await uais({ entIds: all, terms: ['college', 'jules'], limit: 20 }), [['0750003C'], 1]);
      assert.deepEqual(await store.listSchoolAcademies({ entIds: all }), [
        { code: '01', label: 'PARIS' },
        { code: '14', label: 'RENNES' },
      ]);
      assert.deepEqual(await store.listSchoolAcademies({ entIds: ['ENT-AUTRE'] }), [{ code: '14', label: 'RENNES' }]);
      assert.deepEqual(await store.listSchoolAcademies({ entIds: [] }), []);
    }));

  test('publishers are found by API key hash and certificate fingerprint', () =>
    withStore(async (store) => {
      await store.putPublisher(publisher);
      await store.putPublisher({
        ...publisher,
        id: 'NATHAN-NUM',
        name: 'Nathan',
        apiKeyHashes: ['a'.repeat(64)],
        clientCertFingerprints: [],
      });
      assert.deepEqual(await store.getPublisher(publisher.id), publisher);
      assert.equal((await store.findPublisherByApiKeyHash(publisher.apiKeyHashes[0]!))?.id, publisher.id);
      assert.equal((await store.findPublisherByApiKeyHash('a'.repeat(64)))?.id, 'NATHAN-NUM');
      assert.equal(
        (await store.findPublisherByCertFingerprint(publisher.clientCertFingerprints[0]!))?.id,
        publisher.id,
      );
      assert.equal(await store.findPublisherByApiKeyHash('b'.repeat(64)), undefined);
      assert.deepEqual(
        (await store.listPublishers()).map((p) => p.id),
        ['EDITIONS-ARMOR', 'NATHAN-NUM'],
      );
      // Rotating the key: the old hash no longer finds the publisher.
      await store.putPublisher({ ...publisher, apiKeyHashes: ['c'.repeat(64)] });
      assert.equal(await store.findPublisherByApiKeyHash(publisher.apiKeyHashes[0]!), undefined);
    }));

  test('resources round-trip and filter by ids, distributor and free offer', () =>
    withStore(async (store) => {
      const dico = resource({
        id: 'ark:/67890/dico',
        name: 'Le dictionnaire junior',
        distributorIds: ['400000000_0000000000000001'],
        freeOffer: { audiences: ['ELEVE', 'ENSEIGNANT'] },
        familyParentId: 'ark:/67890/famille-dico',
        description: 'Dictionnaire illustré pour le collège',
        thumbnailUrl: undefined,
      });
      const { thumbnailUrl: _, ...dicoStored } = dico;
      await store.putResource(resource());
      await store.putResource(dico);
      assert.deepEqual(await store.getResource(RESOURCE), resource());
      assert.deepEqual(await store.getResource(dico.id), dicoStored);
      assert.deepEqual(
        (await store.listResources()).map((r) => r.id),
        [dico.id, RESOURCE],
      );
      assert.deepEqual(
        (await store.listResources({ ids: [RESOURCE, 'ark:/0/absent'] })).map((r) => r.id),
        [RESOURCE],
      );
      assert.deepEqual(
        (await store.listResources({ distributorId: DISTRIBUTOR })).map((r) => r.id),
        [RESOURCE],
      );
      assert.deepEqual(
        (await store.listResources({ freeOffer: true })).map((r) => r.id),
        [dico.id],
      );
      assert.deepEqual(
        (await store.listResources({ freeOffer: false })).map((r) => r.id),
        [RESOURCE],
      );
      assert.deepEqual(await store.listResources({ ids: [] }), []);
    }));

  test('operators are found by the hash of their secret only', () =>
    withStore(async (store) => {
      const op = {
        id: 'op-1',
        secretHash: 'd'.repeat(64),
        label: 'Astreinte DANE',
        createdAt: '2025-09-01T10:00:00.000Z',
      };
      await store.putOperator(op);
      assert.deepEqual(await store.findOperatorBySecretHash('d'.repeat(64)), op);
      assert.equal(await store.findOperatorBySecretHash('e'.repeat(64)), undefined);
    }));

  test('returned rows are copies: changing them changes nothing stored', () =>
    withStore(async (store) => {
      await store.putPublisher(publisher);
      const got = await store.getPublisher(publisher.id);
      got!.apiKeyHashes.push('f'.repeat(64));
      got!.name = 'changed';
      assert.deepEqual(await store.getPublisher(publisher.id), publisher);
    }));
}

export function directoryContract({ withStore }: ContractContext): void {
  test('people are listed per school in name order, accent- and case-blind, with paging', () =>
    withStore(async (store) => {
      for (const p of people) await store.putPerson(p);
      await store.putPerson(person('eleve-900001', 'Abiven', 'Jeanne', 'National_elv', LYCEE));
      const names = (await store.listPeople({ uai: COLLEGE })).map((p) => `${p.lastName} ${p.firstName}`);
      assert.deepEqual(names, [
        'Éveno Maël',
        'Evenou Zoé',
        'Guéguen Maëlle',
        'Le Bihan Yann',
        'Le Goff Léa',
        'Morvan Anne',
        'Tanguy Noé',
      ]);
      assert.deepEqual(
        (await store.listPeople({ uai: COLLEGE, offset: 2, limit: 2 })).map((p) => p.id),
        ['doc-000007', 'ens-000042'],
      );
      assert.deepEqual(await store.getPerson(ENT_ID, 'eleve-000123'), people[0]);
      assert.equal(await store.getPerson('ENT-AUTRE', 'eleve-000123'), undefined);
      assert.equal(await store.countPeople({ uai: COLLEGE }), 7);
      assert.equal(await store.countPeople({ uai: LYCEE }), 1);
      assert.equal(await store.countPeople({ uai: '0000000X' }), 0);
    }));

  test('people and groups are read by lists of ids in one call: found ones sorted, absent ones left out', () =>
    withStore(async (store) => {
      for (const p of people) await store.putPerson(p);
      const byId = new Map(people.map((p) => [p.id, p]));
      assert.deepEqual(await store.getPeople(ENT_ID, ['eleve-000124', 'nobody', 'eleve-000123', 'eleve-000124']), [
        byId.get('eleve-000123'),
        byId.get('eleve-000124'),
      ]);
      assert.deepEqual(await store.getPeople('ENT-AUTRE', ['eleve-000123']), []);
      assert.deepEqual(await store.getPeople(ENT_ID, []), []);
      await store.putGroup({ uai: COLLEGE, code: '3B', label: '3e B', status: 'DIVISION' });
      await store.putGroup({ uai: COLLEGE, code: '3A', label: '3e A', status: 'DIVISION' });
      await store.putGroup({ uai: LYCEE, code: '2NDE1', label: 'Seconde 1', status: 'DIVISION' });
      assert.deepEqual(
        (await store.getGroups(COLLEGE, ['3B', '2NDE1', '3A', '3B', 'ZZ'])).map((g) => g.code),
        ['3A', '3B'],
      );
      assert.deepEqual(await store.getGroups(COLLEGE, []), []);
    }));

  test('people filter by audience and by search terms on names or id', () =>
    withStore(async (store) => {
      for (const p of people) await store.putPerson(p);
      const ids = async (q: Parameters<typeof store.listPeople>[0]) => (await store.listPeople(q)).map((p) => p.id);
      assert.deepEqual(await ids({ uai: COLLEGE, audience: 'ENSEIGNANT' }), ['ens-000042']);
      assert.deepEqual(await ids({ uai: COLLEGE, audience: 'AUTRE PERSONNEL' }), ['dir-000001']);
      assert.equal(await store.countPeople({ uai: COLLEGE, audience: 'ELEVE' }), 4);
      // Staff only: every audience but pupils.
      assert.deepEqual((await ids({ uai: COLLEGE, staff: true })).sort(), ['dir-000001', 'doc-000007', 'ens-000042']);
      assert.equal(await store.countPeople({ uai: COLLEGE, staff: true }), 3);
      assert.deepEqual(await ids({ uai: COLLEGE, search: 'EVENO' }), ['eleve-000125', 'eleve-000126']);
      assert.deepEqual(await ids({ uai: COLLEGE, search: 'évenou' }), ['eleve-000126']);
      assert.deepEqual(await ids({ uai: COLLEGE, search: 'gueguen' }), ['doc-000007']);
      assert.deepEqual(await ids({ uai: COLLEGE, search: 'le  goff lea' }), ['eleve-000123']);
      assert.deepEqual(await ids({ uai: COLLEGE, search: '000124' }), ['eleve-000124']);
      assert.deepEqual(await ids({ uai: COLLEGE, search: 'even', audience: 'ELEVE' }), [
        'eleve-000125',
        'eleve-000126',
      ]);
      assert.deepEqual(await ids({ uai: COLLEGE, search: 'even', audience: 'ENSEIGNANT' }), []);
      assert.deepEqual(await ids({ uai: COLLEGE, search: '%' }), []);
      assert.deepEqual(await ids({ uai: COLLEGE, search: '_' }), []);
      assert.equal(await store.countPeople({ uai: COLLEGE, search: 'maë' }), 2);
    }));

  test('a person who changes school leaves the old listing; a deleted person leaves every listing', () =>
    withStore(async (store) => {
      const lea = people[0]!;
      await store.putPerson(lea);
      await store.putPerson({ ...lea, profiles: [{ uai: LYCEE, profile: 'National_elv' }] });
      assert.deepEqual(await store.listPeople({ uai: COLLEGE }), []);
      assert.equal((await store.listPeople({ uai: LYCEE }))[0]?.id, lea.id);
      // Teacher at one school, head at another: the profile that counts is per school.
      const yann = person('ens-000042', 'Le Bihan', 'Yann', 'National_ens', COLLEGE, {
        profiles: [
          { uai: COLLEGE, profile: 'National_ens' },
          { uai: LYCEE, profile: 'National_dir' },
        ],
      });
      await store.putPerson(yann);
      assert.equal(await store.countPeople({ uai: LYCEE, audience: 'AUTRE PERSONNEL' }), 1);
      assert.equal(await store.countPeople({ uai: COLLEGE, audience: 'ENSEIGNANT' }), 1);
      await store.deletePerson(ENT_ID, lea.id);
      await store.deletePerson(ENT_ID, 'absent-person');
      assert.equal(await store.getPerson(ENT_ID, lea.id), undefined);
      assert.deepEqual(
        (await store.listPeople({ uai: LYCEE })).map((p) => p.id),
        ['ens-000042'],
      );
    }));

  test('divisions, groups, memberships and MEFs', () =>
    withStore(async (store) => {
      await store.putGroup({ uai: COLLEGE, code: '3B', label: '3e B', status: 'DIVISION' });
      await store.putGroup({ uai: COLLEGE, code: '3A', label: '3e A', status: 'DIVISION' });
      await store.putGroup({ uai: COLLEGE, code: '3A-LATIN', label: 'Latin 3e', status: 'GROUPE' });
      await store.putGroup({ uai: LYCEE, code: '2NDE1', label: 'Seconde 1', status: 'DIVISION' });
      assert.deepEqual(
        (await store.listGroups(COLLEGE)).map((g) => g.code),
        ['3A', '3A-LATIN', '3B'],
      );
      assert.deepEqual(await store.getGroup(COLLEGE, '3A'), {
        uai: COLLEGE,
        code: '3A',
        label: '3e A',
        status: 'DIVISION',
      });
      await store.putGroup({ uai: COLLEGE, code: '3A', label: '3e A (Mme Le Corre)', status: 'DIVISION' });
      assert.equal((await store.getGroup(COLLEGE, '3A'))?.label, '3e A (Mme Le Corre)');
      await store.deleteGroup(COLLEGE, '3B');
      assert.equal(await store.getGroup(COLLEGE, '3B'), undefined);

      const m = (groupCode: string, personId: string) => ({ uai: COLLEGE, groupCode, personId });
      await store.putMembership(m('3A', 'eleve-000124'));
      await store.putMembership(m('3A', 'eleve-000123'));
      await store.putMembership(m('3A-LATIN', 'eleve-000123'));
      await store.putMembership(m('3A', 'eleve-000123'));
      await store.putMembership({ uai: LYCEE, groupCode: '2NDE1', personId: 'eleve-000123' });
      assert.deepEqual(await store.listMemberships({ uai: COLLEGE, groupCode: '3A' }), [
        m('3A', 'eleve-000123'),
        m('3A', 'eleve-000124'),
      ]);
      assert.deepEqual(await store.listMemberships({ uai: COLLEGE, personId: 'eleve-000123' }), [
        m('3A', 'eleve-000123'),
        m('3A-LATIN', 'eleve-000123'),
      ]);
      assert.equal((await store.listMemberships({ uai: COLLEGE })).length, 3);
      await store.deleteMembership(m('3A', 'eleve-000124'));
      assert.deepEqual(await store.listMemberships({ uai: COLLEGE, groupCode: '3A', personId: 'eleve-000124' }), []);

      const mef = { uai: COLLEGE, code: '10310019110', label: '3EME', mefStat11: '10310019110' };
      await store.putMef(mef);
      await store.putMef({ uai: COLLEGE, code: '10010012110', label: '6EME', mefStat4: '1001' });
      assert.deepEqual(await store.listMefs(COLLEGE), [
        { uai: COLLEGE, code: '10010012110', label: '6EME', mefStat4: '1001' },
        mef,
      ]);
      assert.deepEqual(await store.listMefs(LYCEE), []);
    }));

  test('allocation managers from the RespAff feed', () =>
    withStore(async (store) => {
      const ra = { entId: ENT_ID, personId: 'dir-000001', email: 'anne.morvan@ac-rennes.fr', uais: [COLLEGE, LYCEE] };
      await store.putRespAff(ra);
      await store.putRespAff({ entId: ENT_ID, personId: 'ens-000042', uais: [LYCEE] });
      assert.deepEqual(await store.listRespAff({ uai: COLLEGE }), [ra]);
      assert.deepEqual(
        (await store.listRespAff({ uai: LYCEE })).map((r) => r.personId),
        ['dir-000001', 'ens-000042'],
      );
      assert.deepEqual(
        (await store.listRespAff({ entId: ENT_ID, personId: 'ens-000042' })).map((r) => r.uais),
        [[LYCEE]],
      );
      await store.putRespAff({ ...ra, uais: [LYCEE] });
      assert.deepEqual(await store.listRespAff({ uai: COLLEGE }), []);
      await store.deleteRespAff(ENT_ID, 'dir-000001');
      assert.equal((await store.listRespAff({})).length, 1);
    }));
}
