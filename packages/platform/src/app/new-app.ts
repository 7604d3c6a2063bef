import type { Dialect } from "@edgekyc/schemas";
import { OpenAPIHono } from "@hono/zod-openapi";
import type { Context, MiddlewareHandler } from "hono";
import { bodyLimit } from "hono/body-limit";
import { HTTPException } from "hono/http-exception";
import type { z } from "zod";
import { ConfigError } from "../env.ts";
import { ApiError, type ErrorCode, type FieldIssue } from "../errors/api-error.ts";
import { renderError } from "../errors/render.ts";
import { newId } from "../ids.ts";
import { createLogger } from "../log.ts";
import { renderDocsPage } from "./docs-page.ts";
import { registerSecuritySchemes } from "./security-schemes.ts";
import type { AppEnv } from "./types.ts";

export interface NewAppOptions {
  /** The app's folder name; its docs live at /docs/<name>. */
  name: string;
  title: string;
  version: string;
  description: string;
  /** Error dialect of routes that do not set their own with `setDialect`. */
  dialect: Dialect;
  /** Bodies above this are refused with 413 before they are buffered (default 1 MiB). */
  maxBodyBytes?: number;
}

const INCOMING_REQUEST_ID = /^[A-Za-z0-9._:-]{8,128}$/;

export function zodIssues(error: z.ZodError): FieldIssue[] {
  return error.issues.map((issue) => ({
    path: issue.path.map(String).join(".") || "(body)",
    message: issue.message,
  }));
}

function describeIssues(issues: FieldIssue[]): string {
  const first = issues.slice(0, 3).map((issue) => `${issue.path}: ${issue.message}`);
  return `${first.join("; ")}${issues.length > 3 ? ` (and ${issues.length - 3} more)` : ""}`;
}

const HTTP_CODES: Record<number, ErrorCode> = {
  400: "bad_request",
  401: "unauthorized",
  403: "forbidden",
  404: "not_found",
  413: "payload_too_large",
  415: "unsupported_media_type",
  429: "rate_limited",
};

/**
 * The one way apps are built: request ids, a per-request logger, a body-size limit, zod failures and
 * thrown errors rendered in the route's dialect (never a stack trace), and OpenAPI docs at
 * /docs/<name>/openapi.json with a readable page at /docs/<name>.
 */
export function newApp<E extends AppEnv>(options: NewAppOptions): OpenAPIHono<E> {
  const app = new OpenAPIHono<E>({
    defaultHook: (result) => {
      if (!result.success) {
        const details = zodIssues(result.error as z.ZodError);
        const body = result.target === "json" || result.target === "form";
        throw new ApiError(
          body ? "validation_failed" : "bad_request",
          `invalid ${result.target}: ${describeIssues(details)}`,
          {
            details,
          },
        );
      }
    },
  });

  app.use("*", async (c, next) => {
    const started = Date.now();
    const incoming = c.req.header("x-request-id");
    const requestId = incoming && INCOMING_REQUEST_ID.test(incoming) ? incoming : newId("req");
    const log = createLogger({ app: options.name, requestId });
    c.set("requestId" as never, requestId as never);
    c.set("log" as never, log as never);
    c.set("dialect" as never, options.dialect as never);
    await next();
    c.res.headers.set("x-request-id", requestId);
    log.info("request", {
      method: c.req.method,
      route: c.req.routePath,
      status: c.res.status,
      durationMs: Date.now() - started,
    });
  });

  app.use(
    "*",
    bodyLimit({
      maxSize: options.maxBodyBytes ?? 1024 * 1024,
      onError: () => {
        throw new ApiError(
          "payload_too_large",
          `request body is larger than ${options.maxBodyBytes ?? 1024 * 1024} bytes`,
        );
      },
    }),
  );

  app.onError((error, c) => {
    const ctx = c as unknown as Context<AppEnv>;
    const dialect = ctx.get("dialect") ?? options.dialect;
    const requestId = ctx.get("requestId") ?? newId("req");
    const log = ctx.get("log") ?? createLogger({ app: options.name, requestId });
    if (error instanceof ApiError) return renderError(dialect, error, requestId);
    if (error instanceof HTTPException) {
      const code = HTTP_CODES[error.status] ?? (error.status >= 500 ? "internal" : "bad_request");
      // Hono's own messages (e.g. "Malformed JSON in request body") say what is wrong and hold no data.
      const message = error.status === 400 ? error.message || "malformed request" : error.message || code;
      return renderError(dialect, new ApiError(code, message), requestId);
    }
    if (error instanceof ConfigError) {
      log.error("configuration error", { error: error.message });
      return renderError(
        dialect,
        new ApiError("unavailable", "the service is not configured correctly"),
        requestId,
      );
    }
    log.error("unhandled error", { error: `${error.name}: ${error.message}`.slice(0, 500) });
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
  app.doc31(openapiPath, config);
  app.get(`/docs/${options.name}`, (c) =>
    c.html(renderDocsPage(app.getOpenAPI31Document(config) as never, openapiPath)),
  );
  return app;
}

/** Switches the error dialect for the routes after it (one Worker can speak two dialects). */
export function setDialect(dialect: Dialect): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    c.set("dialect", dialect);
    await next();
  };
}
