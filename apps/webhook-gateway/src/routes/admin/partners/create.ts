import { adminAuth, CredentialsSchema, PartnerSchema } from "@edgekyc/accounts";
import { errorResponses } from "@edgekyc/platform";
import { MODES } from "@edgekyc/schemas";
import { createRoute, type RouteHandler, z } from "@hono/zod-openapi";
import type { GatewayEnv } from "../../../gateway-env.ts";
import { ADMIN_SECURITY } from "../admin-schemas.ts";

const CreatePartnerBody = z
  .strictObject({
    name: z.string().trim().min(1).max(200).openapi({ example: "Acme Lending" }),
    mode: z.enum(MODES).default("test").openapi({ description: "Mode of the keys issued now." }),
  })
  .openapi("CreatePartnerRequest");

const CreatedPartner = z
  .object({ partner: PartnerSchema, mode: z.enum(MODES), credentials: CredentialsSchema })
  .openapi("CreatedPartner");

export const route = createRoute({
  method: "post",
  path: "/admin/v1/partners",
  tags: ["Admin: partners"],
  summary: "Create a partner with credentials for every dialect",
  description:
    "Issues one key per dialect (MachineSense, iDenfy, Smile ID, Assure, NDT, EdgeKYC) in `mode`, all or nothing. The secrets are shown only in this response.",
  security: ADMIN_SECURITY,
  middleware: [adminAuth()] as const,
  request: { body: { required: true, content: { "application/json": { schema: CreatePartnerBody } } } },
  responses: {
    201: { description: "Created.", content: { "application/json": { schema: CreatedPartner } } },
    ...errorResponses("edgekyc", 401, 422, 429),
  },
});

export const handler: RouteHandler<typeof route, GatewayEnv> = async (c) => {
  const created = await c.var.services.accounts.partners.create(c.req.valid("json"));
  c.var.log.info("partner created", { partnerId: created.partner.id, mode: created.mode });
  return c.json(created, 201);
};
