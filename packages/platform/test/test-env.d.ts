// The bindings packages/platform's vitest config gives the tests.
declare namespace Cloudflare {
  interface Env {
    UPLOADS: R2Bucket;
    ENCRYPTION_KEYS: string;
  }
}
