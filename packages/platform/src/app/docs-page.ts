type Json = Record<string, unknown>;

const METHODS = ["get", "put", "post", "delete", "options", "head", "patch", "trace"] as const;
const MAX_DEPTH = 8;

/** Every value from the document goes through this: descriptions may hold HTML, and it must stay text. */
function escapeHtml(value: unknown): string {
  return String(value ?? "")
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;")
    .replace(/'/g, "&#39;");
}

/** Escaped text with `code` spans (the one piece of Markdown short descriptions use). */
function inline(value: unknown): string {
  return escapeHtml(value).replace(/`([^`]+)`/g, "<code>$1</code>");
}

/** Escaped text with the little Markdown descriptions use: paragraphs and `code`. */
function prose(value: unknown, className = ""): string {
  const text = String(value ?? "").trim();
  if (!text) return "";
  const cls = className ? ` class="${className}"` : "";
  return text
    .split(/\n\s*\n/)
    .map((paragraph) => `<p${cls}>${inline(paragraph)}</p>`)
    .join("");
}

const isObject = (value: unknown): value is Json =>
  typeof value === "object" && value !== null && !Array.isArray(value);

const anchor = (kind: string, name: string) => `${kind}-${name.replace(/[^A-Za-z0-9_-]/g, "-")}`;

const code = (value: unknown) => `<code>${escapeHtml(value)}</code>`;

const literal = (value: unknown) => code(JSON.stringify(value));

class DocsRenderer {
  private readonly doc: Json;

  constructor(doc: Json) {
    this.doc = doc;
  }

  /** Follows a local `$ref` ("#/components/schemas/Name"); anything else is left as it is. */
  private deref(value: unknown): { value: Json | undefined; name: string | undefined } {
    if (!isObject(value)) return { value: undefined, name: undefined };
    const ref = value.$ref;
    if (typeof ref !== "string") return { value, name: undefined };
    if (!ref.startsWith("#/")) return { value: undefined, name: ref };
    let target: unknown = this.doc;
    for (const part of ref.slice(2).split("/")) {
      const key = part.replace(/~1/g, "/").replace(/~0/g, "~");
      target = isObject(target) ? target[key] : undefined;
    }
    const name = ref.split("/").pop();
    return { value: isObject(target) ? target : undefined, name };
  }

  private schemaLink(name: string): string {
    const known = isObject((this.doc.components as Json | undefined)?.schemas)
      ? name in ((this.doc.components as Json).schemas as Json)
      : false;
    return known ? `<a href="#${anchor("schema", name)}">${code(name)}</a>` : code(name);
  }

  /** Constraints of one schema in words: "format email; max length 64; default "x"". */
  private facts(schema: Json): string[] {
    const facts: string[] = [];
    if (Array.isArray(schema.enum)) facts.push(`one of ${schema.enum.map(literal).join(", ")}`);
    if ("const" in schema) facts.push(`always ${literal(schema.const)}`);
    if (schema.format !== undefined) facts.push(`format ${escapeHtml(schema.format)}`);
    if (schema.pattern !== undefined) facts.push(`pattern ${code(schema.pattern)}`);
    if (schema.minLength !== undefined) facts.push(`min length ${escapeHtml(schema.minLength)}`);
    if (schema.maxLength !== undefined) facts.push(`max length ${escapeHtml(schema.maxLength)}`);
    if (schema.minimum !== undefined) facts.push(`≥ ${escapeHtml(schema.minimum)}`);
    if (schema.exclusiveMinimum !== undefined) facts.push(`&gt; ${escapeHtml(schema.exclusiveMinimum)}`);
    if (schema.maximum !== undefined) facts.push(`≤ ${escapeHtml(schema.maximum)}`);
    if (schema.exclusiveMaximum !== undefined) facts.push(`&lt; ${escapeHtml(schema.exclusiveMaximum)}`);
    if (schema.multipleOf !== undefined) facts.push(`multiple of ${escapeHtml(schema.multipleOf)}`);
    if (schema.minItems !== undefined) facts.push(`at least ${escapeHtml(schema.minItems)} items`);
    if (schema.maxItems !== undefined) facts.push(`at most ${escapeHtml(schema.maxItems)} items`);
    if (schema.uniqueItems === true) facts.push("unique items");
    if (schema.minProperties !== undefined) facts.push(`at least ${escapeHtml(schema.minProperties)} keys`);
    if (schema.maxProperties !== undefined) facts.push(`at most ${escapeHtml(schema.maxProperties)} keys`);
    if ("default" in schema) facts.push(`default ${literal(schema.default)}`);
    if (schema.readOnly === true) facts.push("read-only");
    if (schema.writeOnly === true) facts.push("write-only");
    if (schema.deprecated === true) facts.push('<span class="deprecated">deprecated</span>');
    const examples = Array.isArray(schema.examples)
      ? schema.examples
      : "example" in schema
        ? [schema.example]
        : [];
    if (examples.length > 0) facts.push(`e.g. ${examples.slice(0, 3).map(literal).join(", ")}`);
    return facts;
  }

  private typeName(schema: Json): string {
    if (Array.isArray(schema.type)) return schema.type.map(String).join(" | ");
    if (typeof schema.type === "string") return schema.type;
    if (schema.properties || schema.additionalProperties) return "object";
    if ("const" in schema || schema.enum) return "value";
    return "any";
  }

  /**
   * A JSON Schema as nested lists: type, constraints, description, then properties (required marked) or
   * items. `$ref`s are expanded where they first appear on a branch and linked to the Schemas section.
   */
  schema(input: unknown, depth = 0, seen: ReadonlySet<string> = new Set()): string {
    const { value: schema, name } = this.deref(input);
    if (name && (!schema || seen.has(name) || depth > MAX_DEPTH)) return this.schemaLink(name);
    if (!schema) return '<span class="type">any</span>';
    const nextSeen = name ? new Set([...seen, name]) : seen;
    const label = name ? `${this.schemaLink(name)} ` : "";
    const description = prose(schema.description, "desc");

    for (const combiner of ["oneOf", "anyOf", "allOf"] as const) {
      const parts = schema[combiner];
      if (!Array.isArray(parts)) continue;
      const isNull = (part: unknown) => isObject(part) && part.type === "null";
      // zod's `.nullable()` is anyOf [X, {type: null}]: say "X or null" rather than a one-item list.
      if (combiner !== "allOf" && parts.length === 2 && parts.some(isNull)) {
        const other = parts.find((part) => !isNull(part));
        return `${label}${this.schema(other, depth + 1, nextSeen)} <span class="type">or null</span>${description}`;
      }
      const heading = combiner === "allOf" ? "all of" : combiner === "oneOf" ? "exactly one of" : "any of";
      const items = parts.map((part) => `<li>${this.schema(part, depth + 1, nextSeen)}</li>`).join("");
      return `${label}${heading}${description}<ul>${items}</ul>`;
    }

    const type = this.typeName(schema);
    const facts = this.facts(schema);
    const head = `${label}<span class="type">${escapeHtml(type)}</span>${facts.length ? ` — ${facts.join("; ")}` : ""}${description}`;
    if (depth > MAX_DEPTH) return head;

    const children: string[] = [];
    if (schema.items !== undefined && schema.items !== false) {
      children.push(`<li>items: ${this.schema(schema.items, depth + 1, nextSeen)}</li>`);
    }
    if (Array.isArray(schema.prefixItems)) {
      schema.prefixItems.forEach((item, index) => {
        children.push(`<li>item ${index}: ${this.schema(item, depth + 1, nextSeen)}</li>`);
      });
    }
    if (isObject(schema.properties)) {
      const required = new Set(Array.isArray(schema.required) ? schema.required.map(String) : []);
      for (const [prop, sub] of Object.entries(schema.properties)) {
        const mark = required.has(prop) ? ' <span class="req">required</span>' : "";
        children.push(`<li>${code(prop)}${mark}: ${this.schema(sub, depth + 1, nextSeen)}</li>`);
      }
    }
    if (isObject(schema.additionalProperties)) {
      children.push(
        `<li>any other key: ${this.schema(schema.additionalProperties, depth + 1, nextSeen)}</li>`,
      );
    } else if (schema.additionalProperties === false && isObject(schema.properties)) {
      children.push('<li class="desc">no other keys</li>');
    }
    return children.length > 0 ? `${head}<ul>${children.join("")}</ul>` : head;
  }

  private content(content: unknown, expand: boolean): string {
    if (!isObject(content)) return "";
    return Object.entries(content)
      .map(([media, entry]) => {
        const schema = isObject(entry) ? entry.schema : undefined;
        const { name } = this.deref(schema);
        const rendered = !expand && name ? this.schemaLink(name) : this.schema(schema);
        return `<div class="media">${code(media)} ${rendered}</div>`;
      })
      .join("");
  }

  private parameters(operation: Json, pathItem: Json): string {
    const byKey = new Map<string, Json>();
    for (const raw of [
      ...(Array.isArray(pathItem.parameters) ? pathItem.parameters : []),
      ...(Array.isArray(operation.parameters) ? operation.parameters : []),
    ]) {
      const parameter = this.deref(raw).value;
      if (parameter) byKey.set(`${parameter.in}:${parameter.name}`, parameter);
    }
    if (byKey.size === 0) return "";
    const rows = [...byKey.values()]
      .map(
        (p) =>
          `<tr><td>${code(p.name)}</td><td>${escapeHtml(p.in)}</td><td>${p.required ? "yes" : "no"}</td><td>${this.schema(p.schema)}${prose(p.description, "desc")}</td></tr>`,
      )
      .join("");
    return `<h4>Parameters</h4><table><thead><tr><th>name</th><th>in</th><th>required</th><th>schema</th></tr></thead><tbody>${rows}</tbody></table>`;
  }

  private requestBody(operation: Json): string {
    const body = this.deref(operation.requestBody).value;
    if (!body) return "";
    const required = body.required ? ' <span class="req">required</span>' : " (optional)";
    return `<h4>Request body${required}</h4>${prose(body.description, "desc")}${this.content(body.content, true)}`;
  }

  private responses(operation: Json): string {
    const responses = isObject(operation.responses) ? operation.responses : {};
    const items = Object.entries(responses).map(([status, raw]) => {
      const response = this.deref(raw).value ?? {};
      const success = /^[123]/.test(status);
      const headers = isObject(response.headers)
        ? Object.entries(response.headers)
            .map(([header, rawHeader]) => {
              const h = this.deref(rawHeader).value ?? {};
              return `<li>header ${code(header)}: ${this.schema(h.schema)}${prose(h.description, "desc")}</li>`;
            })
            .join("")
        : "";
      return `<li><strong>${escapeHtml(status)}</strong> ${inline(response.description)}${headers ? `<ul>${headers}</ul>` : ""}${this.content(response.content, success)}</li>`;
    });
    return items.length ? `<h4>Responses</h4><ul>${items.join("")}</ul>` : "";
  }

  private security(operation: Json): string {
    const requirements = Array.isArray(operation.security)
      ? operation.security
      : Array.isArray(this.doc.security)
        ? this.doc.security
        : undefined;
    if (!requirements) return "";
    if (requirements.length === 0) return '<p class="auth">Authentication: none</p>';
    const alternatives = requirements.filter(isObject).map((requirement) =>
      Object.entries(requirement)
        .map(([name, scopes]) => {
          const list =
            Array.isArray(scopes) && scopes.length ? ` (${scopes.map(escapeHtml).join(", ")})` : "";
          return `<a href="#${anchor("auth", name)}">${code(name)}</a>${list}`;
        })
        .join(" and "),
    );
    return `<p class="auth">Authentication: ${alternatives.join(" or ")}</p>`;
  }

  private operation(method: string, path: string, operation: Json, pathItem: Json): string {
    const id = anchor("op", `${method}-${path}`);
    const deprecated = operation.deprecated === true ? ' <span class="deprecated">deprecated</span>' : "";
    return `<section class="op" id="${escapeHtml(id)}">
<h3><span class="method ${method}">${method.toUpperCase()}</span> ${code(path)}${deprecated}</h3>
${operation.summary ? `<p class="summary">${inline(operation.summary)}</p>` : ""}${prose(operation.description)}
${this.security(operation)}${this.parameters(operation, pathItem)}${this.requestBody(operation)}${this.responses(operation)}
</section>`;
  }

  private securitySchemes(): string {
    const schemes = (this.doc.components as Json | undefined)?.securitySchemes;
    if (!isObject(schemes) || Object.keys(schemes).length === 0) return "";
    const items = Object.entries(schemes).map(([name, raw]) => {
      const s = this.deref(raw).value ?? {};
      const how =
        s.type === "http"
          ? `HTTP ${escapeHtml(s.scheme)}${s.bearerFormat ? ` (${escapeHtml(s.bearerFormat)})` : ""}`
          : s.type === "apiKey"
            ? `API key in ${escapeHtml(s.in)} ${code(s.name)}`
            : s.type === "oauth2"
              ? `OAuth 2.0${
                  isObject(s.flows)
                    ? ` ${Object.entries(s.flows)
                        .map(
                          ([flow, f]) =>
                            `${escapeHtml(flow)}${isObject(f) && f.tokenUrl ? `, token URL ${code(f.tokenUrl)}` : ""}`,
                        )
                        .join("; ")}`
                    : ""
                }`
              : escapeHtml(s.type);
      return `<li id="${escapeHtml(anchor("auth", name))}">${code(name)}: ${how}${prose(s.description, "desc")}</li>`;
    });
    return `<h2 id="authentication">Authentication</h2><ul>${items.join("")}</ul>`;
  }

  private schemasSection(): string {
    const schemas = (this.doc.components as Json | undefined)?.schemas;
    if (!isObject(schemas) || Object.keys(schemas).length === 0) return "";
    const items = Object.keys(schemas)
      .sort()
      .map(
        (name) =>
          `<section class="schema" id="${escapeHtml(anchor("schema", name))}"><h3>${code(name)}</h3>${this.schema(schemas[name], 0, new Set([name]))}</section>`,
      );
    return `<h2 id="schemas">Schemas</h2>${items.join("")}`;
  }

  page(openapiPath: string): string {
    const info = isObject(this.doc.info) ? this.doc.info : {};
    const tagDescriptions = new Map<string, unknown>(
      (Array.isArray(this.doc.tags) ? this.doc.tags : [])
        .filter(isObject)
        .map((tag) => [String(tag.name), tag.description]),
    );
    const groups = new Map<string, { toc: string[]; sections: string[] }>();
    const paths = isObject(this.doc.paths) ? this.doc.paths : {};
    for (const [path, rawItem] of Object.entries(paths)) {
      const pathItem = this.deref(rawItem).value;
      if (!pathItem) continue;
      for (const method of METHODS) {
        const operation = pathItem[method];
        if (!isObject(operation)) continue;
        const tags =
          Array.isArray(operation.tags) && operation.tags.length ? operation.tags.map(String) : ["Other"];
        const tag = tags[0] as string;
        const group = groups.get(tag) ?? { toc: [], sections: [] };
        group.toc.push(
          `<li><a href="#${escapeHtml(anchor("op", `${method}-${path}`))}">${method.toUpperCase()} ${escapeHtml(path)}</a>${operation.summary ? ` — ${escapeHtml(operation.summary)}` : ""}</li>`,
        );
        group.sections.push(this.operation(method, path, operation, pathItem));
        groups.set(tag, group);
      }
    }
    const servers = (Array.isArray(this.doc.servers) ? this.doc.servers : [])
      .filter(isObject)
      .map((server) => `<li>${code(server.url)}${prose(server.description, "desc")}</li>`)
      .join("");
    const toc = [...groups.entries()]
      .map(
        ([tag, group]) =>
          `<li><a href="#${escapeHtml(anchor("tag", tag))}">${escapeHtml(tag)}</a><ul>${group.toc.join("")}</ul></li>`,
      )
      .join("");
    const operations = [...groups.entries()]
      .map(
        ([tag, group]) =>
          `<h2 id="${escapeHtml(anchor("tag", tag))}">${escapeHtml(tag)}</h2>${prose(tagDescriptions.get(tag))}${group.sections.join("")}`,
      )
      .join("");
    return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<title>${escapeHtml(info.title)}</title><style>
body{font:15px/1.5 system-ui,sans-serif;max-width:1000px;margin:2rem auto;padding:0 1rem;color:#1d2327}
code{font:13px ui-monospace,monospace;background:#f3f4f6;padding:1px 4px;border-radius:3px;overflow-wrap:anywhere}
a{color:#1d4ed8}h2{border-bottom:1px solid #dde1e6;padding-bottom:.2rem;margin-top:2.5rem}
.op,.schema{border:1px solid #dde1e6;border-radius:6px;padding:.5rem 1rem;margin:1rem 0}.summary{font-weight:600}
.method{font:700 12px ui-monospace,monospace;padding:2px 6px;border-radius:3px;color:#fff;background:#555}
.get{background:#2563eb}.post{background:#16a34a}.put,.patch{background:#d97706}.delete{background:#dc2626}
table{border-collapse:collapse;width:100%}td,th{border:1px solid #dde1e6;padding:4px 8px;text-align:left;vertical-align:top}
ul{padding-left:1.2rem}.type{color:#6b21a8}.req{color:#b91c1c;font-size:12px}.desc{color:#4b5563;margin:.2rem 0}
.deprecated{color:#b45309;font-size:12px}.media{margin:.3rem 0}.auth{font-size:14px}
</style></head><body>
<h1>${escapeHtml(info.title)} <small>${escapeHtml(info.version)}</small></h1>
${prose(info.description)}
<p>OpenAPI ${escapeHtml(this.doc.openapi)} document: <a href="${escapeHtml(openapiPath)}">${escapeHtml(openapiPath)}</a></p>
${servers ? `<h2 id="servers">Servers</h2><ul>${servers}</ul>` : ""}
${this.securitySchemes()}
<h2 id="contents">Operations</h2><ul>${toc || "<li>none</li>"}</ul>
${operations}
${this.schemasSection()}
</body></html>`;
  }
}

/**
 * A readable, self-contained HTML page from an OpenAPI document: no scripts, styles inline, nothing
 * fetched from elsewhere (it works offline, and its CSP forbids anything else). Every value from the
 * document is escaped.
 */
export function renderDocsPage(doc: object, openapiPath: string): string {
  return new DocsRenderer(doc as Json).page(openapiPath);
}
