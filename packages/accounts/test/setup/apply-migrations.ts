import { applyD1Migrations, type D1Migration } from "cloudflare:test";
import { env } from "cloudflare:workers";

declare global {
  namespace Cloudflare {
    interface Env {
      ACCOUNTS: D1Database;
      UPLOADS: R2Bucket;
      AUTH_FAILURES: RateLimit;
      ENCRYPTION_KEYS: string;
      TOKEN_SIGNING_KEY: string;
      ADMIN_TOKEN: string;
      ACCOUNTS_MIGRATIONS: D1Migration[];
    }
  }
}

await applyD1Migrations(env.ACCOUNTS, env.ACCOUNTS_MIGRATIONS);
