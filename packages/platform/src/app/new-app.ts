import type { Dialect } from "@edgekyc/schemas";
import { OpenAPIHono } from "@hono/zod-openapi";
import type { Context, MiddlewareHandler } from "hono";
import { bodyLimit } from "hono/body-limit";
import { HTTPException } from "hono/http-exception";
import { matchedRoutes } from "hono/route";
import { parseAccept } from "hono/utils/accept";
import type { z } from "zod";
import { ApiError, type ErrorCode, type FieldIssue } from "../errors/api-error.ts";
import { ConfigError } from "../errors/config-error.ts";
import { renderError } from "../errors/render.ts";
import { newId } from "../ids.ts";
import { createLogger, writeAccessLog } from "../log.ts";
import { renderDocsPage } from "./docs-page.ts";
import { registerSecuritySchemes, withUsedSecuritySchemes } from "./security-schemes.ts";
import type { AppEnv, ServicesFactory } from "./types.ts";

export interface NewAppOptions<E extends AppEnv = AppEnv> {
  /** The app's folder name; its docs live at /docs/<name>. */
  name: string;
  title: string;
  version: string;
  description: string;
  /** Error dialect of routes that do not set their own with `setDialect`. */
  dialect: Dialect;
  /** Bodies above this are refused with 413 before they are buffered (default 1 MiB). */
  maxBodyBytes?: number;
  /**
   * Builds `c.var.services` for every request (not for the docs routes); export the same factory for
   * the Worker's queue and scheduled handlers. A thrown ConfigError answers 503 in the route's dialect.
   */
  services?: ServicesFactory<E["Bindings"], E["Variables"]["services"]>;
}

/** Routes under /dev/ answer only where ENVIRONMENT is "development", and are left out of the OpenAPI document. */
export const DEVELOPMENT_PATH_PREFIX = "/dev/";

export const DEFAULT_MAX_BODY_BYTES = 1024 * 1024;

/** An incoming X-Request-Id is kept only when it cannot inject anything into headers, logs or bodies. */
const INCOMING_REQUEST_ID = /^[A-Za-z0-9._:-]{8,128}$/;

/** The docs page needs nothing but its own inline styles. */
const DOCS_PAGE_CSP = "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'";

const JSON_MEDIA_TYPE = /^application\/([\w.-]+\+)?json$/i;
const FORM_MEDIA_TYPES = new Set(["multipart/form-data", "application/x-www-form-urlencoded"]);

/** Zod issues as field issues: the path joined with ".", or the validated part's name at its root. */
export function zodIssues(error: z.ZodError, root = "(body)"): FieldIssue[] {
  return error.issues.map((issue) => ({
    path: issue.path.map(String).join(".") || root,
    message: issue.message,
  }));
}

function describeIssues(issues: FieldIssue[]): string {
  const first = issues.slice(0, 3).map((issue) => `${issue.path}: ${issue.message}`);
  return `${first.join("; ")}${issues.length > 3 ? ` (and ${issues.length - 3} more)` : ""}`;
}

const TARGET_NAMES: Record<string, string> = {
  json: "body",
  form: "form body",
  query: "query",
  param: "path parameter",
  header: "header",
  cookie: "cookie",
};

/** Hono's own HTTPExceptions (malformed JSON, a middleware's 401) mapped onto the closed code set. */
const HTTP_CODES: Record<number, ErrorCode> = {
  400: "bad_request",
  401: "unauthorized",
  403: "forbidden",
  404: "not_found",
  409: "conflict",
  413: "payload_too_large",
  415: "unsupported_media_type",
  422: "validation_failed",
  429: "rate_limited",
  503: "unavailable",
};

function mediaType(c: Context): string {
  return (c.req.header("content-type") ?? "").split(";")[0]?.trim().toLowerCase() ?? "";
}

/**
 * The route pattern that handled the request ("/things/:id"), never the URL: paths can carry personal
 * data, and patterns group well in the logs. Middleware (`use`) entries are skipped.
 */
function handlerPattern(c: Context): string {
  const routes = matchedRoutes(c);
  for (let i = routes.length - 1; i >= 0; i--) {
    const route = routes[i];
    if (route && route.method !== "ALL") return route.path;
  }
  return "(no route)";
}

function setRequestIdHeader(c: Context, requestId: string): void {
  try {
    c.res.headers.set("x-request-id", requestId);
  } catch {
    // Responses passed through from fetch() have immutable headers.
    c.res = new Response(c.res.body, c.res);
    c.res.headers.set("x-request-id", requestId);
  }
}

/**
 * The client's own Accept-Encoding. Workers see a normalised header (on Cloudflare, and locally Miniflare
 * sets `br, gzip`); the original is kept in `request.cf.clientAcceptEncoding` when it was replaced.
 */
function clientAcceptsGzip(c: Context): boolean {
  const cf = (c.req.raw as Request<unknown, IncomingRequestCfProperties>).cf;
  const header =
    typeof cf?.clientAcceptEncoding === "string" ? cf.clientAcceptEncoding : c.req.header("accept-encoding");
  return parseAccept(header ?? "").some((coding) => coding.type.toLowerCase() === "gzip" && coding.q > 0);
}

async function gzip(bytes: Uint8Array): Promise<Uint8Array> {
  const stream = new Blob([bytes]).stream().pipeThrough(new CompressionStream("gzip"));
  return new Uint8Array(await new Response(stream).arrayBuffer());
}

/**
 * A response body that never changes while the isolate lives (the docs): encoded, gzipped and hashed
 * once, then served with an ETag (a matching If-None-Match answers 304 without a body). A client that
 * accepts gzip gets the stored gzip bytes, so no request pays for compressing them; the others get the
 * plain bytes.
 */
class CachedBody {
  private readonly bytes: Uint8Array;
  private prepared?: Promise<{ etag: string; gzipped: Uint8Array; gzipEtag: string }>;

  constructor(text: string) {
    this.bytes = new TextEncoder().encode(text);
  }

  private prepare() {
    this.prepared ??= (async () => {
      const digest = new Uint8Array(await crypto.subtle.digest("SHA-256", this.bytes));
      const hex = Array.from(digest.subarray(0, 12), (b) => b.toString(16).padStart(2, "0")).join("");
      // Two representations, two strong validators.
      return { etag: `"${hex}"`, gzipped: await gzip(this.bytes), gzipEtag: `"${hex}-gzip"` };
    })();
    return this.prepared;
  }

  async respond(c: Context, headers: Record<string, string>): Promise<Response> {
    const { etag, gzipped, gzipEtag } = await this.prepare();
    const useGzip = clientAcceptsGzip(c);
    // no-cache: clients keep the body and revalidate it with the ETag (a deploy changes it).
    const validators = {
      etag: useGzip ? gzipEtag : etag,
      "cache-control": "no-cache",
      vary: "accept-encoding",
    };
    const match = c.req.header("if-none-match");
    if (match?.split(",").some((tag) => [etag, gzipEtag].includes(tag.trim().replace(/^W\//, "")))) {
      return new Response(null, { status: 304, headers: validators });
    }
    if (!useGzip) return new Response(this.bytes, { status: 200, headers: { ...headers, ...validators } });
    // encodeBody "manual": the bytes are gzip already; the runtime sends them as they are.
    return new Response(gzipped, {
      status: 200,
      headers: { ...headers, ...validators, "content-encoding": "gzip" },
      encodeBody: "manual",
    });
  }
}

/**
 * The one way apps are built: request ids, a per-request logger, a body-size limit, zod failures and
 * thrown errors rendered in the route's dialect (never a stack trace), and OpenAPI docs at
 * /docs/<name>/openapi.json with a readable page at /docs/<name>.
 */
export function newApp<E extends AppEnv>(options: NewAppOptions<E>): OpenAPIHono<E> {
  const maxBodyBytes = options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
  const docsPath = `/docs/${options.name}`;
  const app = new OpenAPIHono<E>({
    defaultHook: (result, c) => {
      if (result.success) return;
      const target = String(result.target);
      // A required body sent as something else validates as `{}`; say what is actually wrong.
      if (target === "json" && !JSON_MEDIA_TYPE.test(mediaType(c))) {
        throw new ApiError("unsupported_media_type", "Content-Type must be application/json");
      }
      if (target === "form" && !FORM_MEDIA_TYPES.has(mediaType(c))) {
        throw new ApiError(
          "unsupported_media_type",
          "Content-Type must be multipart/form-data or application/x-www-form-urlencoded",
        );
      }
      const name = TARGET_NAMES[target] ?? target;
      const details = zodIssues(result.error as z.ZodError, `(${name})`);
      throw new ApiError(
        target === "json" || target === "form" ? "validation_failed" : "bad_request",
        `invalid ${name}: ${describeIssues(details)}`,
        { details },
      );
    },
  });

  app.use("*", async (c, next) => {
    const started = Date.now();
    const incoming = c.req.header("x-request-id");
    const requestId = incoming && INCOMING_REQUEST_ID.test(incoming) ? incoming : newId("req");
    const log = createLogger({ app: options.name, requestId });
    const ctx = c as unknown as Context<AppEnv>;
    ctx.set("requestId", requestId);
    ctx.set("log", log);
    ctx.set("dialect", options.dialect);
    await next();
    setRequestIdHeader(c, requestId);
    // The access log: no URL, query, headers or body, which may all carry personal data or credentials.
    writeAccessLog({
      app: options.name,
      requestId,
      method: c.req.method,
      route: handlerPattern(c),
      status: c.res.status,
      durationMs: Date.now() - started,
    });
  });

  // A separate middleware, so that what it throws is rendered by onError and still access-logged above.
  app.use("*", async (c, next) => {
    if (c.req.path.startsWith(DEVELOPMENT_PATH_PREFIX) && !isDevelopment(c.env)) {
      throw new ApiError("not_found", `no route for ${c.req.method} ${c.req.path}`);
    }
    if (options.services && !c.req.path.startsWith(docsPath)) {
      const ctx = c as unknown as Context<AppEnv>;
      ctx.set("services", await options.services(c.env, ctx.var.log));
    }
    await next();
  });

  // Hono's bodyLimit refuses by Content-Length without reading, and otherwise counts the stream as it
  // reads and stops at the limit, so at most maxBodyBytes are ever buffered.
  app.use(
    "*",
    bodyLimit({
      maxSize: maxBodyBytes,
      onError: () => {
        throw new ApiError("payload_too_large", `request body is larger than ${maxBodyBytes} bytes`);
      },
    }),
  );

  app.onError((error, c) => {
    const ctx = c as unknown as Context<AppEnv>;
    const dialect = ctx.get("dialect") ?? options.dialect;
    const requestId = ctx.get("requestId") ?? newId("req");
    const log = ctx.get("log") ?? createLogger({ app: options.name, requestId });
    if (error instanceof ApiError) {
      if (error.status >= 500) log.error("request failed", { error: error.message, errorCode: error.code });
      return renderError(dialect, error, requestId);
    }
    if (error instanceof HTTPException) {
      const code = HTTP_CODES[error.status] ?? (error.status >= 500 ? "internal" : "bad_request");
      // Hono's own messages (e.g. "Malformed JSON in request body") say what is wrong and hold no data.
      const message =
        error.status === 415
          ? `unsupported Content-Type; the route's request body media types are in /docs/${options.name}`
          : error.status < 500 && error.message
            ? error.message
            : code.replace(/_/g, " ");
      return renderError(dialect, new ApiError(code, message), requestId);
    }
    if (error instanceof ConfigError) {
      log.error("configuration error", { error: error.message });
      return renderError(
        dialect,
        new ApiError("unavailable", "the service is not configured correctly; quote the request id"),
        requestId,
      );
    }
    log.error("unhandled error", { error });
    return renderError(
      dialect,
      new ApiError("internal", "internal error; quote the request id when reporting it"),
      requestId,
    );
  });

  app.notFound((c) => {
    const ctx = c as unknown as Context<AppEnv>;
    const error = new ApiError("not_found", `no route for ${c.req.method} ${c.req.path}`);
    return renderError(ctx.get("dialect") ?? options.dialect, error, ctx.get("requestId") ?? newId("req"));
  });

  registerSecuritySchemes(app);
  const openapiPath = `/docs/${options.name}/openapi.json`;
  const config = {
    openapi: "3.1.0",
    info: { title: options.title, version: options.version, description: options.description },
  };
  // Built on first use, after the app's routes are registered, and kept with its JSON text: building
  // it walks every schema (the bulk of a docs request's CPU). A route registered later rebuilds it.
  let cached:
    | { definitions: number; document: OpenApiDocument; json: CachedBody; page?: CachedBody }
    | undefined;
  const openApiDocument = () => {
    const definitions = app.openAPIRegistry.definitions.length;
    if (cached?.definitions !== definitions) {
      const document = withUsedSecuritySchemes(withoutDevelopmentPaths(app.getOpenAPI31Document(config)));
      cached = { definitions, document, json: new CachedBody(JSON.stringify(document)) };
    }
    return cached;
  };
  app.get(openapiPath, (c) =>
    openApiDocument().json.respond(c, { "content-type": "application/json; charset=UTF-8" }),
  );
  app.get(`/docs/${options.name}`, (c) => {
    const docs = openApiDocument();
    docs.page ??= new CachedBody(renderDocsPage(docs.document, openapiPath));
    return docs.page.respond(c, {
      "content-type": "text/html; charset=UTF-8",
      "content-security-policy": DOCS_PAGE_CSP,
    });
  });
  return app;
}

function isDevelopment(env: unknown): boolean {
  return (env as { ENVIRONMENT?: string } | undefined)?.ENVIRONMENT === "development";
}

type OpenApiDocument = ReturnType<OpenAPIHono["getOpenAPI31Document"]>;

function withoutDevelopmentPaths(document: OpenApiDocument): OpenApiDocument {
  const paths = Object.entries(document.paths ?? {}).filter(
    ([path]) => !path.startsWith(DEVELOPMENT_PATH_PREFIX),
  );
  return { ...document, paths: Object.fromEntries(paths) };
}

/** Switches the error dialect for the routes after it (one Worker can speak two dialects). */
export function setDialect(dialect: Dialect): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    c.set("dialect", dialect);
    await next();
  };
}
