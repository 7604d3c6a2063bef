import { describe, expect, it } from "vitest";
import {
  INIT_CODE_ALPHABET,
  INIT_CODE_PATTERN,
  INIT_CODE_SPACE,
  randomInitCode,
} from "../../src/domain/init-code.ts";
import {
  clientSubject,
  EMPTY_GUARD,
  lockRemainingMs,
  recordFailure,
} from "../../src/domain/redeem-limits.ts";

describe("init codes", () => {
  it("are 4 characters of A-Z a-z 0-9, 62^4 of them", () => {
    expect(INIT_CODE_SPACE).toBe(14_776_336);
    for (let i = 0; i < 500; i++) expect(randomInitCode()).toMatch(INIT_CODE_PATTERN);
  });

  it("skip bytes at or above 248, so every character is equally likely", () => {
    const bytes = [255, 248, 0, 61, 62, 247, 249, 250];
    const code = randomInitCode((buffer) => {
      buffer.set(bytes.slice(0, buffer.length));
      return buffer;
    });
    expect(code).toBe(
      `${INIT_CODE_ALPHABET[0]}${INIT_CODE_ALPHABET[61]}${INIT_CODE_ALPHABET[0]}${INIT_CODE_ALPHABET[247 % 62]}`,
    );
  });
});

describe("redeem limits", () => {
  const limit = { maxFailures: 3, windowMs: 60_000 };

  it("lock a subject for a window at the limit, then start afresh", () => {
    let state = EMPTY_GUARD;
    state = recordFailure(state, limit, 1_000);
    state = recordFailure(state, limit, 2_000);
    expect(lockRemainingMs(state, 2_000)).toBe(0);
    state = recordFailure(state, limit, 3_000);
    expect(lockRemainingMs(state, 3_000)).toBe(60_000);
    expect(lockRemainingMs(state, 63_000)).toBe(0);
    state = recordFailure(state, limit, 70_000);
    expect(state.failures).toBe(1);
  });

  it("count IPv6 clients by /64 and IPv4 by address", () => {
    expect(clientSubject("2001:db8:1:2:aaaa::1")).toBe(clientSubject("2001:db8:1:2:ffff::9"));
    expect(clientSubject("2001:db8:1:3::1")).not.toBe(clientSubject("2001:db8:1:2::1"));
    expect(clientSubject("192.0.2.1")).toBe("client:192.0.2.1");
    expect(clientSubject("::ffff:192.0.2.1")).toBe("client:192.0.2.1");
    expect(clientSubject(undefined)).toBe("client:unknown");
    expect(clientSubject("not an address")).toBe("client:unknown");
  });
});
