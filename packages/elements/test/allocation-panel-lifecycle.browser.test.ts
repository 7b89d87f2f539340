// The client lifecycle the panel now shares with the other elements (ClientController): a load cut short by leaving
// the page starts again when the panel comes back, rather than leaving it on "loading".
import { expect } from 'chai';
import { CONSOLE_ISSUER, consoleService } from './allocation-panel-service.js';
import { settledPanel } from './allocation-panel-helpers.js';
import { waitFor } from './helpers.js';
import '../src/define-all.js';

describe('<gar-allocation-panel> lifecycle', () => {
  it('finishes loading after being moved in the page while loading', async () => {
    let release: () => void = () => {};
    const gate = new Promise<void>((r) => (release = r));
    const svc = await consoleService();
    const provider = document.createElement('gar-client-provider');
    provider.serviceUrl = CONSOLE_ISSUER;
    provider.fetch = async (req) => (await gate, svc.fetch(req));
    provider.getToken = svc.tokenFor('head');
    const el = document.createElement('gar-allocation-panel');
    el.now = () => svc.now().getTime();
    provider.append(el);
    document.body.append(provider);
    try {
      await waitFor(() => el.status === 'loading', 'loading');
      const box = document.createElement('div');
      provider.append(box);
      box.append(el);
      release();
      await settledPanel(el);
      expect(el.status).to.equal('ready');
      expect(el.school).to.not.equal('');
    } finally {
      provider.remove();
    }
  });
});
