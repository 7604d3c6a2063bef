import { matchRoute, type RouteEntry } from "./routes.ts";

interface RouterEnv {
  /** JSON: RouteEntry[], written by tools/dev/src/start.ts from every app's edgekyc.pathPrefixes. */
  ROUTES: string;
  /** The origin clients use (wrangler terminates TLS, so the Worker sees http). */
  PUBLIC_ORIGIN?: string;
  [binding: string]: unknown;
}

let parsed: { source: string; routes: RouteEntry[] } | undefined;

/**
 * Local development only: one origin in front of every app, forwarding by path prefix over service
 * bindings. Requests pass through untouched (method, headers, streamed body, URL).
 */
export default {
  async fetch(request: Request, env: RouterEnv): Promise<Response> {
    if (parsed?.source !== env.ROUTES) parsed = { source: env.ROUTES, routes: JSON.parse(env.ROUTES) };
    const url = new URL(request.url);
    if (url.pathname === "/") {
      const origin = env.PUBLIC_ORIGIN ?? url.origin;
      const apps = [...new Set(parsed.routes.map((route) => route.app))].map((app) => ({
        app,
        docs: `${origin}/docs/${app}`,
        openapi: `${origin}/docs/${app}/openapi.json`,
        prefixes: parsed?.routes.filter((route) => route.app === app).map((route) => route.prefix),
      }));
      return Response.json({ name: "EdgeKYC (local)", apps });
    }
    const route = matchRoute(parsed.routes, url.pathname);
    const target = route ? (env[route.binding] as Fetcher | undefined) : undefined;
    if (!route || !target) {
      return Response.json(
        {
          type: "https://edgekyc.dev/errors/not_found",
          title: "Not found",
          status: 404,
          detail: `no app serves ${url.pathname}`,
        },
        { status: 404, headers: { "content-type": "application/problem+json" } },
      );
    }
    return target.fetch(request);
  },
};
