// Starts the pretend ENT next to a running reference service (`opengar serve --seed demo`):
//   node --import tsx --conditions=opengar-source examples/ent-portal/src/main.ts [--port 4200] [--service http://127.0.0.1:4000]
// It signs in as the demo users with the demo ENT's key (public: demo only, loopback only).
import { serve } from '@hono/node-server';
import { parseArgs } from 'node:util';
import { DEMO_CREDENTIALS, DEMO_USERS } from '@opengar/server';
import { createEntPortal } from './create-ent-portal.js';

const { values } = parseArgs({
  options: {
    host: { type: 'string', default: '127.0.0.1' },
    port: { type: 'string', default: '4200' },
    service: { type: 'string', default: 'http://127.0.0.1:4000' },
    issuer: { type: 'string' },
    lang: { type: 'string', default: 'fr' },
  },
});

const app = await createEntPortal({
  entId: 'ENT-DEMO',
  issuer: values.issuer ?? values.service,
  serviceUrl: values.service,
  key: { privateJwk: DEMO_CREDENTIALS.entSigningKey.privateJwk },
  users: DEMO_USERS.map((u) => ({ key: u.key, personId: u.personId, name: u.name, schools: u.schools, role: u.role })),
  lang: values.lang === 'en' ? 'en' : 'fr',
});
const port = Number(values.port);
serve({ fetch: app.fetch, hostname: values.host, port }, () => {
  console.log(`ENT portal on http://${values.host}:${port} (service ${values.service})`);
});
