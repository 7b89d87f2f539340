import type { OpenAPIHono, RouteConfig } from '@hono/zod-openapi';
import type { Handler, MiddlewareHandler } from 'hono';
import type { AppEnv } from './app-env.js';

/** The methods each path pattern answers, for 405 responses with an `Allow` header. */
export class RouteTable {
  private readonly entries: { pattern: RegExp; methods: Set<string> }[] = [];

  /** Records a method for an OpenAPI path (`/a/{id}`). */
  add(path: string, method: string): void {
    const source =
      '^' +
      path
        .split(/\{[^}]+\}/)
        .map((part) => part.replace(/[.*+?^$()|[\]\\]/g, '\\$&'))
        .join('[^/]+') +
      '$';
    let entry = this.entries.find((e) => e.pattern.source === source);
    if (!entry) {
      entry = { pattern: new RegExp(source), methods: new Set() };
      this.entries.push(entry);
    }
    entry.methods.add(method.toUpperCase());
    if (method.toUpperCase() === 'GET') entry.methods.add('HEAD');
  }

  /** The methods a path answers, or `undefined` for an unknown path. */
  allowed(path: string): string[] | undefined {
    const methods = new Set<string>();
    for (const e of this.entries) if (e.pattern.test(path)) for (const m of e.methods) methods.add(m);
    return methods.size > 0 ? [...methods] : undefined;
  }
}

/** Hono's `:param` form of an OpenAPI `{param}` path. */
function honoPath(path: string): string {
  return path.replace(/\{([^}]+)\}/g, ':$1');
}

/**
 * Documents a route in the app's OpenAPI registry (from the same zod schemas the handler validates with) and
 * mounts its middleware and handler. Validation is done by the handlers, so content type, size and JSON syntax
 * errors are answered as problems in a fixed order.
 */
export function defineRoute(
  app: OpenAPIHono<AppEnv>,
  table: RouteTable,
  route: RouteConfig,
  ...handlers: [...MiddlewareHandler<AppEnv>[], Handler<AppEnv>]
): void {
  if (!route.hide) app.openAPIRegistry.registerPath(route);
  table.add(route.path, route.method);
  app.on([route.method.toUpperCase()], [honoPath(route.path)], ...handlers);
}
