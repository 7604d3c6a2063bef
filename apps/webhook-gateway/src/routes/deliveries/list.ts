import { edgekycKeyAuth } from "@edgekyc/accounts";
import { errorResponses, ID_PREFIXES, pageQuery, pageResponse, toPage } from "@edgekyc/platform";
import { createRoute, type RouteHandler, z } from "@hono/zod-openapi";
import { and, desc, eq, gte, lt } from "drizzle-orm";
import * as schema from "../../db/schema.ts";
import type { GatewayEnv } from "../../gateway-env.ts";
import { partnerPrincipal } from "../partner-api.ts";
import { Delivery, DeliveryStatus } from "./delivery-schemas.ts";
import { selectDeliveries, toDeliveryView } from "./delivery-view.ts";

const { deliveries } = schema;

export const route = createRoute({
  method: "get",
  path: "/webhooks/v1/deliveries",
  tags: ["Deliveries"],
  summary: "List deliveries",
  description: "Newest first. Filter by status to find undelivered results.",
  security: [{ partnerKey: [] }],
  middleware: [edgekycKeyAuth()] as const,
  request: {
    query: pageQuery(ID_PREFIXES.delivery, 20).extend({
      status: DeliveryStatus.optional(),
      since: z.iso.datetime({ offset: true }).optional().openapi({ description: "Created at or after." }),
    }),
  },
  responses: {
    ...pageResponse(Delivery, "A page of deliveries."),
    ...errorResponses("edgekyc", 400, 401, 429),
  },
});

export const handler: RouteHandler<typeof route, GatewayEnv> = async (c) => {
  const principal = partnerPrincipal(c);
  const query = c.req.valid("query");
  const rows = await selectDeliveries(c.var.services.db)
    .where(
      and(
        eq(deliveries.partnerId, principal.partnerId),
        eq(deliveries.mode, principal.mode),
        query.status ? eq(deliveries.status, query.status) : undefined,
        query.since ? gte(deliveries.createdAt, Date.parse(query.since)) : undefined,
        query.cursor ? lt(deliveries.id, query.cursor) : undefined,
      ),
    )
    .orderBy(desc(deliveries.id))
    .limit(query.limit + 1);
  const page = toPage(
    rows,
    query.limit,
    (row) => row.delivery.id,
    (row) => toDeliveryView(row.delivery, row.event),
  );
  return c.json({ data: page.items, nextCursor: page.nextCursor }, 200);
};
