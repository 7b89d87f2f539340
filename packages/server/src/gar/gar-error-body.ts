import { z } from 'zod';

/** HTTP reason phrases, as GAR's error bodies write them in `Code`. */
const REASON_PHRASES: Readonly<Record<number, string>> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  406: 'Not Acceptable',
  409: 'Conflict',
  413: 'Payload Too Large',
  415: 'Unsupported Media Type',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  503: 'Service Unavailable',
};

/**
 * The HTTP reason phrase of a status (`404` → `Not Found`), as GAR writes it in `Erreur.Code`.
 *
 * @example
 * ```ts
 * reasonPhrase(415); // 'Unsupported Media Type'
 * ```
 */
export function reasonPhrase(status: number): string {
  return REASON_PHRASES[status] ?? (status >= 500 ? 'Internal Server Error' : 'Bad Request');
}

/**
 * GAR's JSON error body: `{"Erreur":{"Code":…,"Message":…,"Resource":…}}`.
 *
 * @example
 * ```ts
 * const { Erreur } = garErrorBodySchema.parse(await res.json());
 * Erreur.Code; // 'Bad Request'
 * ```
 */
export const garErrorBodySchema = z.object({
  Erreur: z.object({ Code: z.string(), Message: z.string(), Resource: z.string() }),
});
/** GAR's error body. */
export type GarErrorBody = z.infer<typeof garErrorBodySchema>;

/**
 * Builds GAR's error body. `resource` is the request path; GAR writes it without the leading slash
 * (`ressources/idENT/UAI/idUtilisateur`).
 *
 * @example
 * ```ts
 * garErrorBody(400, 'Établissement non trouvé', '/ressources/ENT1/X/p1');
 * // { Erreur: { Code: 'Bad Request', Message: 'Établissement non trouvé', Resource: 'ressources/ENT1/X/p1' } }
 * ```
 */
export function garErrorBody(status: number, message: string, resource: string): GarErrorBody {
  return { Erreur: { Code: reasonPhrase(status), Message: message, Resource: resource.replace(/^\/+/, '') } };
}

/**
 * A response carrying GAR's error body, `application/json; charset=utf-8`, never cached.
 *
 * @example
 * ```ts
 * return garErrorResponse(404, 'Ressource inconnue', c.req.path);
 * ```
 */
export function garErrorResponse(
  status: number,
  message: string,
  resource: string,
  headers: Record<string, string> = {},
): Response {
  return new Response(JSON.stringify(garErrorBody(status, message, resource)), {
    status,
    headers: { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store', ...headers },
  });
}
