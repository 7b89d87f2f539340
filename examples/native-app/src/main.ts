// The example native app from a terminal: signs in through the system browser and prints the claims it received.
//   npm start -- --service http://127.0.0.1:4000 --client-id demo-lecteur [--idp-hint ENT-DEMO] [--uai 0561641E]
import { spawn } from 'node:child_process';
import { parseArgs } from 'node:util';
import { runNativeClient } from './native-client.js';

const { values } = parseArgs({
  options: {
    service: { type: 'string', default: 'http://127.0.0.1:4000' },
    'client-id': { type: 'string', default: 'demo-lecteur' },
    'idp-hint': { type: 'string' },
    uai: { type: 'string' },
  },
});

function openBrowser(url: string): void {
  process.stdout.write(`Ouvrez / open: ${url}\n`);
  const command = process.platform === 'darwin' ? 'open' : process.platform === 'win32' ? 'explorer' : 'xdg-open';
  spawn(command, [url], { stdio: 'ignore', detached: true })
    .on('error', () => undefined)
    .unref();
}

const { claims } = await runNativeClient({
  serviceUrl: values.service,
  clientId: values['client-id'],
  ...(values['idp-hint'] === undefined ? {} : { idpHint: values['idp-hint'] }),
  ...(values.uai === undefined ? {} : { uai: values.uai }),
  openBrowser,
});
process.stdout.write(`${JSON.stringify(claims, null, 2)}\n`);
