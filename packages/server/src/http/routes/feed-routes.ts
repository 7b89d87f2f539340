import { createRoute, z, type OpenAPIHono } from '@hono/zod-openapi';
import type { Context } from 'hono';
import type { FeedSource } from '../../feeds/read-feed.js';
import type { FeedProblems } from '../../feeds/feed-problems.js';
import { FEED_LIMITS } from '../../feeds/feed-limits.js';
import type { FeedFileParser } from '../../feeds/parse-feed-file.js';
import type { GarService } from '../../create-gar-service.js';
import { GarServiceError } from '../../kernel/errors.js';
import type { FeedRun } from '../../store/types-directory-feeds.js';
import { syncReportCsv } from '../../feeds/sync-report.js';
import type { AppEnv } from '../app-env.js';
import { requestClient } from '../client-address.js';
import { readBoundedBody } from '../read-bounded-body.js';
import { bearerToken, entUserAuth, operatorAuth } from '../bearer-auth.js';
import { json, problems } from '../openapi-parts.js';
import { multipartFiles } from '../multipart-files.js';
import { problemResponse } from '../problem-response.js';
import { defineRoute, type RouteTable } from '../route-table.js';
import { actorOf } from './actor.js';

/**
 * Options of the feed routes.
 *
 * @example
 * ```ts
 * createHttpApp(service, { feeds: { maxUploadBytes: 64 * 1024 * 1024, openBundle, parseFile: parseFeedFileInWorker, signal: stopping.signal } });
 * ```
 */
export interface FeedRouteOptions {
  /** Largest upload (default 64 MiB; bigger académie feeds go through `opengar import-feed`). */
  maxUploadBytes?: number;
  /** Opens a `.tar.gz` bundle (Node: `openFeedBundle`); without it, bundles are answered 415. `dispose` runs once the import is over. */
  openBundle?: (
    bytes: Uint8Array,
    md5: string | undefined,
  ) => Promise<{ sources?: FeedSource[]; problems: FeedProblems; dispose?: () => Promise<void> }>;
  /** How feed files are parsed (Node: `parseFeedFileInWorker`, off the event loop); default the service's. */
  parseFile?: FeedFileParser;
  /** Aborted when the service stops: imports in flight stop at once (nothing applied) and are answered 503. */
  signal?: AbortSignal;
  /** The verified client-certificate fingerprint of the request, when the listener does mutual TLS. */
  clientCertFingerprint?: (c: Context<AppEnv>) => string | undefined;
}

const runSchema = z
  .object({
    id: z.string(),
    entId: z.string(),
    status: z.enum(['applied', 'refused']),
    problemCount: z.number(),
    summary: z.record(z.string(), z.number()).optional(),
  })
  .meta({ id: 'FeedRun' });
const reportSchema = z
  .looseObject({ uai: z.string(), counts: z.record(z.string(), z.number()) })
  .meta({ id: 'SyncReport' });

function refused(c: Context<AppEnv>, run: Pick<FeedRun, 'id' | 'problems' | 'problemCount'>): Response {
  return problemResponse({
    code: 'validation',
    status: 422,
    requestId: c.get('requestId'),
    instance: c.req.path,
    detail: `the feed was refused as a whole (${run.problemCount} problem(s)); nothing was applied; run ${run.id}`,
    errors: run.problems.map((p) => ({
      pointer: `${p.file}:${p.line}/${p.element}`,
      code: p.code,
      message: p.message,
    })),
  });
}

async function readLimited(c: Context<AppEnv>, max: number): Promise<Uint8Array | Response> {
  const tooBig = () =>
    problemResponse({
      code: 'payload-too-large',
      status: 413,
      requestId: c.get('requestId'),
      instance: c.req.path,
      detail: `the upload exceeds ${max} bytes`,
    });
  return (await readBoundedBody(c.req.raw, max)) ?? tooBig();
}

/**
 * The directory-feed routes: `POST /api/v1/ent/feeds` (ENT client credential: a multipart upload of the XML files,
 * or one `.tar.gz` bundle with its MD5 in `X-Feed-MD5`), `GET /api/v1/schools/{uai}/sync-report` (managers; JSON or
 * `?format=csv`), and `DELETE /api/v1/admin/people/{entId}/{personId}` (operator: erase a person on request).
 */
export function mountFeedRoutes(
  app: OpenAPIHono<AppEnv>,
  table: RouteTable,
  service: GarService,
  options: FeedRouteOptions = {},
): void {
  const max = options.maxUploadBytes ?? FEED_LIMITS.maxUploadBytes;
  const entClient = async (c: Context<AppEnv>, next: () => Promise<void>) => {
    const token = bearerToken(c);
    const fingerprint = options.clientCertFingerprint?.(c);
    try {
      if (token !== undefined)
        c.set(
          'actor',
          await service.identity.authenticateEntClient(
            { assertion: token, url: `${service.issuer}${c.req.path}` },
            requestClient(c),
          ),
        );
      else if (fingerprint !== undefined)
        c.set(
          'actor',
          await service.identity.authenticateEntClient({ certFingerprint: fingerprint }, requestClient(c)),
        );
      else throw new GarServiceError('unauthenticated', 'an ENT client credential is required');
    } catch (e) {
      if (e instanceof GarServiceError && (e.code === 'unauthenticated' || e.code === 'token-expired')) {
        return problemResponse({
          code: 'unauthenticated',
          status: 401,
          requestId: c.get('requestId'),
          instance: c.req.path,
          detail: e.message,
        });
      }
      throw e;
    }
    await next();
    return undefined;
  };

  defineRoute(
    app,
    table,
    createRoute({
      method: 'post',
      path: '/api/v1/ent/feeds',
      tags: ['Directory feeds'],
      security: [{ entClient: [] }],
      summary:
        "Uploads the ENT's complete directory feed (multipart XML files, or one .tar.gz with X-Feed-MD5); refused as a whole on any problem",
      responses: {
        200: json(runSchema, 'The feed was applied'),
        422: { description: 'The feed was refused: every problem with file, line and element' },
        ...problems(400, 401, 403, 413, 415, 503),
      },
    }),
    entClient,
    async (c) => {
      const actor = actorOf(c);
      if (actor.kind !== 'ent-client') throw new GarServiceError('forbidden', 'ENT back ends only');
      const type = (c.req.header('content-type') ?? '').toLowerCase();
      const bytes = await readLimited(c, max);
      if (bytes instanceof Response) return bytes;
      let sources: FeedSource[] | undefined;
      let dispose: (() => Promise<void>) | undefined;
      if (type.startsWith('multipart/form-data')) {
        const files = multipartFiles(bytes, c.req.header('content-type') ?? '');
        if (!files)
          return problemResponse({
            code: 'bad-request',
            status: 400,
            requestId: c.get('requestId'),
            instance: c.req.path,
            detail: 'the multipart/form-data body is malformed',
          });
        sources = files
          .filter((f) => f.field === 'file')
          .map((f) => ({
            name: f.filename,
            size: f.data.byteLength,
            open: async function* () {
              yield f.data;
            },
          }));
      } else if (/^application\/(x-)?(gzip|tar\+gzip)/.test(type) && options.openBundle) {
        const opened = await options.openBundle(bytes, c.req.header('x-feed-md5'));
        if (!opened.sources)
          return refused(c, { id: '-', problems: opened.problems.list, problemCount: opened.problems.count });
        sources = opened.sources;
        dispose = opened.dispose;
      } else {
        return problemResponse({
          code: 'unsupported-media-type',
          status: 415,
          requestId: c.get('requestId'),
          instance: c.req.path,
          detail: 'send multipart/form-data (field file) or application/gzip',
        });
      }
      // The import stops when the client goes away or the service stops: nothing is applied then.
      const signals = [c.req.raw.signal, options.signal].filter((s): s is AbortSignal => s !== undefined);
      const signal = AbortSignal.any(signals);
      try {
        const { run } = await service.feeds.import(actor, actor.entId, sources, undefined, {
          signal,
          ...(options.parseFile ? { parseFile: options.parseFile } : {}),
        });
        if (run.status === 'refused') return refused(c, run);
        return c.json({
          id: run.id,
          entId: run.entId,
          status: run.status,
          problemCount: run.problemCount,
          ...(run.summary ? { summary: run.summary } : {}),
        });
      } catch (e) {
        if (!signal.aborted) throw e;
        return problemResponse({
          code: 'unavailable',
          status: 503,
          requestId: c.get('requestId'),
          instance: c.req.path,
          detail: 'the import was stopped (the service is stopping or the client left); nothing was applied',
        });
      } finally {
        await dispose?.();
      }
    },
  );

  defineRoute(
    app,
    table,
    createRoute({
      method: 'get',
      path: '/api/v1/schools/{uai}/sync-report',
      tags: ['Allocation console'],
      security: [{ entAssertion: [] }],
      summary:
        "The school's rentrée check after the last feed: counts per profile, changes, anomalies (JSON, or CSV with ?format=csv)",
      request: {
        params: z.object({ uai: z.string().min(1).max(45) }),
        query: z.object({ format: z.enum(['json', 'csv']).optional() }),
      },
      responses: { 200: json(reportSchema, 'The report'), ...problems(401, 403, 404) },
    }),
    entUserAuth(service),
    async (c) => {
      const report = await service.feeds.syncReport(actorOf(c), c.req.param('uai') ?? '');
      if (c.req.query('format') === 'csv') {
        return c.body(syncReportCsv(report), 200, {
          'content-type': 'text/csv; charset=utf-8',
          'content-disposition': `attachment; filename="sync-report-${report.uai}.csv"`,
        });
      }
      return c.json(report);
    },
  );

  defineRoute(
    app,
    table,
    createRoute({
      method: 'delete',
      path: '/api/v1/admin/people/{entId}/{personId}',
      tags: ['Directory feeds'],
      security: [{ operatorSecret: [] }],
      summary: "Erases a person's data on request (audit entries keep a pseudonym)",
      request: { params: z.object({ entId: z.string().min(1).max(64), personId: z.string().min(1).max(64) }) },
      responses: { 204: { description: 'Erased' }, ...problems(401, 403, 404) },
    }),
    operatorAuth(service),
    async (c) => {
      await service.feeds.erasePerson(actorOf(c), c.req.param('entId') ?? '', c.req.param('personId') ?? '');
      return c.body(null, 204);
    },
  );
}
