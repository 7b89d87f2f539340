import { expect } from 'chai';
import '../src/define-all.js';
import { demoService } from './fixtures/demo-service.js';
import { ISSUER, listedResource, memoryStorage, settled, stubClient, tileNames, waitFor } from './helpers.js';

describe('<gar-client-provider>', () => {
  it('keeps its elements waiting until it has a token getter, then hands them a client', async () => {
    const svc = await demoService();
    const provider = document.createElement('gar-client-provider');
    provider.setAttribute('service-url', ISSUER);
    provider.fetch = svc.fetch;
    const el = document.createElement('gar-mediacentre');
    el.storage = memoryStorage();
    provider.append(el);
    document.body.append(provider);
    await el.updateComplete;
    expect(el.status).to.equal('waiting');
    expect(provider.providedClient).to.equal(undefined);
    provider.getToken = svc.tokenFor('pupil');
    await waitFor(() => el.status === 'ready', 'ready');
    expect(provider.providedClient?.baseUrl).to.equal(`${ISSUER}/`);
    expect(tileNames(el).length).to.be.greaterThan(0);
    provider.remove();
  });

  it('passes a new client down when it changes, and an element’s own client wins', async () => {
    const school = { uai: '0561641E', name: 'Collège' };
    const listing = (name: string) => ({
      school,
      schools: [school],
      launchUrl: `${ISSUER}/launch`,
      resources: [listedResource({ id: name, name, publisherName: 'P', validUntil: '2027-08-15T21:59:59.000Z' })],
    });
    const provider = document.createElement('gar-client-provider');
    provider.client = stubClient(listing('Premier'));
    const el = document.createElement('gar-mediacentre');
    el.storage = null;
    provider.append(el);
    document.body.append(provider);
    await settled(el);
    expect(tileNames(el)).to.deep.equal(['Premier']);
    provider.client = stubClient(listing('Second'));
    await waitFor(() => tileNames(el)[0] === 'Second', 'the new client’s listing');
    el.client = stubClient(listing('Le sien'));
    await waitFor(() => tileNames(el)[0] === 'Le sien', 'the element’s own client');
    provider.remove();
  });
});
