import type { AttemptOutcome } from "../db/schema.ts";

/** Consecutive timeouts after which a receiver's origin counts as hanging. */
const SLOW_AFTER_TIMEOUTS = 2;
/** How long a hanging origin stays in the slow lane without a new timeout. */
const SLOW_FOR_MS = 10 * 60_000;
/** Origins remembered at most (oldest forgotten first): memory stays bounded. */
const MAX_ORIGINS = 1000;

/**
 * Receivers' origins whose attempts recently timed out, remembered per isolate. Attempts to such an
 * origin start in the background straight away (the consumer acknowledges their message and moves on),
 * so a hanging receiver costs the other partners' deliveries nothing, not even the inline budget. Only a
 * hint: a fresh isolate knows nothing and falls back to the budget, and a success clears the origin.
 */
export class SlowLane {
  private readonly origins = new Map<string, { timeouts: number; lastAt: number }>();

  isSlow(origin: string, now: number): boolean {
    const entry = this.origins.get(origin);
    return entry !== undefined && entry.timeouts >= SLOW_AFTER_TIMEOUTS && now - entry.lastAt < SLOW_FOR_MS;
  }

  record(origin: string, outcome: AttemptOutcome, now: number): void {
    if (outcome !== "timeout") {
      // Any answer, even an error, shows the receiver is not hanging.
      this.origins.delete(origin);
      return;
    }
    const entry = this.origins.get(origin);
    const timeouts = entry && now - entry.lastAt < SLOW_FOR_MS ? entry.timeouts + 1 : 1;
    this.origins.delete(origin);
    this.origins.set(origin, { timeouts, lastAt: now });
    if (this.origins.size > MAX_ORIGINS) {
      const oldest = this.origins.keys().next().value;
      if (oldest !== undefined) this.origins.delete(oldest);
    }
  }
}

/** The isolate's slow lane, shared by every queue batch it handles. */
export const isolateSlowLane = new SlowLane();
