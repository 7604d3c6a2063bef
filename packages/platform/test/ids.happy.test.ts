import { afterEach, describe, expect, it, vi } from "vitest";
import { newId } from "../src/index.ts";

afterEach(() => {
  vi.restoreAllMocks();
});

describe("newId", () => {
  it("is <prefix>_ followed by 26 lowercase Crockford base32 characters", () => {
    expect(newId("dlv")).toMatch(/^dlv_[0-9abcdefghjkmnpqrstvwxyz]{26}$/);
    expect(newId("ptn")).toMatch(/^ptn_[0-9a-hjkmnp-tv-z]{26}$/);
  });

  it("encodes the millisecond time first, so ids sort by creation time", () => {
    const now = vi.spyOn(Date, "now");
    const ids: string[] = [];
    for (const time of [1_700_000_000_000, 1_700_000_000_001, 1_700_000_060_000, 1_800_000_000_000]) {
      now.mockReturnValue(time);
      ids.push(newId("evt"));
    }
    expect([...ids].sort()).toEqual(ids);
    now.mockReturnValue(0);
    expect(newId("evt").slice(4, 14)).toBe("0000000000");
  });

  it("is unique within one millisecond", () => {
    vi.spyOn(Date, "now").mockReturnValue(1_700_000_000_000);
    const ids = Array.from({ length: 1000 }, () => newId("key"));
    expect(new Set(ids).size).toBe(1000);
    expect(new Set(ids.map((id) => id.slice(0, 14))).size).toBe(1);
  });

  it("refuses a prefix that would make ids ambiguous", () => {
    for (const prefix of ["", "Ptn", "a_b", "x-y", "abcdefghijklmnopq"]) {
      expect(() => newId(prefix), prefix).toThrow(/id prefixes/);
    }
  });
});
