import { describe, expect, it } from "vitest";
import { nextRetryDelay, parseRetryAfter, parseRetrySchedule } from "../../src/delivery/retry-schedule.ts";

describe("the retry schedule", () => {
  it("parses the Standard Webhooks schedule", () => {
    expect(parseRetrySchedule("5,300,1800,7200,18000,36000,50400,72000,86400")).toEqual([
      5, 300, 1800, 7200, 18000, 36000, 50400, 72000, 86400,
    ]);
    expect(parseRetrySchedule(" 1, 2 ,3")).toEqual([1, 2, 3]);
  });

  it.each(["", "5,,6", "5,-1", "5s", "1.5", "9999999"])(
    "refuses %j with a message saying what is expected",
    (spec) => {
      expect(() => parseRetrySchedule(spec)).toThrow(/WEBHOOK_RETRY_SCHEDULE/);
    },
  );

  it("adds at most ±10 % jitter and stops after the last entry", () => {
    expect(nextRetryDelay([100], 1, null, () => 0)).toBe(90);
    expect(nextRetryDelay([100], 1, null, () => 0.999999)).toBe(110);
    expect(nextRetryDelay([100], 2, null, () => 0.5)).toBeNull();
  });

  it("waits at least as long as Retry-After asks", () => {
    expect(nextRetryDelay([5], 1, 120, () => 0.5)).toBe(120);
    expect(nextRetryDelay([300], 1, 10, () => 0.5)).toBe(300);
  });

  it("reads Retry-After as seconds or an HTTP date, capped at a day", () => {
    const now = Date.parse("2026-11-22T12:00:00Z");
    expect(parseRetryAfter("30", now)).toBe(30);
    expect(parseRetryAfter("Sun, 22 Nov 2026 12:05:00 GMT", now)).toBe(300);
    expect(parseRetryAfter("999999999", now)).toBe(86_400);
    expect(parseRetryAfter("soon", now)).toBeNull();
    expect(parseRetryAfter(null, now)).toBeNull();
  });
});
