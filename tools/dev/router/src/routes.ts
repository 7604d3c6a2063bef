/** One public path prefix and the service binding of the app that serves it. */
export interface RouteEntry {
  prefix: string;
  binding: string;
  app: string;
}

/** Whether `path` falls under `prefix` ("/admin/" covers "/admin/v1"; "/docs/x" covers "/docs/x/openapi.json"). */
export function underPrefix(path: string, prefix: string): boolean {
  if (prefix.endsWith("/")) return path.startsWith(prefix) || path === prefix.slice(0, -1);
  return path === prefix || path.startsWith(`${prefix}/`);
}

/** The route with the longest matching prefix, so a more specific app wins. */
export function matchRoute(routes: readonly RouteEntry[], path: string): RouteEntry | undefined {
  let best: RouteEntry | undefined;
  for (const route of routes) {
    if (underPrefix(path, route.prefix) && (!best || route.prefix.length > best.prefix.length)) best = route;
  }
  return best;
}

/**
 * The URL as the client sent it. wrangler serves --https by terminating TLS in front of workerd, so the
 * Worker sees `http:`; the scheme of the public origin is put back (host and port are the client's own,
 * e.g. localhost instead of 127.0.0.1, and stay).
 */
export function clientFacingUrl(requestUrl: string, publicOrigin: string | undefined): URL {
  const url = new URL(requestUrl);
  if (publicOrigin) {
    const scheme = new URL(publicOrigin).protocol;
    if (url.protocol !== scheme) url.protocol = scheme;
  }
  return url;
}
