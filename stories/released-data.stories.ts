// « Données transmises »: what a resource receives about the person, in the médiacentre's details view (tu to a pupil,
// vous to an adult, French and English, and the sentence shown when the service cannot say) and in the console's
// subscription detail for heads. Each story opens the view once the element is ready.
import type { Meta, StoryObj } from '@storybook/web-components-vite';
import type { FetchLike } from '@opengar/sdk';
import { html } from 'lit';
import { demoService, ISSUER, type DemoService } from '../packages/elements/test/fixtures/demo-service.js';
import {
  consoleService,
  CONSOLE_ISSUER,
  type ConsoleService,
} from '../packages/elements/test/allocation-panel-service.js';

interface Args {
  user: 'pupil' | 'teacher' | 'head';
  lang: 'fr' | 'en';
  where: 'mediacentre' | 'console';
  unavailable: boolean;
}

const refuseReleasedData =
  (f: FetchLike): FetchLike =>
  (req) =>
    new URL(req.url).pathname.endsWith('/released-data') ? new Response(null, { status: 403 }) : f(req);

async function until<T>(find: () => T | null | undefined): Promise<T> {
  for (let i = 0; i < 200; i++) {
    const found = find();
    if (found) return found;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error('not found');
}

const meta: Meta<Args> = {
  title: 'Transparency/données transmises',
  args: { user: 'pupil', lang: 'fr', where: 'mediacentre', unavailable: false },
  argTypes: {
    user: { control: 'select', options: ['pupil', 'teacher', 'head'] },
    lang: { control: 'inline-radio', options: ['fr', 'en'] },
  },
  loaders: [
    async ({ args }) => (args.where === 'console' ? { console: await consoleService() } : { svc: await demoService() }),
  ],
  render: (args, { loaded }) => {
    if (args.where === 'console') {
      const svc = loaded.console as ConsoleService;
      return html`<gar-client-provider service-url=${CONSOLE_ISSUER} .fetch=${svc.fetch} .getToken=${svc.tokenFor('head')}>
        <gar-allocation-panel lang=${args.lang} .now=${() => svc.now().getTime()}></gar-allocation-panel>
      </gar-client-provider>`;
    }
    const svc = loaded.svc as DemoService;
    const fetch = args.unavailable ? refuseReleasedData(svc.fetch) : svc.fetch;
    return html`<gar-client-provider service-url=${ISSUER} .fetch=${fetch} .getToken=${svc.tokenFor(args.user === 'head' ? 'teacher' : args.user)}>
      <gar-mediacentre lang=${args.lang}></gar-mediacentre>
    </gar-client-provider>`;
  },
  play: async ({ canvasElement, args }) => {
    if (args.where === 'console') {
      const panel = await until(() => canvasElement.querySelector('gar-allocation-panel'));
      const button = await until(() => panel.shadowRoot?.querySelector<HTMLElement>('[part="subscription-button"]'));
      button.click();
      const box = await until(() => panel.shadowRoot?.querySelector<HTMLDetailsElement>('[part="released-data"]'));
      box.open = true;
      return;
    }
    const el = await until(() => canvasElement.querySelector('gar-mediacentre'));
    const details = await until(() => el.shadowRoot?.querySelector<HTMLElement>('[part="details-button"]'));
    details.click();
  },
};
export default meta;

type Story = StoryObj<Args>;

export const PupilInTu: Story = {};
export const TeacherInVous: Story = { args: { user: 'teacher' } };
export const English: Story = { args: { lang: 'en' } };
export const Unavailable: Story = { args: { unavailable: true } };
export const HeadInTheConsole: Story = { args: { user: 'head', where: 'console' } };
