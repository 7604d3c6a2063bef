import type { MiddlewareHandler } from "hono";
import type { LivenessEnv } from "../../liveness-env.ts";

/**
 * The SDK's upload request names the partner `smile_client_id`, not `partner_id` (smile-identity-core
 * 3.2.1, checked on the wire), while the platform's smileIdAuth reads `partner_id`. Before auth, a body
 * with only `smile_client_id` gets it copied to `partner_id`; the signature still has to match it. The
 * body was already bounded by the app's body limit.
 */
export function smileClientIdAsPartnerId(): MiddlewareHandler<LivenessEnv> {
  return async (c, next) => {
    let body: unknown;
    try {
      body = await c.req.raw.clone().json();
    } catch {
      return next();
    }
    if (body && typeof body === "object" && !Array.isArray(body)) {
      const record = body as Record<string, unknown>;
      if (record.partner_id === undefined && typeof record.smile_client_id === "string") {
        c.req.raw = new Request(c.req.raw, {
          body: JSON.stringify({ ...record, partner_id: record.smile_client_id }),
        });
      }
    }
    await next();
  };
}
