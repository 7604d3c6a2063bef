import { ApiError, errorResponses } from "@edgekyc/platform";
import { STATUS_LIST_MEDIA_TYPE, signStatusList } from "@edgekyc/receipts";
import { createRoute, type RouteHandler, z } from "@hono/zod-openapi";
import { and, eq } from "drizzle-orm";
import { receipts } from "../../db/schema.ts";
import { STATUS_LISTS } from "../../issuing/status-slots.ts";
import type { ReceiptsEnv } from "../../receipts-env.ts";

const ListParam = z.object({
  list: z
    .string()
    .regex(/^(0|[1-9][0-9]{0,2})$/, "must be a status list number")
    .openapi({ param: { name: "list", in: "path" }, example: "0" }),
});

export const route = createRoute({
  method: "get",
  path: "/receipts/statuslists/{list}",
  tags: ["Verifiers"],
  summary: "Token Status List",
  description: `A signed status list (IETF Token Status List draft): one bit per receipt, 1 = revoked, ZLIB-compressed. Each receipt names its list and entry in \`status.status_list\`. There are ${STATUS_LISTS} lists (0 to ${STATUS_LISTS - 1}).`,
  request: { params: ListParam },
  responses: {
    200: {
      description: "The status list token (`typ: statuslist+jwt`), signed by the issuer's current key.",
      content: { [STATUS_LIST_MEDIA_TYPE]: { schema: z.string() } },
    },
    ...errorResponses("edgekyc", 400, 404, 429),
  },
});

export const handler: RouteHandler<typeof route, ReceiptsEnv> = async (c) => {
  const services = c.var.services;
  const list = Number(c.req.valid("param").list);
  if (list >= STATUS_LISTS) {
    throw new ApiError(
      "not_found",
      `there are ${STATUS_LISTS} status lists (0 to ${STATUS_LISTS - 1}); ${list} is not one`,
    );
  }
  const revoked = await services.db
    .select({ idx: receipts.statusIdx })
    .from(receipts)
    .where(and(eq(receipts.statusList, list), eq(receipts.status, "revoked")));
  const ttl = services.config.STATUS_LIST_TTL_SECONDS;
  const token = await signStatusList(services.keys.signing, {
    uri: services.urls.statusList(list),
    invalid: revoked.map((row) => row.idx),
    issuedAt: Math.floor(services.now() / 1000),
    ttlSeconds: ttl,
  });
  return c.body(token, 200, {
    "content-type": STATUS_LIST_MEDIA_TYPE,
    "cache-control": `public, max-age=${ttl}`,
    "access-control-allow-origin": "*",
  });
};
