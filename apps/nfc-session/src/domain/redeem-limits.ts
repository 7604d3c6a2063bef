// Init-code guessing limits. A fixed window per subject (one client network, and everyone together):
// failures are counted; at the limit the subject is locked for one window. Kept in a Durable Object per
// subject (RedeemGuardObject), so every isolate sees the same count.
import ipaddr from "ipaddr.js";

export interface RedeemLimit {
  maxFailures: number;
  windowMs: number;
}

export interface GuardState {
  windowStart: number;
  failures: number;
  lockedUntil: number;
}

export const EMPTY_GUARD: GuardState = { windowStart: 0, failures: 0, lockedUntil: 0 };

/** Milliseconds until the lock lifts; 0 when not locked. */
export function lockRemainingMs(state: GuardState, now: number): number {
  return Math.max(0, state.lockedUntil - now);
}

export function recordFailure(state: GuardState, limit: RedeemLimit, now: number): GuardState {
  const fresh = now - state.windowStart >= limit.windowMs;
  const next = {
    windowStart: fresh ? now : state.windowStart,
    failures: (fresh ? 0 : state.failures) + 1,
    lockedUntil: state.lockedUntil,
  };
  if (next.failures >= limit.maxFailures) next.lockedUntil = Math.max(next.lockedUntil, now + limit.windowMs);
  return next;
}

/**
 * The subject a client address is counted under: the address itself for IPv4, its /64 for IPv6 (one
 * subscriber usually holds a whole /64 and could otherwise rotate through it).
 */
export function clientSubject(address: string | undefined): string {
  if (!address || !ipaddr.isValid(address)) return "client:unknown";
  const parsed = ipaddr.process(address);
  if (parsed.kind() === "ipv4") return `client:${parsed.toString()}`;
  const parts = (parsed as ipaddr.IPv6).parts.slice(0, 4);
  return `client:${parts.map((p) => p.toString(16)).join(":")}::/64`;
}
