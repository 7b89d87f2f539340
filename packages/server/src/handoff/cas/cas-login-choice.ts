import type { Context } from 'hono';
import type { AppEnv } from '../../http/app-env.js';
import type { HandoffRouteDeps } from '../handoff-context.js';
import { casPageHeaders, entChooserHtml } from './cas-pages.js';

/**
 * The answer to `/cas/login?service=…` without an ENT: the chooser page listing the ENTs that can sign a person in
 * (those with an assertion endpoint), by name.
 */
export async function chooseEnt(
  _c: Context<AppEnv>,
  deps: Pick<HandoffRouteDeps, 'service'>,
  service: string,
): Promise<Response> {
  const ents = await deps.service.cas.loginEnts();
  return new Response(entChooserHtml({ service, ents }), { status: 200, headers: casPageHeaders() });
}
