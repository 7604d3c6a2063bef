import { AccountHolderName } from "@edgekyc/provider-clients";
import { createRoute, z } from "@hono/zod-openapi";
import type { Context } from "hono";
import type { EkycEnv } from "../../ekyc-env.ts";
import { D1SandboxBankStore } from "../../sandbox/d1-bank.ts";
import { guarded } from "../scopes.ts";
import { testModeOnly } from "./test-mode-only.ts";

const BankAccountBody = z
  .strictObject({
    sortCode: z
      .string()
      .regex(/^\d{2}-?\d{2}-?\d{2}$/, "must be 6 digits")
      .transform((value) => value.replaceAll("-", "")),
    accountNumber: z.string().regex(/^\d{8}$/, "must be 8 digits"),
    holderName: AccountHolderName,
  })
  .openapi("SandboxBankAccount");

export const route = createRoute({
  method: "post",
  path: "/dev/bank/accounts",
  tags: ["Development sandbox"],
  summary: "Open a sandbox bank account (development only)",
  description:
    "The sandbox bank answers Confirmation of Payee from these holder names and takes the penny drops. Pick a sort code and account number that pass the modulus check (e.g. 200915 41011166).",
  security: [{ ndtBearer: [] }],
  middleware: [...guarded(), testModeOnly] as const,
  request: { body: { required: true, content: { "application/json": { schema: BankAccountBody } } } },
  responses: {
    201: {
      description: "Opened (or its holder name replaced).",
      content: {
        "application/json": {
          schema: z.object({ sortCode: z.string(), accountNumber: z.string(), holderName: z.string() }),
        },
      },
    },
  },
});

export const handler = async (c: Context<EkycEnv>) => {
  const body = (c.req as unknown as { valid(target: "json"): z.output<typeof BankAccountBody> }).valid(
    "json",
  );
  const principal = c.var.principal as NonNullable<typeof c.var.principal>;
  const store = new D1SandboxBankStore(c.var.services.db, c.var.services.cipher, principal.partnerId);
  const account = await store.createAccount({ ...body, createdAt: new Date().toISOString() });
  return c.json(
    { sortCode: account.sortCode, accountNumber: account.accountNumber, holderName: account.holderName },
    201,
  ) as never;
};
