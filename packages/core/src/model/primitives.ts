import { z } from 'zod';
import { isHttpsOrLoopbackUrl } from './loopback.js';
import { withParisOffset } from './paris-time.js';
import { idText } from './text.js';

/**
 * Whether a URL from a publisher may be used (thumbnails, access URLs): `https:` always, `http:` only on loopback
 * (development), nothing else (`javascript:`, `data:`, relative URLs are refused).
 *
 * @example
 * ```ts
 * isSafePublisherUrl('https://edu.example/x'); // true
 * isSafePublisherUrl('javascript:alert(1)');   // false
 * ```
 */
export function isSafePublisherUrl(value: string): boolean {
  return isHttpsOrLoopbackUrl(value);
}

/** A publisher-supplied URL: https, or http on loopback only. */
export const publisherUrlSchema = z
  .string()
  .max(2048)
  .refine(isSafePublisherUrl, {
    message: 'must be an https URL (http only on loopback)',
    params: { code: 'invalid_format' },
  });

/** A school's UAI: ≤45 characters, upper-case letters and digits. */
export const uaiSchema = z
  .string()
  .min(1)
  .max(45)
  .regex(/^[0-9A-Z]+$/, { message: 'a UAI is upper-case letters and digits, e.g. 0561641E' });

/** An ENT's identifier (`idENT`). */
export const entIdSchema = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[A-Za-z0-9._-]+$/, { message: 'letters, digits, dot, dash, underscore' });

/** A person's identifier in the ENT (`GARPersonIdentifiant`, ≤64). */
export const personIdSchema = idText(z.string().min(1).max(64));

/** A resource identifier (`idRessource`, often an ARK, ≤1024). */
export const resourceIdSchema = idText(z.string().min(1).max(1024));

/** An ISO 8601 date-time with an offset or `Z`. */
export const isoDateTimeSchema = z.iso.datetime({ offset: true });

/**
 * A date-time from a publisher: ISO 8601 with an offset or `Z`, or without one (`2026-09-01T00:00:00`, as GAR's
 * publishers write them), read as Europe/Paris time and given its offset.
 *
 * @example
 * ```ts
 * publisherDateTimeSchema.parse('2026-09-01T00:00:00'); // '2026-09-01T00:00:00+02:00'
 * ```
 */
export const publisherDateTimeSchema = z.string().overwrite(withParisOffset).pipe(isoDateTimeSchema);

/** A school year written `2025-2026`: two consecutive years. */
export const schoolYearSchema = z
  .string()
  .regex(/^\d{4}-\d{4}$/, { message: 'a school year is written 2025-2026' })
  .refine((v) => Number(v.slice(5)) === Number(v.slice(0, 4)) + 1, { message: 'the two years must follow each other' });

/** A licence count: a non-negative integer or `ILLIMITE`. */
export type LicenceCount = number | 'ILLIMITE';

/** Zod schema of a licence count. */
export const licenceCountSchema = z.union([z.int().min(0).max(99_999_999), z.literal('ILLIMITE')]);

/** A labelled term of a ScoLOMFR vocabulary (`{uri, nom}`), as GAR's listing writes it. */
export const vocabularyTermSchema = z.strictObject({
  uri: z.string().max(1024),
  nom: z.string().max(255),
});
/** A labelled vocabulary term. */
export type VocabularyTerm = z.infer<typeof vocabularyTermSchema>;
