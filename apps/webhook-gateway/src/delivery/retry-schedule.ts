/** Queues refuse delays above 12 hours; longer waits are reached in several hops (see deliver.ts). */
export const MAX_QUEUE_DELAY_SECONDS = 43_200;
/** A Retry-After beyond this is treated as this: a receiver cannot park a delivery for weeks. */
const MAX_RETRY_AFTER_SECONDS = 86_400;
const JITTER = 0.1;

/**
 * Parses WEBHOOK_RETRY_SCHEDULE: seconds to wait before each retry, comma-separated. The Standard
 * Webhooks schedule is "5,300,1800,7200,18000,36000,50400,72000,86400" (5 s … 24 h).
 */
export function parseRetrySchedule(spec: string): number[] {
  const parts = spec.split(",").map((part) => part.trim());
  if (parts.length === 0 || parts.length > 30 || parts.some((part) => !/^\d{1,6}$/.test(part))) {
    throw new Error(
      "WEBHOOK_RETRY_SCHEDULE must be 1 to 30 comma-separated whole numbers of seconds, e.g. 5,300,1800",
    );
  }
  const delays = parts.map(Number);
  if (delays.some((delay) => delay > 7 * 86_400)) {
    throw new Error("WEBHOOK_RETRY_SCHEDULE entries must be at most 604800 seconds (7 days)");
  }
  return delays;
}

/** Reads an HTTP Retry-After header (delta-seconds or HTTP-date) as whole seconds from `now`. */
export function parseRetryAfter(value: string | null, now: number): number | null {
  if (!value) return null;
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) return Math.min(Number(trimmed), MAX_RETRY_AFTER_SECONDS);
  const at = Date.parse(trimmed);
  if (Number.isNaN(at)) return null;
  return Math.min(Math.max(0, Math.ceil((at - now) / 1000)), MAX_RETRY_AFTER_SECONDS);
}

/**
 * Seconds until the next attempt after `attemptsMade` failed attempts in this cycle, or null when the
 * schedule is exhausted. Jitter of ±10 % spreads retries of many deliveries that failed together; a
 * receiver's Retry-After is honoured as a lower bound.
 */
export function nextRetryDelay(
  schedule: readonly number[],
  attemptsMade: number,
  retryAfterSeconds: number | null,
  random: () => number = Math.random,
): number | null {
  const base = schedule[attemptsMade - 1];
  if (base === undefined) return null;
  const jittered = Math.round(base * (1 + (random() * 2 - 1) * JITTER));
  return Math.max(jittered, retryAfterSeconds ?? 0, 0);
}
