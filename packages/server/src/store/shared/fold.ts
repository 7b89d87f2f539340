import { foldText } from '@opengar/core';

/** The folded, whitespace-separated terms of a search; a row matches when it contains every term. */
export function searchTerms(search: string | undefined): string[] {
  if (!search) return [];
  return foldText(search)
    .split(/\s+/)
    .filter((t) => t.length > 0);
}

/** The folded text a person's search terms are matched against: names and id. */
export function personSearchText(person: { lastName: string; firstName: string; id: string }): string {
  return foldText(`${person.lastName}\n${person.firstName}\n${person.id}`);
}

/** The folded text a school is searched by on the discovery page: name, UAI, locality, commune and postcode. */
export function schoolSearchText(school: {
  uai: string;
  name: string;
  locality?: string;
  communeLabel?: string;
  postalCode?: string;
}): string {
  return foldText(
    [school.name, school.uai, school.locality, school.communeLabel, school.postalCode].filter(Boolean).join('\n'),
  );
}

/** Milliseconds since the epoch of an ISO date-time; throws a `TypeError` on a value that is not one. */
export function instant(value: string): number {
  const ms = Date.parse(value);
  if (Number.isNaN(ms)) throw new TypeError(`not an ISO date-time: ${JSON.stringify(value).slice(0, 64)}`);
  return ms;
}

/** Code-unit order, the same as PostgreSQL's `COLLATE "C"` for the characters identifiers use. */
export function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** A copy of a JSON-shaped value, with `undefined` members dropped (as JSONB would store it). */
export function cloneJson<T>(value: T): T {
  if (value === undefined) return value;
  return JSON.parse(JSON.stringify(value)) as T;
}
