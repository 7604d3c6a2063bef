type Json = Record<string, unknown>;

const escapeHtml = (value: unknown): string =>
  String(value ?? "")
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;")
    .replace(/'/g, "&#39;");

function resolve(
  doc: Json,
  schema: Json | undefined,
): { schema: Json | undefined; name: string | undefined } {
  const ref = schema?.$ref;
  if (typeof ref !== "string") return { schema, name: undefined };
  const name = ref.split("/").pop();
  const components = (doc.components as Json | undefined)?.schemas as Record<string, Json> | undefined;
  return { schema: name ? components?.[name] : undefined, name };
}

/** A JSON Schema as a nested list: property, type, required, constraints, description. */
function renderSchema(doc: Json, input: Json | undefined, depth = 0, seen = new Set<string>()): string {
  const { schema, name } = resolve(doc, input);
  if (!schema) return "<em>any</em>";
  if (name && (seen.has(name) || depth > 5)) return `<code>${escapeHtml(name)}</code>`;
  const nextSeen = name ? new Set([...seen, name]) : seen;
  const label = name ? `<code>${escapeHtml(name)}</code> ` : "";
  for (const combiner of ["oneOf", "anyOf", "allOf"] as const) {
    const parts = schema[combiner] as Json[] | undefined;
    if (parts) {
      const items = parts.map((part) => `<li>${renderSchema(doc, part, depth + 1, nextSeen)}</li>`).join("");
      return `${label}${combiner === "allOf" ? "all of" : "one of"}<ul>${items}</ul>`;
    }
  }
  const type = Array.isArray(schema.type) ? schema.type.join(" | ") : (schema.type as string | undefined);
  const facts = [
    schema.enum
      ? `one of ${(schema.enum as unknown[]).map((v) => `<code>${escapeHtml(JSON.stringify(v))}</code>`).join(", ")}`
      : "",
    schema.const !== undefined ? `always <code>${escapeHtml(JSON.stringify(schema.const))}</code>` : "",
    schema.format ? `format ${escapeHtml(schema.format)}` : "",
    schema.pattern ? `pattern <code>${escapeHtml(schema.pattern)}</code>` : "",
    schema.minimum !== undefined ? `≥ ${escapeHtml(schema.minimum)}` : "",
    schema.maximum !== undefined ? `≤ ${escapeHtml(schema.maximum)}` : "",
    schema.maxLength !== undefined ? `max length ${escapeHtml(schema.maxLength)}` : "",
    schema.default !== undefined ? `default <code>${escapeHtml(JSON.stringify(schema.default))}</code>` : "",
  ].filter(Boolean);
  const head = `${label}<span class="type">${escapeHtml(type ?? "object")}</span>${facts.length ? ` — ${facts.join("; ")}` : ""}${
    schema.description ? `<div class="desc">${escapeHtml(schema.description)}</div>` : ""
  }`;
  if (type === "array" && schema.items) {
    return `${head}<ul><li>items: ${renderSchema(doc, schema.items as Json, depth + 1, nextSeen)}</li></ul>`;
  }
  const properties = schema.properties as Record<string, Json> | undefined;
  if (!properties) return head;
  const required = new Set((schema.required as string[] | undefined) ?? []);
  const rows = Object.entries(properties)
    .map(
      ([prop, sub]) =>
        `<li><code>${escapeHtml(prop)}</code>${required.has(prop) ? ' <span class="req">required</span>' : ""}: ${renderSchema(doc, sub, depth + 1, nextSeen)}</li>`,
    )
    .join("");
  return `${head}<ul>${rows}</ul>`;
}

function renderContent(doc: Json, content: Json | undefined): string {
  if (!content) return "";
  return Object.entries(content)
    .map(
      ([type, media]) =>
        `<div><code>${escapeHtml(type)}</code>${renderSchema(doc, (media as Json).schema as Json)}</div>`,
    )
    .join("");
}

const METHODS = ["get", "post", "put", "patch", "delete"] as const;

/**
 * A readable, self-contained HTML page from an OpenAPI document: no scripts, styles inline, nothing
 * fetched from elsewhere (it works offline). Every value from the document is escaped.
 */
export function renderDocsPage(doc: Json, openapiPath: string): string {
  const info = (doc.info as Json | undefined) ?? {};
  const groups = new Map<string, string[]>();
  for (const [path, item] of Object.entries((doc.paths as Record<string, Json> | undefined) ?? {})) {
    for (const method of METHODS) {
      const op = item[method] as Json | undefined;
      if (!op) continue;
      const tag = ((op.tags as string[] | undefined) ?? ["Other"])[0] as string;
      const params = ((op.parameters as Json[] | undefined) ?? [])
        .map(
          (p) =>
            `<tr><td><code>${escapeHtml(p.name)}</code></td><td>${escapeHtml(p.in)}</td><td>${p.required ? "yes" : "no"}</td><td>${renderSchema(doc, p.schema as Json)}${p.description ? `<div class="desc">${escapeHtml(p.description)}</div>` : ""}</td></tr>`,
        )
        .join("");
      const body = op.requestBody as Json | undefined;
      const responses = Object.entries((op.responses as Record<string, Json> | undefined) ?? {})
        .map(
          ([status, res]) =>
            `<li><strong>${escapeHtml(status)}</strong> ${escapeHtml(res.description)}${renderContent(doc, res.content as Json)}</li>`,
        )
        .join("");
      const security = ((op.security as Json[] | undefined) ?? []).flatMap((s) => Object.keys(s));
      const section = `<section class="op" id="${escapeHtml(`${method}-${path}`)}">
<h3><span class="method ${method}">${method.toUpperCase()}</span> <code>${escapeHtml(path)}</code></h3>
${op.summary ? `<p class="summary">${escapeHtml(op.summary)}</p>` : ""}${op.description ? `<p>${escapeHtml(op.description)}</p>` : ""}
${security.length ? `<p>Authentication: ${security.map((s) => `<code>${escapeHtml(s)}</code>`).join(", ")}</p>` : ""}
${params ? `<h4>Parameters</h4><table><tr><th>name</th><th>in</th><th>required</th><th>schema</th></tr>${params}</table>` : ""}
${body ? `<h4>Request body</h4>${renderContent(doc, body.content as Json)}` : ""}
<h4>Responses</h4><ul>${responses}</ul></section>`;
      groups.set(tag, [...(groups.get(tag) ?? []), section]);
    }
  }
  const schemes = Object.entries(
    ((doc.components as Json | undefined)?.securitySchemes as Record<string, Json>) ?? {},
  )
    .map(([name, s]) => `<li><code>${escapeHtml(name)}</code>: ${escapeHtml(s.description ?? s.type)}</li>`)
    .join("");
  const toc = [...groups.keys()]
    .map((tag) => `<li><a href="#tag-${escapeHtml(tag)}">${escapeHtml(tag)}</a></li>`)
    .join("");
  const body = [...groups.entries()]
    .map(([tag, sections]) => `<h2 id="tag-${escapeHtml(tag)}">${escapeHtml(tag)}</h2>${sections.join("")}`)
    .join("");
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>${escapeHtml(info.title)}</title><style>
body{font:15px/1.5 system-ui,sans-serif;max-width:980px;margin:2rem auto;padding:0 1rem;color:#1d2327}
code{font:13px ui-monospace,monospace;background:#f3f4f6;padding:1px 4px;border-radius:3px}
.op{border:1px solid #dde1e6;border-radius:6px;padding:.5rem 1rem;margin:1rem 0}.summary{font-weight:600}
.method{font:700 12px ui-monospace,monospace;padding:2px 6px;border-radius:3px;color:#fff;background:#555}
.get{background:#2563eb}.post{background:#16a34a}.put,.patch{background:#d97706}.delete{background:#dc2626}
table{border-collapse:collapse}td,th{border:1px solid #dde1e6;padding:4px 8px;text-align:left;vertical-align:top}
ul{padding-left:1.2rem}.type{color:#6b21a8}.req{color:#b91c1c;font-size:12px}.desc{color:#4b5563}
</style></head><body>
<h1>${escapeHtml(info.title)} <small>${escapeHtml(info.version)}</small></h1>
<p>${escapeHtml(info.description)}</p>
<p>Machine-readable: <a href="${escapeHtml(openapiPath)}">${escapeHtml(openapiPath)}</a> (OpenAPI ${escapeHtml(doc.openapi)})</p>
${schemes ? `<h2>Authentication</h2><ul>${schemes}</ul>` : ""}
<h2>Contents</h2><ul>${toc}</ul>${body}</body></html>`;
}
