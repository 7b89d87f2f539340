import { releasableAttributeNames, type AttributeName, type Resource } from '@opengar/core';
import type { Store } from '../../store/types.js';

/** Who runs the deployment, as the documents name them (from the command's options or the environment). */
export interface DeploymentIdentity {
  /** The deployment's name (e.g. « GAR académique de Bretagne »). */
  name: string;
  /** The controller (responsable de traitement) and its address. */
  controller: string;
  /** How to reach the data-protection officer (DPO): an e-mail address or a URL. */
  dpoContact: string;
  /** The service's public URL. */
  issuer: string;
  /** The deployment's terms of use (CGU) and information notice, when published. */
  termsUrl?: string | undefined;
  noticeUrl?: string | undefined;
}

/** One resource as the paperwork describes it: what it declared, what it receives, where it is used. */
export interface PaperworkResource {
  id: string;
  name: string;
  publisherName: string;
  presentation: string;
  protocol: Resource['protocol'];
  declared: AttributeName[];
  pupil: AttributeName[];
  staff: AttributeName[];
  /** Schools with a subscription to it (free offers: every school). */
  schools: string[];
}

/** One school: its resources and its people, by audience. */
export interface PaperworkSchool {
  uai: string;
  name: string;
  resources: string[];
  pupils: number;
  staff: number;
}

/** What the documents are made from: the deployment's identity and its live data. */
export interface PaperworkData {
  deployment: DeploymentIdentity;
  generatedAt: string;
  resources: PaperworkResource[];
  schools: PaperworkSchool[];
}

/**
 * Reads what the register, the family notices and the impact-assessment outline need from the store: every resource
 * with what it receives (the hand-off's own release, `releasableAttributeNames`), and every school with its resources
 * and head counts.
 *
 * @example
 * ```ts
 * const data = await collectPaperworkData(store, { name: 'GAR de démonstration', controller: 'Rectorat', dpoContact: 'dpd@ac.fr', issuer: 'https://gar.example' }, new Date());
 * ```
 */
export async function collectPaperworkData(
  store: Store,
  deployment: DeploymentIdentity,
  now: Date,
): Promise<PaperworkData> {
  const [resources, schools] = await Promise.all([store.listResources(), store.listSchools()]);
  const bySchool = new Map<string, Set<string>>();
  const schoolsOf = new Map<string, Set<string>>();
  const out: PaperworkSchool[] = [];
  for (const school of [...schools].sort((a, b) => a.uai.localeCompare(b.uai))) {
    const subs = await store.listSubscriptions({ uai: school.uai });
    const ids = new Set(subs.map((s) => s.resourceId));
    bySchool.set(school.uai, ids);
    for (const id of ids) (schoolsOf.get(id) ?? schoolsOf.set(id, new Set()).get(id)!).add(school.uai);
    const [pupils, staff] = await Promise.all([
      store.countPeople({ uai: school.uai, audience: 'ELEVE' }),
      store.countPeople({ uai: school.uai, staff: true }),
    ]);
    out.push({ uai: school.uai, name: school.name, resources: [...ids].sort(), pupils, staff });
  }
  return {
    deployment,
    generatedAt: now.toISOString(),
    schools: out,
    resources: [...resources]
      .sort((a, b) => a.name.localeCompare(b.name, 'fr'))
      .map((r) => ({
        id: r.id,
        name: r.name,
        publisherName: r.publisherName,
        presentation: r.presentationType.nom,
        protocol: r.protocol,
        declared: [...r.declaredAttributes],
        pupil: releasableAttributeNames(r, 'National_elv'),
        staff: releasableAttributeNames(r, 'National_ens'),
        schools: [...(schoolsOf.get(r.id) ?? [])].sort(),
      })),
  };
}
