// Holder keys of verification receipts (EdgeKYC extension `holderKey`), kept per authId in the subject's
// Durable Object storage, apart from the state machine's state, and erased with the object (deleteAll).
import type { HolderPublicJwk } from "@edgekyc/schemas";

const HOLDER_KEYS_KEY = "holderKeys";
/** A code lives minutes; its result's receipt is built when it ends. Older keys are dropped. */
const HOLDER_KEY_TTL_MS = 7 * 24 * 3600_000;
const HOLDER_KEYS_MAX = 50;
type HolderKeys = Record<string, { key: HolderPublicJwk; at: number }>;

export function bindHolderKey(
  storage: DurableObjectStorage,
  authId: string,
  key: HolderPublicJwk,
  now = Date.now(),
) {
  const kept = Object.entries(storage.kv.get<HolderKeys>(HOLDER_KEYS_KEY) ?? {})
    .filter(([id, entry]) => id !== authId && now - entry.at < HOLDER_KEY_TTL_MS)
    .sort(([, a], [, b]) => b.at - a.at)
    .slice(0, HOLDER_KEYS_MAX - 1);
  storage.kv.put(HOLDER_KEYS_KEY, Object.fromEntries([[authId, { key, at: now }], ...kept]));
}

export function holderKeyOf(storage: DurableObjectStorage, authId: string): HolderPublicJwk | null {
  return storage.kv.get<HolderKeys>(HOLDER_KEYS_KEY)?.[authId]?.key ?? null;
}
