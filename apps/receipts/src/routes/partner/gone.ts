import { z } from "@hono/zod-openapi";
import type { Context } from "hono";
import type { ReceiptsEnv } from "../../receipts-env.ts";

/**
 * RFC 9457 body of 410 Gone: the platform's error codes stop at 404, and a receipt that was fetched,
 * expired or erased is not "not found" (its metadata still is), so this route answers 410 itself.
 */
export const GoneProblem = z
  .object({
    type: z.literal("https://edgekyc.dev/errors/gone"),
    title: z.literal("Gone"),
    status: z.literal(410),
    code: z.literal("gone"),
    detail: z.string(),
    requestId: z.string(),
  })
  .openapi("GoneProblem", { description: "RFC 9457 problem details: the resource existed and is no more." });

export function gone(c: Context<ReceiptsEnv>, detail: string): Response {
  const body: z.infer<typeof GoneProblem> = {
    type: "https://edgekyc.dev/errors/gone",
    title: "Gone",
    status: 410,
    code: "gone",
    detail,
    requestId: c.var.requestId,
  };
  return new Response(JSON.stringify(body), {
    status: 410,
    headers: { "content-type": "application/problem+json", "cache-control": "no-store" },
  });
}
