import { applyD1Migrations, type D1Migration } from "cloudflare:test";
import { env } from "cloudflare:workers";

declare global {
  namespace Cloudflare {
    interface Env {
      ACCOUNTS_MIGRATIONS: D1Migration[];
      NFC_MIGRATIONS: D1Migration[];
    }
  }
}

await applyD1Migrations(env.ACCOUNTS, env.ACCOUNTS_MIGRATIONS);
await applyD1Migrations(env.DB, env.NFC_MIGRATIONS);
