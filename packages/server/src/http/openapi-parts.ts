import { problemSchema } from '@opengar/core';
import type { RouteConfig } from '@hono/zod-openapi';
import type { z } from 'zod';

type Responses = RouteConfig['responses'];

/** The problem schema as one `Problem` component, referenced by every error response of the document. */
const problemComponent = problemSchema.meta({ id: 'Problem' });

/** A JSON response description. */
export function json(schema: z.ZodType, description: string): Responses[string] {
  return { description, content: { 'application/json': { schema } } };
}

/** Problem responses of the given statuses. */
export function problems(...statuses: number[]): Responses {
  const descriptions: Record<number, string> = {
    400: 'Invalid input (`validation`, `bad-request`)',
    401: 'No or invalid credential (`unauthenticated`, `token-expired`)',
    403: 'Not allowed for this caller or school (`forbidden`)',
    404: 'Not found (`not-found`)',
    409: 'Exists already (`conflict`)',
    413: 'Body too large (`payload-too-large`)',
    415: 'Not `application/json` (`unsupported-media-type`)',
    503: 'A dependency is unavailable (`unavailable`)',
  };
  const out: Responses = {};
  for (const s of statuses)
    out[String(s)] = {
      description: descriptions[s] ?? 'Problem',
      content: { 'application/problem+json': { schema: problemComponent } },
    };
  return out;
}

/** A JSON request body. */
export function jsonBody(
  schema: z.ZodType,
  description: string,
): NonNullable<NonNullable<RouteConfig['request']>['body']> {
  return { required: true, description, content: { 'application/json': { schema } } };
}
