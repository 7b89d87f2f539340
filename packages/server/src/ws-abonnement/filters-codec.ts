import { WsAbonnementError } from './errors.js';
import { readXml } from './xml-input.js';

/** The filters GAR's `GET /abonnements` takes, from its XML body or the same names as query parameters. */
export interface AbonnementFilters {
  idDistributeurCom: string[];
  uaiEtab: string[];
  idRessource: string[];
  sortBy: 'idAbonnement';
  order: 'ASC' | 'DESC';
}

const NAMES = ['idDistributeurCom', 'uaiEtab', 'idRessource'] as const;

function emptyFilters(): AbonnementFilters {
  return { idDistributeurCom: [], uaiEtab: [], idRessource: [], sortBy: 'idAbonnement', order: 'ASC' };
}

function setSort(
  f: AbonnementFilters,
  triPar: string | undefined,
  tri: string | undefined,
  where: 'body' | 'query',
): void {
  const p = (name: string) => (where === 'body' ? `/filtres/${name}` : `?${name}`);
  if (triPar !== undefined && triPar !== 'idAbonnement')
    throw new WsAbonnementError('invalid', p('triPar'), 'only idAbonnement is sortable');
  if (tri !== undefined && tri !== 'ASC' && tri !== 'DESC')
    throw new WsAbonnementError('invalid', p('tri'), 'must be ASC or DESC');
  if (tri) f.order = tri;
}

/**
 * Reads GAR's filter body `<filtres><filtre><filtreNom>…</filtreNom><filtreValeur>…</filtreValeur></filtre>…
 * <triPar>idAbonnement</triPar><tri>ASC</tri></filtres>`. Values of one name are alternatives; different names must all
 * match. An empty body means no filter.
 *
 * @throws {@link WsAbonnementError} naming the offending element.
 * @example
 * ```ts
 * parseFiltersXml('<filtres><filtre><filtreNom>uaiEtab</filtreNom><filtreValeur>0561641E</filtreValeur></filtre></filtres>');
 * ```
 */
export function parseFiltersXml(xml: string): AbonnementFilters {
  const f = emptyFilters();
  if (xml.trim() === '') return f;
  const doc = readXml(xml, ['filtre']);
  const root = doc['filtres'];
  if (root === '' || root === undefined) {
    if (root === undefined) throw new WsAbonnementError('invalid', '/', 'the root element must be <filtres>');
    return f;
  }
  if (typeof root !== 'object' || Array.isArray(root))
    throw new WsAbonnementError('invalid', '/filtres', 'must hold <filtre> elements');
  const node = root as Record<string, unknown>;
  for (const key of Object.keys(node)) {
    if (!['filtre', 'triPar', 'tri'].includes(key))
      throw new WsAbonnementError('invalid', `/filtres/${key}`, 'unknown element');
  }
  for (const [i, raw] of ((node['filtre'] as unknown[]) ?? []).entries()) {
    const path = `/filtres/filtre[${i + 1}]`;
    if (!raw || typeof raw !== 'object')
      throw new WsAbonnementError('invalid', path, 'needs filtreNom and filtreValeur');
    const item = raw as Record<string, unknown>;
    const name = typeof item['filtreNom'] === 'string' ? item['filtreNom'] : undefined;
    const value = typeof item['filtreValeur'] === 'string' ? item['filtreValeur'] : undefined;
    if (!name || !(NAMES as readonly string[]).includes(name)) {
      throw new WsAbonnementError('invalid', `${path}/filtreNom`, `must be one of ${NAMES.join(', ')}`);
    }
    if (!value || value.length > 1024)
      throw new WsAbonnementError('invalid', `${path}/filtreValeur`, 'is required (at most 1024 characters)');
    f[name as (typeof NAMES)[number]].push(value);
  }
  setSort(f, node['triPar'] as string | undefined, node['tri'] as string | undefined, 'body');
  return f;
}

/**
 * Reads the same filters from query parameters (`?uaiEtab=…&idRessource=…&tri=DESC`), for clients whose HTTP stack
 * cannot send a GET body.
 *
 * @example
 * ```ts
 * parseFiltersQuery(new URLSearchParams('uaiEtab=0561641E&tri=DESC')).uaiEtab; // ['0561641E']
 * ```
 */
export function parseFiltersQuery(params: URLSearchParams): AbonnementFilters {
  const f = emptyFilters();
  for (const name of NAMES) for (const v of params.getAll(name)) if (v) f[name].push(v);
  setSort(f, params.get('triPar') ?? undefined, params.get('tri') ?? undefined, 'query');
  return f;
}

/**
 * Paging of `GET /abonnements`: `debut` (0-based, inclusive) and `fin` (exclusive), at most 1,000 a page (our rule).
 *
 * @example
 * ```ts
 * parsePaging(new URLSearchParams('debut=100&fin=200')); // { offset: 100, limit: 100 }
 * ```
 */
export function parsePaging(params: URLSearchParams): { offset: number; limit: number } {
  const num = (name: string, fallback: number) => {
    const v = params.get(name);
    if (v === null || v === '') return fallback;
    if (!/^\d{1,9}$/.test(v)) throw new WsAbonnementError('invalid', `?${name}`, 'must be a non-negative integer');
    return Number(v);
  };
  const debut = num('debut', 0);
  const fin = num('fin', debut + 1000);
  if (fin < debut) throw new WsAbonnementError('invalid', '?fin', 'must not be before debut');
  return { offset: debut, limit: Math.min(1000, fin - debut) };
}
