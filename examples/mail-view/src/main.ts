// Starts the demo's mail catcher: node --import tsx examples/mail-view/src/main.ts [--smtp-port 2525] [--http-port 4300]
import { parseArgs } from 'node:util';
import { startMailView } from './create-mail-view.js';

const { values } = parseArgs({
  options: { 'smtp-port': { type: 'string', default: '2525' }, 'http-port': { type: 'string', default: '4300' } },
});
const view = await startMailView({ smtpPort: Number(values['smtp-port']), httpPort: Number(values['http-port']) });
console.log(`mail view on ${view.httpUrl} (SMTP ${view.smtpUrl})`);
for (const signal of ['SIGINT', 'SIGTERM'] as const)
  process.on(signal, () => void view.close().then(() => process.exit(0)));
