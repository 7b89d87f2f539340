import type { Context } from 'hono';
import type { RequestClient } from '../identity/rate-limiter.js';
import type { AppEnv } from './app-env.js';

/** The peer address of the Node listener's socket (`@hono/node-server` bindings), or `undefined` elsewhere. */
function socketAddress(env: unknown): string | undefined {
  const address = (env as { incoming?: { socket?: { remoteAddress?: unknown } } } | undefined)?.incoming?.socket
    ?.remoteAddress;
  return typeof address === 'string' && address.length > 0 ? address : undefined;
}

/** Expands an IPv6 address to its eight groups, or `undefined` if it is not one. */
function ipv6Groups(address: string): string[] | undefined {
  const [head = '', tail, extra] = address.split('::');
  if (extra !== undefined) return undefined;
  const left = head === '' ? [] : head.split(':');
  const right = tail === undefined || tail === '' ? [] : tail.split(':');
  const fill = tail === undefined ? 0 : 8 - left.length - right.length;
  const groups = [...left, ...Array<string>(Math.max(fill, 0)).fill('0'), ...right];
  return groups.length === 8 && groups.every((g) => /^[0-9a-f]{1,4}$/i.test(g))
    ? groups.map((g) => g.toLowerCase().replace(/^0+(?=.)/, ''))
    : undefined;
}

/**
 * The address a limit is counted against: an IPv4 address as is (an IPv4-mapped IPv6 address as IPv4), an IPv6
 * address as its /64 (one subscriber usually holds a whole /64, so a single address would be no limit at all).
 *
 * @example
 * ```ts
 * limitAddress('::ffff:203.0.113.7'); // '203.0.113.7'
 * limitAddress('2001:db8::1');        // '2001:db8:0:0::/64'
 * ```
 */
export function limitAddress(raw: string): string | undefined {
  const address = raw
    .trim()
    .replace(/^\[|\]$/g, '')
    .replace(/%.*$/, '');
  const mapped = /^::ffff:(\d{1,3}(?:\.\d{1,3}){3})$/i.exec(address);
  if (mapped) return mapped[1];
  if (/^\d{1,3}(\.\d{1,3}){3}$/.test(address)) return address;
  const groups = ipv6Groups(address);
  return groups ? `${groups.slice(0, 4).join(':')}::/64` : undefined;
}

/**
 * The client's address: the socket's peer, or, behind `trustHops` trusted proxies, the address those proxies
 * appended to `X-Forwarded-For` (counting from the right; a client can prepend anything, never append). With no
 * trusted proxy the header is ignored: a client cannot pick the address its failures are counted against.
 *
 * @example
 * ```ts
 * clientAddress(c, 1); // the rightmost X-Forwarded-For entry, set by the one proxy in front
 * ```
 */
export function clientAddress(c: Context<AppEnv>, trustHops = 0): string | undefined {
  const socket = socketAddress(c.env);
  if (trustHops > 0 && socket !== undefined) {
    const hops = (c.req.header('x-forwarded-for') ?? '')
      .split(',')
      .map((h) => h.trim())
      .filter((h) => h.length > 0);
    const chosen = hops.length >= trustHops ? hops[hops.length - trustHops] : hops[0];
    const forwarded = chosen === undefined ? undefined : limitAddress(chosen);
    if (forwarded !== undefined) return forwarded;
  }
  return socket === undefined ? undefined : (limitAddress(socket) ?? socket);
}

/**
 * The caller as the rate limiter sees it: the address the app's first middleware resolved, or the socket's peer
 * when a route runs outside the app.
 *
 * @example
 * ```ts
 * await service.identity.authenticateOperator(token, requestClient(c));
 * ```
 */
export function requestClient(c: Context<AppEnv>): RequestClient {
  const set: string | undefined = c.get('clientAddress');
  return { address: set ?? clientAddress(c) };
}
