import { clientFacingUrl, matchRoute, type RouteEntry } from "./routes.ts";

interface RouterEnv {
  /** JSON: RouteEntry[], written by tools/dev/src/start.ts from every app's edgekyc.pathPrefixes. */
  ROUTES: string;
  /** The origin clients use; wrangler terminates TLS, so under --https the Worker sees http URLs. */
  PUBLIC_ORIGIN?: string;
  [binding: string]: unknown;
}

let parsed: { source: string; routes: RouteEntry[] } | undefined;

function problem(status: number, title: string, detail: string): Response {
  return Response.json(
    {
      type: `https://edgekyc.dev/errors/${status === 404 ? "not_found" : "bad_request"}`,
      title,
      status,
      detail,
    },
    { status, headers: { "content-type": "application/problem+json" } },
  );
}

/**
 * Local development only: one origin in front of every app, forwarding by longest path prefix over
 * service bindings. Requests pass through as they came (method, headers, streamed body, the URL the
 * client used); the app's response goes back untouched.
 */
export default {
  async fetch(request: Request, env: RouterEnv): Promise<Response> {
    if (parsed?.source !== env.ROUTES) parsed = { source: env.ROUTES, routes: JSON.parse(env.ROUTES) };
    const url = clientFacingUrl(request.url, env.PUBLIC_ORIGIN);
    if (url.pathname === "/") {
      if (request.method !== "GET" && request.method !== "HEAD") {
        return problem(405, "Method not allowed", "the index at / answers GET only");
      }
      const routes = parsed.routes;
      const apps = [...new Set(routes.map((route) => route.app))].map((app) => ({
        app,
        docs: `${url.origin}/docs/${app}`,
        openapi: `${url.origin}/docs/${app}/openapi.json`,
        prefixes: routes.filter((route) => route.app === app).map((route) => route.prefix),
      }));
      return Response.json({ name: "EdgeKYC (local development)", apps });
    }
    const route = matchRoute(parsed.routes, url.pathname);
    const target = route ? (env[route.binding] as Fetcher | undefined) : undefined;
    if (!route || !target) return problem(404, "Not found", `no app serves ${url.pathname}`);
    return target.fetch(url.href === request.url ? request : new Request(url, request));
  },

  /**
   * Cron events reach the primary Worker of `wrangler dev` (this router): hand each to every app, so
   * their scheduled work (the gateway's recovery of stranded deliveries) runs locally as it does deployed.
   * An app without a scheduled handler is skipped; any other failure is logged and ignored.
   */
  async scheduled(controller: ScheduledController, env: RouterEnv): Promise<void> {
    if (parsed?.source !== env.ROUTES) parsed = { source: env.ROUTES, routes: JSON.parse(env.ROUTES) };
    const bindings = [...new Set(parsed.routes.map((route) => route.binding))];
    await Promise.all(
      bindings.map(async (binding) => {
        // workerd's Fetcher.scheduled(), which these workers-types leave out.
        const target = env[binding] as
          | {
              scheduled(options: {
                cron: string;
                scheduledTime: Date;
              }): Promise<{ outcome: string } | undefined>;
            }
          | undefined;
        if (!target) return;
        try {
          const result = await target.scheduled({
            cron: controller.cron,
            scheduledTime: new Date(controller.scheduledTime),
          });
          // Across `wrangler dev` configs workerd may answer without a result; only a reported failure counts.
          if (result && result.outcome !== "ok")
            console.log(`[router] scheduled ${binding}: ${result.outcome}`);
        } catch (error) {
          const message = error instanceof Error ? error.message : String(error);
          if (!message.includes('does not implement the method "scheduled"')) {
            console.log(`[router] scheduled ${binding}: ${message}`);
          }
        }
      }),
    );
  },
};
