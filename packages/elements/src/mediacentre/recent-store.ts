/** Where `<gar-mediacentre>` remembers what was opened (default: `localStorage`); any `Storage`-like object works. */
export interface RecentStorage {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
}

const MAX = 12;

function key(scope: string): string {
  return `gar-mediacentre:recent:${scope}`;
}

/** When each resource was last opened (ms since epoch), newest first; a broken or missing store gives nothing. */
export function readRecent(storage: RecentStorage | undefined, scope: string): Map<string, number> {
  try {
    const raw: unknown = JSON.parse(storage?.getItem(key(scope)) ?? '[]');
    if (!Array.isArray(raw)) return new Map();
    const pairs = raw.filter(
      (e): e is [string, number] => Array.isArray(e) && typeof e[0] === 'string' && typeof e[1] === 'number',
    );
    return new Map(pairs.sort((a, b) => b[1] - a[1]).slice(0, MAX));
  } catch {
    return new Map();
  }
}

/** Records that `id` was opened at `at`; returns the new map. */
export function recordOpened(
  storage: RecentStorage | undefined,
  scope: string,
  id: string,
  at: number,
): Map<string, number> {
  const map = readRecent(storage, scope);
  map.delete(id);
  const next = new Map<string, number>([[id, at] as [string, number], ...map].slice(0, MAX));
  try {
    storage?.setItem(key(scope), JSON.stringify([...next]));
  } catch {
    // Private browsing or a full quota: the row just is not kept.
  }
  return next;
}

/**
 * Where the médiacentre keeps what was opened: nothing for young pupils (they share class devices), else the page's
 * `storage` (`null`: nothing), else `sessionStorage` when the browser lets the page use it.
 */
export function recentStorageFor(young: boolean, storage: RecentStorage | null | undefined): RecentStorage | undefined {
  if (young) return undefined;
  if (storage !== undefined) return storage ?? undefined;
  try {
    return globalThis.sessionStorage;
  } catch {
    return undefined;
  }
}
