// Starts the pretend ENT next to a running reference service (`opengar serve --seed demo`):
//   node --import tsx --conditions=opengar-source examples/ent-portal/src/main.ts [--port 4200] [--service http://127.0.0.1:4000] [--prebuild]
// It signs in as the demo users with the demo ENT's key (public: demo only, loopback only).
import { serve } from '@hono/node-server';
import { parseArgs } from 'node:util';
import { DEMO_CREDENTIALS, DEMO_UAI, DEMO_USERS } from '@opengar/server/demo';
import { createEntPortal } from './create-ent-portal.js';

const { values } = parseArgs({
  options: {
    host: { type: 'string', default: '127.0.0.1' },
    port: { type: 'string', default: '4200' },
    service: { type: 'string', default: 'http://127.0.0.1:4000' },
    issuer: { type: 'string' },
    lang: { type: 'string', default: 'fr' },
    'support-url': { type: 'string' },
    prebuild: { type: 'boolean', default: false },
  },
});

// The portal speaks French by default: the demo users' roles as a French ENT would show them.
const ROLES_FR: Record<(typeof DEMO_USERS)[number]['key'], string> = {
  pupil: 'élève de 6e A au collège',
  'lycee-pupil': 'élève de 2nde 1 au lycée',
  teacher: 'professeure de mathématiques dans les deux établissements',
  librarian: 'professeure documentaliste au collège',
  head: 'principal du collège, responsable d’affectation',
  'lycee-head': 'proviseure du lycée, responsable d’affectation',
  delegate: 'professeur d’histoire, délégué d’affectation au collège',
  'two-schools': 'professeur au collège et documentaliste au lycée',
  'ecole-director': 'directrice de l’école et enseignante de CM2, responsable d’affectation',
  'ecole-teacher': 'enseignante de CP à l’école',
  'ecole-pupil': 'élève de CP à l’école (médiacentre des petits)',
};

const app = await createEntPortal({
  entId: 'ENT-DEMO',
  issuer: values.issuer ?? values.service,
  serviceUrl: values.service,
  key: { privateJwk: DEMO_CREDENTIALS.entSigningKey.privateJwk },
  users: DEMO_USERS.map((u) => ({
    key: u.key,
    personId: u.personId,
    name: u.name,
    schools: u.schools,
    role: values.lang === 'en' ? u.role : ROLES_FR[u.key],
    // An école's pupils get the young pupils' médiacentre (large tiles, names read aloud on demand).
    ...(u.schools.some((s) => s.uai === DEMO_UAI.ecole && s.profile === 'National_elv')
      ? { variant: 'young' as const }
      : {}),
  })),
  lang: values.lang === 'en' ? 'en' : 'fr',
  ...(values['support-url'] ? { supportUrl: values['support-url'] } : {}),
  prebuildWidget: values.prebuild,
});
const port = Number(values.port);
serve({ fetch: app.fetch, hostname: values.host, port }, () => {
  console.log(`ENT portal on http://${values.host}:${port} (service ${values.service})`);
});
