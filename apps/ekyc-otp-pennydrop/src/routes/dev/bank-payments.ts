import { createRoute, z } from "@hono/zod-openapi";
import type { Context } from "hono";
import type { EkycEnv } from "../../ekyc-env.ts";
import { D1SandboxBankStore } from "../../sandbox/d1-bank.ts";
import { guarded } from "../scopes.ts";
import { testModeOnly } from "./test-mode-only.ts";

const PaymentsParams = z.object({
  sortCode: z
    .string()
    .regex(/^\d{6}$/, "must be 6 digits")
    .openapi({ param: { name: "sortCode", in: "path" } }),
  accountNumber: z
    .string()
    .regex(/^\d{8}$/, "must be 8 digits")
    .openapi({ param: { name: "accountNumber", in: "path" } }),
});

const Payment = z.object({
  id: z.string(),
  amountPence: z.number().int(),
  reference: z.string(),
  payeeName: z.string(),
  createdAt: z.string(),
});

export const route = createRoute({
  method: "get",
  path: "/dev/bank/accounts/{sortCode}/{accountNumber}/payments",
  tags: ["Development sandbox"],
  summary: "Incoming payments of a sandbox account (development only)",
  description: "What the customer would see on their statement: a penny drop's code is in the reference.",
  security: [{ ndtBearer: [] }],
  middleware: [...guarded(), testModeOnly] as const,
  request: {
    params: PaymentsParams,
    query: z.object({ limit: z.coerce.number().int().min(1).max(200).default(20) }),
  },
  responses: {
    200: {
      description: "Newest first.",
      content: { "application/json": { schema: z.object({ data: z.array(Payment) }) } },
    },
  },
});

export const handler = async (c: Context<EkycEnv>) => {
  const { sortCode, accountNumber } = c.req.param() as { sortCode: string; accountNumber: string };
  const limit = Number(c.req.query("limit") ?? 20);
  const principal = c.var.principal as NonNullable<typeof c.var.principal>;
  const store = new D1SandboxBankStore(c.var.services.db, c.var.services.cipher, principal.partnerId);
  const payments = await store.listPayments({ sortCode, accountNumber, limit });
  return c.json(
    {
      data: payments.map((p) => ({
        id: p.id,
        amountPence: p.amountPence,
        reference: p.reference,
        payeeName: p.payeeName,
        createdAt: p.createdAt,
      })),
    },
    200,
  ) as never;
};
