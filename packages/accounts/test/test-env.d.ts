// The bindings packages/accounts' vitest config gives the tests.
declare namespace Cloudflare {
  interface Env {
    ACCOUNTS: D1Database;
    AUTH_FAILURES: RateLimit;
    ENCRYPTION_KEYS: string;
    TOKEN_SIGNING_KEY: string;
    ADMIN_TOKEN: string;
  }
}
