/** Escapes text for HTML content and attribute values. */
export function escapeHtml(value: unknown): string {
  return String(value).replace(/[&<>"'`]/g, (ch) => `&#${ch.charCodeAt(0)};`);
}

type Json = Record<string, unknown>;

function obj(value: unknown): Json {
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Json) : {};
}

const REF = '#/components/schemas/';

function schemaBlock(schema: unknown): string {
  if (schema === undefined) return '';
  const ref = obj(schema).$ref;
  if (typeof ref === 'string' && ref.startsWith(REF)) {
    const name = ref.slice(REF.length);
    return `<p>See <a href="#schema-${escapeHtml(name)}">${escapeHtml(name)}</a></p>`;
  }
  return `<pre>${escapeHtml(JSON.stringify(schema, null, 2))}</pre>`;
}

function contentBlocks(content: unknown): string {
  return Object.entries(obj(content))
    .map(([type, media]) => {
      const schema = obj(media).schema;
      const block = schemaBlock(schema);
      return `<p class="media">${escapeHtml(type)}</p>${typeof obj(schema).$ref === 'string' ? block : `<details><summary>Schema</summary>${block}</details>`}`;
    })
    .join('');
}

function operationHtml(path: string, method: string, op: Json): string {
  const params = Array.isArray(op.parameters) ? (op.parameters as unknown[]).map(obj) : [];
  const paramRows = params
    .map(
      (p) =>
        `<tr><td><code>${escapeHtml(p.name)}</code></td><td>${escapeHtml(p.in)}</td><td>${p.required ? 'yes' : 'no'}</td><td>${escapeHtml(p.description ?? '')}</td></tr>`,
    )
    .join('');
  const body = obj(op.requestBody);
  const responses = Object.entries(obj(op.responses))
    .map(
      ([status, r]) =>
        `<li><strong>${escapeHtml(status)}</strong> ${escapeHtml(obj(r).description ?? '')}${contentBlocks(obj(r).content)}</li>`,
    )
    .join('');
  const security = Array.isArray(op.security) ? (op.security as unknown[]).flatMap((s) => Object.keys(obj(s))) : [];
  const id = `${method}-${path}`.replace(/[^A-Za-z0-9]+/g, '-');
  return `<section id="${escapeHtml(id)}">
<h3><span class="method ${escapeHtml(method)}">${escapeHtml(method.toUpperCase())}</span> <code>${escapeHtml(path)}</code></h3>
${op.summary ? `<p>${escapeHtml(op.summary)}</p>` : ''}${op.description ? `<p>${escapeHtml(op.description)}</p>` : ''}
${security.length ? `<p>Credential: ${security.map((s) => `<code>${escapeHtml(s)}</code>`).join(', ')}</p>` : '<p>Credential: none</p>'}
${paramRows ? `<table><thead><tr><th>parameter</th><th>in</th><th>required</th><th>description</th></tr></thead><tbody>${paramRows}</tbody></table>` : ''}
${Object.keys(body).length ? `<h4>Request body</h4>${contentBlocks(body.content)}` : ''}
<h4>Responses</h4><ul>${responses}</ul>
</section>`;
}

const STYLE = `body{font:16px/1.5 system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;color:#1b1b1b}
code,pre{font-family:ui-monospace,monospace;font-size:.9em}pre{background:#f4f4f4;padding:.75rem;overflow:auto}
section{border-top:1px solid #ddd;padding:.5rem 0}.method{display:inline-block;min-width:4rem;font-weight:bold}
.get{color:#0a6}.post{color:#06c}.put{color:#a60}.delete{color:#c00}table{border-collapse:collapse}
td,th{border:1px solid #ddd;padding:.25rem .5rem;text-align:left}.media{margin:.25rem 0;color:#555}`;

/**
 * A self-contained HTML reference page for an OpenAPI document: no script, no external resource, every value
 * escaped.
 *
 * @example
 * ```ts
 * const html = renderDocsPage(app.getOpenAPI31Document({ openapi: '3.1.0', info }));
 * ```
 */
export function renderDocsPage(document: unknown): string {
  const doc = obj(document);
  const info = obj(doc.info);
  const ops: string[] = [];
  const toc: string[] = [];
  for (const [path, item] of Object.entries(obj(doc.paths))) {
    for (const [method, op] of Object.entries(obj(item))) {
      if (!['get', 'post', 'put', 'delete', 'patch'].includes(method)) continue;
      const id = `${method}-${path}`.replace(/[^A-Za-z0-9]+/g, '-');
      toc.push(`<li><a href="#${escapeHtml(id)}">${escapeHtml(method.toUpperCase())} ${escapeHtml(path)}</a></li>`);
      ops.push(operationHtml(path, method, obj(op)));
    }
  }
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>${escapeHtml(info.title ?? 'API')}: API reference</title><style>${STYLE}</style></head>
<body><h1>${escapeHtml(info.title ?? 'API')} <small>${escapeHtml(info.version ?? '')}</small></h1>
${info.description ? `<p>${escapeHtml(info.description)}</p>` : ''}
<p>Errors are <code>application/problem+json</code> (RFC 9457). The machine-readable document is <a href="openapi.json">openapi.json</a>.</p>
<nav><h2>Routes</h2><ul>${toc.join('')}</ul></nav>
<main><h2>Reference</h2>${ops.join('\n')}
<h2>Schemas</h2>${Object.entries(obj(obj(doc.components).schemas))
    .map(
      ([name, schema]) =>
        `<section id="schema-${escapeHtml(name)}"><h3>${escapeHtml(name)}</h3><pre>${escapeHtml(JSON.stringify(schema, null, 2))}</pre></section>`,
    )
    .join('\n')}</main>
</body></html>`;
}
