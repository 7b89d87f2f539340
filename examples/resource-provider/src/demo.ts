// The demo's publisher site, serving every demo resource:
//   node --import tsx --conditions=opengar-source examples/resource-provider/src/demo.ts --issuer http://127.0.0.1:4000 [--port 4100]
import { serve } from '@hono/node-server';
import { parseArgs } from 'node:util';
import { createDemoProvider } from './create-demo-provider.js';

const { values } = parseArgs({
  options: {
    host: { type: 'string', default: '127.0.0.1' },
    port: { type: 'string', default: '4100' },
    issuer: { type: 'string', default: 'http://127.0.0.1:4000' },
  },
});
const port = Number(values.port);
const app = createDemoProvider({ issuer: values.issuer, baseUrl: `http://${values.host}:${port}` });
const server = serve({ fetch: app.fetch, hostname: values.host, port }, (info) => {
  console.log(`demo resource provider on http://${values.host}:${info.port} (trusting ${values.issuer})`);
});
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => server.close(() => process.exit(0)));
