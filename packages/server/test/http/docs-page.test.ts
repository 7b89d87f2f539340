import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createHttpApp, renderDocsPage } from '../../src/index.js';
import { buildWorld } from '../helpers/world.js';

describe('API reference page', () => {
  it('escapes everything the document says', () => {
    const hostile = '<script>alert(1)</script>"\'`&';
    const html = renderDocsPage({
      info: { title: hostile, version: hostile, description: hostile },
      paths: {
        [`/x/${hostile}`]: {
          get: {
            summary: hostile,
            description: hostile,
            parameters: [{ name: hostile, in: 'query', description: hostile }],
            responses: { [hostile]: { description: hostile, content: { [hostile]: { schema: { title: hostile } } } } },
          },
        },
      },
      components: { schemas: { [hostile]: { description: hostile } } },
    });
    assert.ok(!html.includes('<script'), 'no raw markup from the document');
    assert.ok(!html.includes('alert(1)</'), 'no closing tag from the document');
    assert.ok(html.includes('&#60;script&#62;alert(1)&#60;/script&#62;'));
  });

  it('survives a document of the wrong shape', () => {
    for (const doc of [null, 42, 'x', [], { paths: 'x' }, { paths: { '/a': { get: null } } }]) {
      assert.match(renderDocsPage(doc), /^<!doctype html>/);
    }
  });

  it('references one Problem component from every error response, and renders it', async () => {
    const w = await buildWorld();
    const app = createHttpApp(w.service);
    const doc = (await (await app.request('/openapi.json')).json()) as {
      components: { schemas: Record<string, unknown> };
      paths: Record<
        string,
        Record<string, { responses: Record<string, { content?: Record<string, { schema: { $ref?: string } }> }> }>
      >;
    };
    assert.ok(doc.components.schemas.Problem);
    const unauthorized = doc.paths['/api/v1/me/resources']!.get!.responses['401']!;
    assert.equal(unauthorized.content?.['application/problem+json']?.schema.$ref, '#/components/schemas/Problem');
    const html = await (await app.request('/docs')).text();
    assert.ok(html.includes('id="schema-Problem"'));
    assert.ok(html.includes('href="#schema-Problem"'));
  });

  it('speaks to outsiders: no internal file (GAR-REFERENCE.md) named in the document an integrator reads', async () => {
    const w = await buildWorld();
    const text = await (await createHttpApp(w.service).request('/openapi.json')).text();
    assert.doesNotMatch(text, /GAR-REFERENCE/);
    assert.match(text, /the médiacentre listing, the hand-off to resources/);
  });
});
