/** A file of a `multipart/form-data` body: its field, its file name and its bytes (a view into the body, not a copy). */
export interface MultipartFile {
  field: string;
  filename: string;
  data: Uint8Array;
}

const CRLF = new Uint8Array([13, 10]);
const CRLFCRLF = new Uint8Array([13, 10, 13, 10]);
const ascii = (s: string) => Uint8Array.from(s, (c) => c.charCodeAt(0));

/** Where `needle` next occurs in `hay` from `from`, or -1; the first byte is found natively, so a big body is cheap. */
function find(hay: Uint8Array, needle: Uint8Array, from: number): number {
  for (
    let at = hay.indexOf(needle[0]!, from);
    at >= 0 && at <= hay.length - needle.length;
    at = hay.indexOf(needle[0]!, at + 1)
  ) {
    let i = 1;
    while (i < needle.length && hay[at + i] === needle[i]) i++;
    if (i === needle.length) return at;
  }
  return -1;
}

/** The `boundary` parameter of a multipart content type (RFC 2046: 1 to 70 characters). */
function boundaryOf(contentType: string): string | undefined {
  const m = /;\s*boundary=(?:"([^"]{1,70})"|([^\s;"]{1,70}))/i.exec(contentType);
  return m?.[1] ?? m?.[2];
}

/**
 * Splits a `multipart/form-data` body (already read, so bounded) into its files, without copying them: a single
 * linear scan, so a big upload costs the main thread little (the platform's `formData()` materialises every file
 * twice). Parts without a file name (text fields) are skipped. Returns `undefined` on a malformed body.
 *
 * @example
 * ```ts
 * const files = multipartFiles(bytes, c.req.header('content-type') ?? '');
 * for (const f of files ?? []) console.log(f.filename, f.data.byteLength);
 * ```
 */
export function multipartFiles(body: Uint8Array, contentType: string): MultipartFile[] | undefined {
  const boundary = boundaryOf(contentType);
  if (!boundary) return undefined;
  const open = ascii(`--${boundary}`);
  const delimiter = ascii(`\r\n--${boundary}`);
  if (find(body, open, 0) !== 0) return undefined;
  const files: MultipartFile[] = [];
  let at = open.length;
  for (let parts = 0; parts < 10_000; parts++) {
    // After a delimiter: "--" ends the body, CRLF starts a part.
    if (body[at] === 45 && body[at + 1] === 45) return files;
    if (body[at] !== CRLF[0] || body[at + 1] !== CRLF[1]) return undefined;
    const headersEnd = find(body, CRLFCRLF, at + 2);
    if (headersEnd < 0 || headersEnd - at > 16 * 1024) return undefined;
    const headers = new TextDecoder().decode(body.subarray(at + 2, headersEnd));
    const end = find(body, delimiter, headersEnd + 4);
    if (end < 0) return undefined;
    const disposition = /^content-disposition:\s*form-data(.*)$/im.exec(headers)?.[1] ?? '';
    const field = /;\s*name="((?:[^"\\]|\\.)*)"/i.exec(disposition)?.[1];
    const filename = /;\s*filename="((?:[^"\\]|\\.)*)"/i.exec(disposition)?.[1];
    if (field !== undefined && filename !== undefined) {
      files.push({ field, filename: filename.replace(/\\(.)/g, '$1'), data: body.subarray(headersEnd + 4, end) });
    }
    at = end + delimiter.length;
  }
  return undefined;
}
