import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Command } from 'commander';
import { createGarService } from '../create-gar-service.js';
import { createConsoleLogger } from '../kernel/logger.js';
import { deriveStatisticsSecret } from '../node/secrets.js';
import { collectPaperworkData, type DeploymentIdentity } from '../privacy/paperwork/paperwork-data.js';
import { familyNoticePage, impactAssessmentPage, registerPage } from '../privacy/paperwork/paperwork-pages.js';
import { erasureReportPage, personDataPage } from '../privacy/person-data-page.js';
import { withStore } from './admin-commands.js';
import { commandIo, type CommandIo } from './cli-io.js';
import { storeOption } from './options.js';

type Io = ((line: string) => void) | CommandIo;

/** The statistics secret of the environment (as `serve` reads it), to find a person's access events. */
function statisticsSecretFromEnv(env = process.env): string | undefined {
  if (env.OPENGAR_STATISTICS_SECRET) return env.OPENGAR_STATISTICS_SECRET;
  return env.OPENGAR_PSEUDONYM_SECRET ? deriveStatisticsSecret(env.OPENGAR_PSEUDONYM_SECRET) : undefined;
}

/**
 * `opengar person export|erase --ent ID --person ID [--html FILE] [--json FILE] [--lang fr|en]`: a person's access
 * export (droit d'accès), or their erasure with its report, written as JSON and a printable page.
 *
 * @example
 * ```ts
 * await createProgram().parseAsync(['node', 'opengar', 'person', 'export', '--ent', 'ENTBRE', '--person', 'eleve-12', '--html', 'eleve-12.html']);
 * ```
 */
export function personCommand(io: Io): Command {
  const { out } = commandIo(io);
  const person = new Command('person').description("A person's data: access export (droit d'accès) and erasure.");
  const run =
    (action: 'export' | 'erase') =>
    async (flags: { store?: string; ent: string; person: string; html?: string; json?: string; lang: string }) => {
      const lang = flags.lang === 'en' ? 'en' : 'fr';
      await withStore(flags.store, async (store) => {
        const statisticsSecret = statisticsSecretFromEnv();
        const service = createGarService({
          store,
          issuer: 'http://127.0.0.1',
          logger: createConsoleLogger({ level: 'warn', stderr: true }),
          ...(statisticsSecret ? { statisticsSecret } : {}),
        });
        const system = { kind: 'system' } as const;
        const value =
          action === 'export'
            ? await service.privacy.exportPerson(system, flags.ent, flags.person)
            : await service.privacy.erasePerson(system, flags.ent, flags.person);
        const html = 'pseudonym' in value ? erasureReportPage(value, lang) : personDataPage(value, lang);
        const json = `${JSON.stringify(value, null, 2)}\n`;
        if (flags.html) writeFileSync(flags.html, html);
        if (flags.json) writeFileSync(flags.json, json);
        if (!flags.html && !flags.json) out(json.trimEnd());
        const tables = ('pseudonym' in value ? value.after : value).tables.filter((t) => t.rows.length > 0);
        out(
          `${action === 'export' ? 'Found' : 'Left after the erasure'}: ${tables.map((t) => `${t.table} ${t.rows.length}`).join(', ') || 'nothing'}.`,
        );
      });
    };
  for (const action of ['export', 'erase'] as const) {
    person
      .command(action)
      .description(
        action === 'export'
          ? 'Every record of every table that holds the person, and their access events.'
          : 'Erase the person now (audit entries keep a pseudonym) and report what is left.',
      )
      .addOption(storeOption())
      .requiredOption('--ent <id>', 'the ENT (idENT)')
      .requiredOption('--person <id>', "the person's GARPersonIdentifiant")
      .option('--html <file>', 'write the printable page there')
      .option('--json <file>', 'write the JSON there (default: print it)')
      .option('--lang <lang>', 'the page language, fr or en', 'fr')
      .action(run(action));
  }
  return person;
}

/**
 * `opengar paperwork --out DIR`: the deployment's data-protection paperwork from its own configuration and live
 * data — the register of processing activities, one family information notice per school (fr and en) and the
 * impact-assessment outline, as printable HTML with an index.
 *
 * @example
 * ```ts
 * await createProgram().parseAsync(['node', 'opengar', 'paperwork', '--out', 'paperwork', '--controller', 'Rectorat']);
 * ```
 */
export function paperworkCommand(io: Io): Command {
  const { out } = commandIo(io);
  const env = process.env;
  return new Command('paperwork')
    .description(
      'Write the register of processing activities, the family notices (per school, fr/en) and the impact-assessment outline, from the store.',
    )
    .addOption(storeOption())
    .requiredOption('--out <dir>', 'the folder to write the documents to')
    .option('--name <name>', "the deployment's name", env.OPENGAR_DEPLOYMENT_NAME ?? 'GAR')
    .option('--controller <text>', 'the controller (responsable de traitement)', env.OPENGAR_CONTROLLER ?? '')
    .option('--dpo <contact>', "the data-protection officer's e-mail or URL", env.OPENGAR_DPO_CONTACT ?? '')
    .option('--issuer <url>', "the service's public URL", env.OPENGAR_ISSUER ?? 'http://127.0.0.1:4000')
    .option('--terms-url <url>', 'the terms of use (CGU)', env.OPENGAR_TERMS_URL)
    .option('--notice-url <url>', 'the information notice', env.OPENGAR_NOTICE_URL)
    .option('--date <iso>', 'the date the documents carry (default: now)')
    .action(
      async (flags: {
        store?: string;
        out: string;
        name: string;
        controller: string;
        dpo: string;
        issuer: string;
        termsUrl?: string;
        noticeUrl?: string;
        date?: string;
      }) => {
        const identity: DeploymentIdentity = {
          name: flags.name,
          controller: flags.controller || '(responsable de traitement à renseigner)',
          dpoContact: flags.dpo || '(contact du DPD à renseigner)',
          issuer: flags.issuer,
          termsUrl: flags.termsUrl,
          noticeUrl: flags.noticeUrl,
        };
        await withStore(flags.store, async (store) => {
          const data = await collectPaperworkData(store, identity, flags.date ? new Date(flags.date) : new Date());
          mkdirSync(flags.out, { recursive: true });
          const files: [string, string][] = [
            ['registre.html', registerPage(data)],
            ['aipd.html', impactAssessmentPage(data)],
          ];
          for (const school of data.schools)
            for (const lang of ['fr', 'en'] as const)
              files.push([`notice-${school.uai}.${lang}.html`, familyNoticePage(data, school, lang)]);
          for (const [name, html] of files) writeFileSync(join(flags.out, name), html);
          const index = files.map(([name]) => `- [${name}](${name})`).join('\n');
          writeFileSync(
            join(flags.out, 'README.md'),
            `# ${identity.name}: data-protection paperwork\n\nGenerated on ${data.generatedAt} by \`opengar paperwork\`.\n\n${index}\n`,
          );
          out(
            `${files.length} documents written to ${flags.out} (${data.resources.length} resources, ${data.schools.length} schools).`,
          );
        });
      },
    );
}
