/**
 * How long an isolate trusts what it read about a key. A revocation or rotation takes effect at once in
 * the isolate that made it (it drops the partner's entries) and within this time everywhere else.
 */
export const AUTH_CACHE_TTL_MS = 30_000;

/** Bounded so that a flood of distinct lookups cannot grow an isolate's memory without limit. */
const MAX_ENTRIES = 5_000;

interface Entry<V> {
  value: V;
  partnerId: string;
  until: number;
}

/**
 * Per-isolate cache of key records found in D1. Only records that exist are cached, and every request
 * still checks the secret, the expiry and the revocation against the cached record, so a cached entry
 * can never turn a failure into a success.
 */
export class AuthCache<V> {
  private readonly entries = new Map<string, Entry<V>>();

  get(key: string, now: number): V | undefined {
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    if (entry.until <= now) {
      this.entries.delete(key);
      return undefined;
    }
    return entry.value;
  }

  set(key: string, partnerId: string, value: V, now: number): void {
    if (this.entries.size >= MAX_ENTRIES) {
      // Maps iterate in insertion order: drop the oldest entry.
      const oldest = this.entries.keys().next().value;
      if (oldest !== undefined) this.entries.delete(oldest);
    }
    this.entries.set(key, { value, partnerId, until: now + AUTH_CACHE_TTL_MS });
  }

  /** Forgets everything about a partner (after a revocation, rotation or erasure in this isolate). */
  forgetPartner(partnerId: string): void {
    for (const [key, entry] of this.entries) if (entry.partnerId === partnerId) this.entries.delete(key);
  }

  clear(): void {
    this.entries.clear();
  }
}
