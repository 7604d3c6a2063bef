import { adminAuth, getAccounts } from "@edgekyc/platform/accounts";
import { createRoute, type RouteHandler, z } from "@hono/zod-openapi";
import type { GatewayEnv } from "../../../gateway-env.ts";
import { problemResponses } from "../../partner-api.ts";
import { Credentials, Partner } from "../admin-schemas.ts";

export const route = createRoute({
  method: "post",
  path: "/admin/v1/partners",
  tags: ["Admin: partners"],
  summary: "Create a partner with credentials for every dialect",
  security: [{ adminToken: [] }],
  middleware: [adminAuth()] as const,
  request: {
    body: {
      required: true,
      content: {
        "application/json": {
          schema: z.strictObject({
            name: z.string().trim().min(1).max(200),
            mode: z.enum(["test", "live"]).default("test"),
          }),
        },
      },
    },
  },
  responses: {
    201: {
      description: "Created. The secrets in `credentials` are shown only now.",
      content: {
        "application/json": {
          schema: z.object({ partner: Partner, mode: z.enum(["test", "live"]), credentials: Credentials }),
        },
      },
    },
    ...problemResponses(400, 401, 422, 429),
  },
});

export const handler: RouteHandler<typeof route, GatewayEnv> = async (c) => {
  const body = c.req.valid("json");
  const created = await (await getAccounts(c.env)).createPartner(body);
  c.get("log").info("partner created", { partnerId: created.partner.id, mode: created.mode });
  // Each dialect's credential fields are fixed by issueKey; the repository types them loosely.
  return c.json({ ...created, credentials: created.credentials as z.infer<typeof Credentials> }, 201);
};
