import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { resourceLink } from '@opengar/sdk';

describe('resourceLink', () => {
  it('writes GET /launch?idRessource=<base64>[&grain=…][&idp_hint=…], dropping the launch URL’s own query', () => {
    assert.equal(
      resourceLink({ launchUrl: 'https://gar.example/launch', resourceId: 'ark:/67890/dico' }),
      'https://gar.example/launch?idRessource=YXJrOi82Nzg5MC9kaWNv',
    );
    const link = new URL(
      resourceLink({
        launchUrl: 'https://gar.example/launch?x=1#f',
        resourceId: 'ark:/1/é',
        grain: '/chapitre/3?page=42',
        idpHint: 'ENTA',
      }),
    );
    assert.equal(link.searchParams.get('x'), null);
    assert.equal(link.hash, '');
    assert.equal(
      new TextDecoder().decode(Uint8Array.from(atob(link.searchParams.get('idRessource')!), (c) => c.charCodeAt(0))),
      'ark:/1/é',
    );
    assert.equal(link.searchParams.get('grain'), '/chapitre/3?page=42');
    assert.equal(link.searchParams.get('idp_hint'), 'ENTA');
  });

  it('throws a TypeError without a resource id', () => {
    assert.throws(() => resourceLink({ launchUrl: 'https://gar.example/launch', resourceId: '' }), TypeError);
  });
});
