import { createRoute, z } from "@hono/zod-openapi";
import type { Context } from "hono";
import type { EkycEnv } from "../../ekyc-env.ts";
import { Email, PhoneNumber } from "../../subjects/subject-pii.ts";
import { guarded } from "../scopes.ts";
import { testModeOnly } from "./test-mode-only.ts";

const OutboxQuery = z.object({
  to: z
    .union([PhoneNumber, Email])
    .optional()
    .openapi({ description: "Only messages to this number or address." }),
  limit: z.coerce.number().int().min(1).max(200).default(20),
});

const OutboxMessage = z.object({
  id: z.string(),
  channel: z.enum(["sms", "voice", "email"]),
  to: z.string(),
  subject: z.string().nullable(),
  body: z.string(),
  createdAt: z.string(),
});

export const route = createRoute({
  method: "get",
  path: "/dev/outbox",
  tags: ["Development sandbox"],
  summary: "Messages the sandbox sent (development only)",
  description:
    'SMS, voice-call transcripts and emails that test-mode keys "sent", newest first, for the caller\'s partner. Kept for 24 hours.',
  security: [{ ndtBearer: [] }],
  middleware: [...guarded(), testModeOnly] as const,
  request: { query: OutboxQuery },
  responses: {
    200: {
      description: "Newest first.",
      content: { "application/json": { schema: z.object({ data: z.array(OutboxMessage) }) } },
    },
  },
});

export const handler = async (c: Context<EkycEnv>) => {
  const query = (c.req as unknown as { valid(target: "query"): z.output<typeof OutboxQuery> }).valid("query");
  const principal = c.var.principal as NonNullable<typeof c.var.principal>;
  const data = await c.var.services.sandboxOutbox(principal.partnerId).list({
    limit: query.limit,
    ...(query.to ? { to: query.to } : {}),
  });
  return c.json({ data: data.map(({ idempotencyKey: _key, ...message }) => message) }, 200) as never;
};
