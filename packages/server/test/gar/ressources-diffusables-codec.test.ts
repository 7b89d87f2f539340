import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, test } from 'node:test';
import { XMLParser } from 'fast-xml-parser';
import {
  MAX_CATALOGUE_XML_BYTES,
  parseRessourcesDiffusables,
  ressourcesDiffusablesDocument,
} from '../../src/gar/ressources-diffusables-codec.js';
import { WsAbonnementError } from '../../src/ws-abonnement/errors.js';

// GAR's catalogue sample as RECIA's client receives it (Apache-2.0, header kept in the file).
export const SAMPLE = readFileSync(new URL('./fixtures/ressources-diffusables-response.xml', import.meta.url), 'utf8');

/** The document as an ordered tree (element order kept, comments and the generation date left out). */
export function orderedContent(xml: string): unknown {
  const tree = new XMLParser({ preserveOrder: true, parseTagValue: false, trimValues: true }).parse(xml) as unknown[];
  const strip = (nodes: unknown[]): unknown[] =>
    nodes
      .filter((n) => !('dateGeneration' in (n as object)) && !('?xml' in (n as object)))
      .map((n) =>
        Object.fromEntries(
          Object.entries(n as object).map(([k, v]) => [k, Array.isArray(v) ? strip(v) : String(v).normalize('NFC')]),
        ),
      );
  return strip(tree);
}

const refusal = (code: string, path?: string) => (e: unknown) =>
  e instanceof WsAbonnementError && e.code === code && (path === undefined || e.path === path);

describe('GAR’s list of diffusable resources', () => {
  test('the sample parses into 107 entries with GAR’s fields', () => {
    const { entries, generatedAt } = parseRessourcesDiffusables(SAMPLE);
    assert.equal(entries.length, 107);
    assert.equal(generatedAt, '2019-04-17T02:15:13Z');
    assert.deepEqual(entries[0], {
      resourceId: 'ark:/49591/MOA/1/CAS/Agronomie_2pro',
      name: 'MOA-1-CAS_Agronomie_2pro',
      publisherId: '180089013_0000239874563311',
      publisherName: 'ENCYCLOPAEDIA UNIVERSALIS FRANCE',
      distributors: [{ id: '180089013_0000000000000000', name: 'ENCYCLOPAEDIA UNIVERSALIS FRANCE' }],
      techDistributor: { id: '180089013_0000000000000000', name: 'ENCYCLOPAEDIA UNIVERSALIS FRANCE' },
      displayable: false,
      diffusable: true,
      familyParent: false,
      familyIds: [],
      levels: [],
      teachingDomains: [],
      pedagogicalTypes: [],
      documentTypologies: [],
      nationalOffers: [],
      declaredAttributes: [],
    });
    assert.equal(entries.filter((e) => e.familyParent).length, 14);
    assert.equal(entries.filter((e) => e.familyIds.length > 0).length, 21);
    assert.equal(entries.at(-1)?.publisherName, '');
  });

  test('parse → write gives the same content, element by element, in the same order', () => {
    const { entries } = parseRessourcesDiffusables(SAMPLE);
    const written = ressourcesDiffusablesDocument(entries, new Date('2026-09-01T06:00:00Z'));
    assert.deepEqual(orderedContent(written), orderedContent(SAMPLE));
    assert.match(written, /<dateGeneration>2026-09-01T06:00:00Z<\/dateGeneration>/);
    assert.deepEqual(parseRessourcesDiffusables(written).entries, entries);
  });

  test('opengar’s ScoLOMFR elements round-trip too', () => {
    const [first] = parseRessourcesDiffusables(SAMPLE).entries;
    const rich = {
      ...first!,
      presentationType: { code: 'DIC', nom: 'Dictionnaires et encyclopédies' },
      levels: [{ uri: 'http://data.education.fr/voc/scolomfr/concept/scolomfr-voc-022-num-027', nom: '6e' }],
      teachingDomains: [
        { uri: 'http://data.education.fr/voc/scolomfr/concept/scolomfr-voc-015-num-1145', nom: 'Français' },
      ],
      pedagogicalTypes: [],
      documentTypologies: [
        { uri: 'http://data.education.fr/voc/scolomfr/concept/scolomfr-voc-005-num-002', nom: 'Dictionnaire' },
      ],
      free: false,
      nationalOffers: ['BRNE' as const],
      declaredAttributes: ['UAI' as const, 'PRO' as const],
      thumbnailUrl: 'https://editeur.example/v.png',
      description: 'Un « dictionnaire » <b>pas du HTML</b> & co',
    };
    const xml = ressourcesDiffusablesDocument([rich], new Date('2026-09-01T06:00:00Z'));
    assert.match(xml, /&lt;b&gt;pas du HTML&lt;\/b&gt; &amp; co/);
    assert.deepEqual(parseRessourcesDiffusables(xml).entries, [rich]);
  });

  test('hostile and invalid documents are refused with the offending element', () => {
    assert.throws(
      () => parseRessourcesDiffusables(`<!DOCTYPE x [<!ENTITY a "b">]>${SAMPLE}`),
      refusal('forbidden-construct'),
    );
    assert.throws(() => parseRessourcesDiffusables(SAMPLE.slice(0, 2000)), refusal('malformed'));
    assert.throws(() => parseRessourcesDiffusables('<autre/>'), refusal('invalid', '/'));
    assert.throws(
      () => parseRessourcesDiffusables(`<x>${' '.repeat(MAX_CATALOGUE_XML_BYTES)}</x>`),
      refusal('too-large'),
    );
    assert.throws(
      () =>
        parseRessourcesDiffusables(SAMPLE.replace('<affichable>false</affichable>', '<affichable>oui</affichable>')),
      refusal('invalid', '/listeRessourcesDiffusables/ressourceDiffusable[1]/affichable'),
    );
    assert.throws(
      () =>
        parseRessourcesDiffusables(
          SAMPLE.replace('<nomRessource>MOA-1-CAS_Allemand_5</nomRessource>', '<nomRessource/>'),
        ),
      refusal('invalid', '/listeRessourcesDiffusables/ressourceDiffusable[2]/nomRessource'),
    );
    const twice = SAMPLE.replace(
      '<idRessource>ark:/49591/MOA/1/CAS/Allemand_5</idRessource>',
      '<idRessource>ark:/49591/MOA/1/CAS/Agronomie_2pro</idRessource>',
    );
    assert.throws(() => parseRessourcesDiffusables(twice), refusal('invalid', '/listeRessourcesDiffusables'));
    assert.throws(
      () =>
        parseRessourcesDiffusables(
          SAMPLE.replace(
            '<diffusable>true</diffusable>',
            '<diffusable>true</diffusable><urlVignette>javascript:alert(1)</urlVignette>',
          ),
        ),
      refusal('invalid', '/listeRessourcesDiffusables/ressourceDiffusable[1]/urlVignette'),
    );
  });

  test('an empty list is a valid catalogue', () => {
    const xml = ressourcesDiffusablesDocument([], new Date('2026-09-01T06:00:00Z'));
    assert.deepEqual(parseRessourcesDiffusables(xml).entries, []);
  });
});
