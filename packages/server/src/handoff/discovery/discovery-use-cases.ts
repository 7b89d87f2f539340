import { foldText } from '@opengar/core';
import type { ServiceContext } from '../../kernel/context.js';

/** Most schools one search answers. */
export const MAX_DISCOVERY_SCHOOLS = 20;

/** What a person arriving without ENT or school searches with. */
export interface DiscoveryQuery {
  /** Words of the school's name, town, postcode or UAI (accents and case ignored). */
  q?: string;
  /** An académie code (`GAREtab`'s académie). */
  academie?: string;
  /** Only the schools of this ENT. */
  entId?: string;
}

/** One school offered on the discovery page, with its ENT. */
export interface DiscoverySchool {
  uai: string;
  name: string;
  locality?: string;
  entId: string;
  entName: string;
}

/** The choices the discovery page offers for a query. */
export interface DiscoveryChoices {
  academies: { code: string; label: string }[];
  ents: { id: string; name: string }[];
  /** At most 20 (`MAX_DISCOVERY_SCHOOLS`), by name; empty until a word, an académie or an ENT is given. */
  schools: DiscoverySchool[];
  /** How many schools match in all. */
  total: number;
}

const words = (q: string) =>
  foldText(q.slice(0, 200))
    .split(/[\s,;'’-]+/)
    .filter(Boolean)
    .slice(0, 8);

/**
 * Discovery: the public choices of a person who arrives from a link without their ENT or school (académies, ENTs
 * with an assertion endpoint, schools of those ENTs, searched by words), and the check of a remembered or hinted
 * choice. Schools and ENTs are public facts (a UAI is in the national directory); nothing about people is read.
 */
export function discoveryUseCases(ctx: ServiceContext) {
  const { store } = ctx;
  const launchableEnts = async () =>
    (await store.listEnts())
      .filter((e) => e.assertionEndpoint)
      .map((e) => ({ id: e.id, name: e.name, endpoint: e.assertionEndpoint! }))
      .sort((a, b) => a.name.localeCompare(b.name, 'fr'));
  return {
    /**
     * The académies, ENTs and (for a query) schools to choose from.
     * @example `const { schools } = await service.discovery.choices({ q: 'jean moulin vannes' });`
     */
    async choices(query: DiscoveryQuery): Promise<DiscoveryChoices> {
      const ents = await launchableEnts();
      const entName = new Map(ents.map((e) => [e.id, e.name]));
      // Searched in the store (an index of folded texts on SQL), never every school of the country in the service:
      // the page is public and a national deployment has tens of thousands of schools.
      const reads = ctx.reads ?? store;
      const entIds = query.entId === undefined ? [...entName.keys()] : entName.has(query.entId) ? [query.entId] : [];
      const terms = words(query.q ?? '');
      const asked = terms.length > 0 || query.academie !== undefined || query.entId !== undefined;
      const [academies, found] = await Promise.all([
        reads.listSchoolAcademies({ entIds: [...entName.keys()] }),
        asked
          ? reads.searchSchools({
              entIds,
              terms,
              limit: MAX_DISCOVERY_SCHOOLS,
              ...(query.academie !== undefined ? { academie: query.academie } : {}),
            })
          : { schools: [], total: 0 },
      ]);
      return {
        academies: academies.sort((a, b) => a.label.localeCompare(b.label, 'fr')),
        ents: ents.map(({ id, name }) => ({ id, name })),
        schools: found.schools.map((s) => ({
          uai: s.uai,
          name: s.name,
          ...((s.locality ?? s.communeLabel) ? { locality: (s.locality ?? s.communeLabel)! } : {}),
          entId: s.entId,
          entName: entName.get(s.entId)!,
        })),
        total: found.total,
      };
    },
    /**
     * Whether a choice (remembered on a browser, or an `idp_hint`) still holds: the ENT exists with an assertion
     * endpoint and, when a school is named, the school is that ENT's.
     * @example `if (await service.discovery.holds('ENTA', '0561641E')) redirect();`
     */
    async holds(entId: string, uai?: string): Promise<boolean> {
      const ent = await store.getEnt(entId);
      if (!ent?.assertionEndpoint) return false;
      if (uai === undefined) return true;
      return (await store.getSchool(uai))?.entId === entId;
    },
    /**
     * The origins of the ENTs' assertion endpoints: where the discovery page's form may lead (its CSP).
     * @example `const origins = await service.discovery.entOrigins();`
     */
    async entOrigins(): Promise<string[]> {
      return [...new Set((await launchableEnts()).map((e) => new URL(e.endpoint).origin))];
    },
    /**
     * The name of a resource and the origins of its pages, for the page's title and the grain's check.
     * @example `const r = await service.discovery.resource('ark:/67890/dico');`
     */
    async resource(id: string): Promise<{ id: string; name: string; grainOrigins: string[] } | undefined> {
      const r = await store.getResource(id);
      return r && { id: r.id, name: r.name, grainOrigins: r.grainOrigins ?? [] };
    },
  };
}
