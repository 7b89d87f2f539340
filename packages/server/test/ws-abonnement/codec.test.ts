import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { WsAbonnementError } from '../../src/ws-abonnement/errors.js';
import {
  abonnementDocument,
  abonnementsDocument,
  erreurDocument,
  parseAbonnement,
} from '../../src/ws-abonnement/abonnement-codec.js';
import { parseFiltersQuery, parseFiltersXml, parsePaging } from '../../src/ws-abonnement/filters-codec.js';
import { etablissementsDocument } from '../../src/ws-abonnement/etablissements-codec.js';
import { decompteCsv } from '../../src/ws-abonnement/decompte-codec.js';

const NS = 'http://www.atosworldline.com/wsabonnement/v1.0/';

/** A create body as existing publisher clients send it (element order and formats from GAR's samples). */
function body(fields: Record<string, string | string[] | undefined> = {}): string {
  const base: Record<string, string | string[] | undefined> = {
    idAbonnement: 'briefeco_1630592291',
    idDistributeurCom: '000000_0000000000000000',
    idRessource: 'ark:/47198/briefeco',
    typeIdRessource: 'ark',
    libelleRessource: 'Brief.eco',
    debutValidite: '2021-09-02T16:18:27.000+02:00',
    finValidite: '2022-08-15T00:00:00.000+02:00',
    uaiEtab: '0561622J',
    categorieAffectation: 'transferable',
    typeAffectation: 'INDIV',
    nbLicenceGlobale: 'ILLIMITE',
    publicCible: ['ELEVE', 'ENSEIGNANT', 'DOCUMENTALISTE', 'AUTRE PERSONNEL'],
    ...fields,
  };
  const xml = Object.entries(base)
    .filter(([, v]) => v !== undefined)
    .flatMap(([k, v]) => (Array.isArray(v) ? v : [v!]).map((x) => `<${k}>${x}</${k}>`))
    .join('');
  return `<?xml version="1.0" encoding="UTF-8"?><abonnement xmlns="${NS}">${xml}</abonnement>`;
}

function refusal(fn: () => unknown): { code: string; path: string } {
  try {
    fn();
  } catch (e) {
    assert.ok(e instanceof WsAbonnementError, String(e));
    return { code: e.code, path: e.path };
  }
  assert.fail('expected a WsAbonnementError');
}

const create = (xml: string, id = 'briefeco_1630592291') => parseAbonnement(xml, { mode: 'create' }, id);

describe('subscription web service: <abonnement> bodies', () => {
  it('reads a body as GAR clients send it', () => {
    const { subscription: s } = create(body());
    assert.equal(s.id, 'briefeco_1630592291');
    assert.equal(s.uai, '0561622J');
    assert.deepEqual(s.licences, { kind: 'global', count: 'ILLIMITE' });
    assert.deepEqual(s.audiences, ['ELEVE', 'ENSEIGNANT', 'DOCUMENTALISTE', 'AUTRE PERSONNEL']);
    assert.equal(s.validUntil, '2022-08-15T00:00:00.000+02:00');
  });

  it('reads the four per-audience counts and anneeFinValidite', () => {
    const { subscription: s } = create(
      body({
        finValidite: undefined,
        anneeFinValidite: '2026-2027',
        nbLicenceGlobale: undefined,
        nbLicenceEnseignant: '10',
        nbLicenceEleve: '250',
        nbLicenceProfDoc: '2',
        nbLicenceAutrePersonnel: 'ILLIMITE',
      }),
    );
    assert.deepEqual(s.licences, {
      kind: 'perAudience',
      counts: { ENSEIGNANT: 10, ELEVE: 250, DOCUMENTALISTE: 2, 'AUTRE PERSONNEL': 'ILLIMITE' },
    });
    assert.equal(s.endSchoolYear, '2026-2027');
    assert.equal(s.validUntil, '2027-08-15T21:59:59.000Z');
  });

  const refusals: [string, Record<string, string | string[] | undefined>, string][] = [
    ['an id over 45 characters', { idAbonnement: 'x'.repeat(46) }, '/abonnement/idAbonnement'],
    ['an id with a space', { idAbonnement: 'a b' }, '/abonnement/idAbonnement'],
    ['a missing resource id', { idRessource: undefined }, '/abonnement/idRessource'],
    ['a distributor id over 26 characters', { idDistributeurCom: 'x'.repeat(27) }, '/abonnement/idDistributeurCom'],
    ['a comment over 255 characters', { commentaireAbonnement: 'c'.repeat(256) }, '/abonnement/commentaireAbonnement'],
    ['both end forms', { anneeFinValidite: '2021-2022' }, '/abonnement/finValidite'],
    ['no end at all', { finValidite: undefined }, '/abonnement/finValidite'],
    ['a bad school year', { finValidite: undefined, anneeFinValidite: '2021-2023' }, '/abonnement/anneeFinValidite'],
    ['a date with a space for T', { debutValidite: '2021-09-02 16:18:27' }, '/abonnement/debutValidite'],
    ['a date that does not exist', { debutValidite: '2021-02-30T16:18:27' }, '/abonnement/debutValidite'],
    ['a zero-width space in a resource id', { idRessource: 'ark:/1\u200b/x' }, '/abonnement/resourceId'],
    ['an end before the start', { finValidite: '2020-01-01T00:00:00Z' }, '/abonnement/finValidite'],
    ['an unknown category', { categorieAffectation: 'libre' }, '/abonnement/categorieAffectation'],
    ['an unknown type', { typeAffectation: 'CLASSE' }, '/abonnement/typeAffectation'],
    ['a global count and a per-audience count', { nbLicenceEleve: '3' }, '/abonnement/nbLicenceEleve'],
    [
      'three of the four counts',
      { nbLicenceGlobale: undefined, nbLicenceEnseignant: '1', nbLicenceEleve: '1', nbLicenceProfDoc: '1' },
      '/abonnement/nbLicenceAutrePersonnel',
    ],
    ['a negative count', { nbLicenceGlobale: '-4' }, '/abonnement/nbLicenceGlobale'],
    ['a count over 8 characters', { nbLicenceGlobale: '123456789' }, '/abonnement/nbLicenceGlobale'],
    ['no publicCible', { publicCible: [] }, '/abonnement/publicCible'],
    ['an unknown publicCible', { publicCible: ['PARENT'] }, '/abonnement/publicCible'],
    ['a repeated publicCible', { publicCible: ['ELEVE', 'ELEVE'] }, '/abonnement/publicCible'],
    ['an unknown element', { prix: '12' }, '/abonnement/prix'],
    ['a repeated single element', { libelleRessource: ['A', 'B'] }, '/abonnement/libelleRessource'],
    ['a lower-case UAI', { uaiEtab: '0561622j' }, '/abonnement/uaiEtab'],
  ];
  for (const [what, fields, path] of refusals) {
    it(`refuses ${what}, naming the element`, () => {
      assert.deepEqual(
        refusal(() => create(body(fields))),
        { code: 'invalid', path },
      );
    });
  }

  it('refuses a control character, written or as a character reference, as malformed XML', () => {
    for (const comment of ['a\u0000b', 'a\u0001b', 'a&#0;b', 'a&#x1F;b']) {
      assert.deepEqual(
        refusal(() => create(body({ commentaireAbonnement: comment }))),
        { code: 'malformed', path: '/' },
      );
    }
    assert.equal(
      create(body({ commentaireAbonnement: 'ligne 1\nligne\t2' })).subscription.comment,
      'ligne 1\nligne\t2',
    );
  });

  it('reads a date without offset as Paris time, winter and summer', () => {
    const { subscription: s } = create(
      body({ debutValidite: '2021-01-04T08:00:00', finValidite: '2021-09-02T16:18:27' }),
    );
    assert.equal(s.validFrom, '2021-01-04T08:00:00+01:00');
    assert.equal(s.validUntil, '2021-09-02T16:18:27+02:00');
  });

  it('refuses an id in the body that differs from the URL', () => {
    assert.deepEqual(
      refusal(() => create(body(), 'other_id')),
      { code: 'invalid', path: '/abonnement/idAbonnement' },
    );
  });

  it('on update, uaiEtab may be omitted and cannot change', () => {
    const { subscription: s } = parseAbonnement(
      body({ uaiEtab: undefined }),
      { mode: 'update', current: { uai: '0561622J' } },
      'briefeco_1630592291',
    );
    assert.equal(s.uai, '0561622J');
    assert.deepEqual(
      refusal(() =>
        parseAbonnement(
          body({ uaiEtab: '0000000X' }),
          { mode: 'update', current: { uai: '0561622J' } },
          'briefeco_1630592291',
        ),
      ),
      {
        code: 'invalid',
        path: '/abonnement/uaiEtab',
      },
    );
  });

  it('refuses DTDs and entities before parsing, and malformed XML with a line', () => {
    const xxe = `<?xml version="1.0"?><!DOCTYPE abonnement [<!ENTITY x SYSTEM "file:///etc/passwd">]><abonnement>&x;</abonnement>`;
    assert.equal(refusal(() => create(xxe)).code, 'forbidden-construct');
    const bomb = `<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;">]><abonnement>&lol2;</abonnement>`;
    assert.equal(refusal(() => create(bomb)).code, 'forbidden-construct');
    assert.equal(refusal(() => create('<abonnement><idAbonnement>x</abonnement>')).code, 'malformed');
    assert.equal(refusal(() => create('<autre/>')).path, '/');
    assert.equal(refusal(() => create(`<abonnement>${'x'.repeat(70_000)}</abonnement>`)).code, 'too-large');
  });

  it('writes lists in GAR order with the namespace, and reads back what it wrote', () => {
    const { subscription: s } = create(body({ commentaireAbonnement: 'Commande &lt;2021&gt; &amp; co' }));
    const xml = abonnementsDocument([s]);
    assert.match(
      xml,
      /^<\?xml version="1.0" encoding="UTF-8" standalone="yes"\?>\n<abonnements xmlns="http:\/\/www.atosworldline.com\/wsabonnement\/v1.0\/">/,
    );
    const order = [...xml.matchAll(/<(\w+)>/g)].map((m) => m[1]);
    assert.deepEqual(order, [
      'abonnement',
      'idAbonnement',
      'commentaireAbonnement',
      'idDistributeurCom',
      'idRessource',
      'typeIdRessource',
      'libelleRessource',
      'debutValidite',
      'finValidite',
      'uaiEtab',
      'categorieAffectation',
      'typeAffectation',
      'nbLicenceGlobale',
      'publicCible',
      'publicCible',
      'publicCible',
      'publicCible',
    ]);
    assert.match(xml, /<commentaireAbonnement>Commande &lt;2021&gt; &amp; co<\/commentaireAbonnement>/);
    const single = abonnementDocument(s);
    assert.deepEqual(create(single).subscription, s);
    assert.equal(
      abonnementsDocument([]),
      `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<abonnements xmlns="${NS}">\n</abonnements>\n`,
    );
  });

  it('writes GAR error bodies with escaped text', () => {
    assert.equal(
      erreurDocument('Bad Request', '/abonnement/idRessource: <bad>'),
      `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Erreur xmlns="${NS}"><Code>Bad Request</Code><Message>/abonnement/idRessource: &lt;bad&gt;</Message></Erreur>\n`,
    );
  });
});

describe('subscription web service: filters, paging, lists', () => {
  it('reads GAR filter bodies', () => {
    const f = parseFiltersXml(
      `<filtres xmlns="${NS}"><filtre><filtreNom>uaiEtab</filtreNom><filtreValeur>0561622J</filtreValeur></filtre><filtre><filtreNom>uaiEtab</filtreNom><filtreValeur>0561641E</filtreValeur></filtre><filtre><filtreNom>idRessource</filtreNom><filtreValeur>ark:/47198/briefeco</filtreValeur></filtre><triPar>idAbonnement</triPar><tri>DESC</tri></filtres>`,
    );
    assert.deepEqual(f, {
      idDistributeurCom: [],
      uaiEtab: ['0561622J', '0561641E'],
      idRessource: ['ark:/47198/briefeco'],
      sortBy: 'idAbonnement',
      order: 'DESC',
    });
    assert.deepEqual(parseFiltersXml(''), {
      idDistributeurCom: [],
      uaiEtab: [],
      idRessource: [],
      sortBy: 'idAbonnement',
      order: 'ASC',
    });
    assert.deepEqual(parseFiltersXml('<filtres/>').uaiEtab, []);
  });

  it('refuses unknown filter names and sort keys, naming them', () => {
    assert.deepEqual(
      refusal(() =>
        parseFiltersXml(
          '<filtres><filtre><filtreNom>prix</filtreNom><filtreValeur>1</filtreValeur></filtre></filtres>',
        ),
      ),
      {
        code: 'invalid',
        path: '/filtres/filtre[1]/filtreNom',
      },
    );
    assert.deepEqual(
      refusal(() => parseFiltersXml('<filtres><triPar>libelle</triPar></filtres>')),
      { code: 'invalid', path: '/filtres/triPar' },
    );
    assert.deepEqual(
      refusal(() => parseFiltersQuery(new URLSearchParams('tri=UP'))),
      { code: 'invalid', path: '?tri' },
    );
  });

  it('reads the same filters from the query and pages with debut/fin', () => {
    assert.deepEqual(parseFiltersQuery(new URLSearchParams('uaiEtab=0561622J&idDistributeurCom=X&tri=DESC')).uaiEtab, [
      '0561622J',
    ]);
    assert.deepEqual(parsePaging(new URLSearchParams('debut=10&fin=30')), { offset: 10, limit: 20 });
    assert.deepEqual(parsePaging(new URLSearchParams('')), { offset: 0, limit: 1000 });
    assert.deepEqual(parsePaging(new URLSearchParams('debut=0&fin=5000')), { offset: 0, limit: 1000 });
    assert.deepEqual(
      refusal(() => parsePaging(new URLSearchParams('debut=5&fin=2'))),
      { code: 'invalid', path: '?fin' },
    );
    assert.deepEqual(
      refusal(() => parsePaging(new URLSearchParams('debut=-1'))),
      { code: 'invalid', path: '?debut' },
    );
  });

  it('writes the establishment list as GAR does', () => {
    const xml = etablissementsDocument([
      {
        uai: '0941295X',
        entId: '123456',
        name: 'Lycée professionnel Alexandre Bérard',
        degree: '2D',
        natureUai: '320',
        natureUaiLabel: 'Lycée professionnel',
        academie: '10',
        academieLabel: 'Lyon',
      },
    ]);
    assert.match(xml, /<listEtablissement xmlns="http:\/\/www.atosworldline.com\/listEtablissement\/v1.0\/">/);
    assert.match(xml, /<uai>0941295X<\/uai>\n\s+<nature_uai>320<\/nature_uai>/);
    assert.match(xml, /<appellation_officielle>Lycée professionnel Alexandre Bérard<\/appellation_officielle>/);
    assert.match(xml, /<idENT>123456<\/idENT>/);
  });

  it('writes the allocation count CSV with null for an absent project code', () => {
    assert.equal(
      decompteCsv([
        {
          uai: '0941295X',
          subscriptionId: 'briefme_0941295X_1709542737.2902117',
          resourceId: 'ark:/47198/briefme',
          eleve: 24,
          enseignant: 226,
          documentaliste: 0,
          autrePersonnel: 0,
        },
      ]),
      'UAI;idAbonnement;codeProjetRessource;idRessource;cumulAffectationEleve;cumulAffectationEnseignant;cumulAffectationDocumentaliste;cumulAffectationAutrePersonnel\n0941295X;briefme_0941295X_1709542737.2902117;null;ark:/47198/briefme;24;226;0;0\n',
    );
  });
});
