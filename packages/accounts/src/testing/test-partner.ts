import { env } from "cloudflare:workers";
import type { Dialect, EventSource, Mode } from "@edgekyc/schemas";
import { eq } from "drizzle-orm";
import type { Credentials } from "../credentials.ts";
import { getAccounts } from "../repository/accounts.ts";
import { accountsDb } from "../repository/accounts-db.ts";
import { apiKeys } from "../schema.ts";
import type { PartnerView } from "../views.ts";

type AccountsEnv = { ACCOUNTS: D1Database; ENCRYPTION_KEYS: string };
const accountsEnv = () => env as unknown as AccountsEnv;

export interface TestPartner {
  partner: PartnerView;
  mode: Mode;
  /** One credential per dialect, in the dialect's own field names. */
  credentials: Credentials;
  /** Revokes the partner's keys of one dialect (at once, in every isolate of the test). */
  revoke(dialect: Dialect): Promise<void>;
  /** Gives the partner's key of `dialect` only these scopes (a key for another capability). */
  setScopes(dialect: Dialect, scopes: EventSource[]): Promise<void>;
}

/** A new partner in the test's ACCOUNTS database, with credentials for every dialect. */
export async function createTestPartner(options: { name?: string; mode?: Mode } = {}): Promise<TestPartner> {
  const accounts = await getAccounts(accountsEnv());
  const created = await accounts.partners.create({
    name: options.name ?? "Test Partner Ltd",
    mode: options.mode ?? "test",
  });
  const keyOf = async (dialect: Dialect) => {
    const key = (await accounts.keys.list(created.partner.id)).find((k) => k.dialect === dialect);
    if (!key) throw new Error(`the test partner has no ${dialect} key`);
    return key;
  };
  return {
    ...created,
    revoke: async (dialect) => {
      await accounts.keys.revoke(created.partner.id, (await keyOf(dialect)).id);
    },
    setScopes: async (dialect, scopes) => {
      const key = await keyOf(dialect);
      await accountsDb(accountsEnv().ACCOUNTS).update(apiKeys).set({ scopes }).where(eq(apiKeys.id, key.id));
    },
  };
}

let address = 0;
/** A client address of its own per call, so one test's failed attempts never rate-limit another's. */
export function freshClientAddress(): string {
  address += 1;
  return `2001:db8:7e57::${address.toString(16)}`;
}
