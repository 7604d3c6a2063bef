import { describe, expect, it } from "vitest";
import { hmacSha256, KeyedHash, toBase64, toHex } from "../src/index.ts";

const keyA = new Uint8Array(32).fill(1);
const keyB = new Uint8Array(32).fill(2);
const ring = (...entries: [string, Uint8Array][]) =>
  entries.map(([kid, key]) => `${kid}:${toBase64(key)}`).join(",");

describe("KeyedHash", () => {
  it("is HMAC-SHA256 under HMAC(ring key, purpose), the current key first", async () => {
    const hash = new KeyedHash(ring(["k2", keyB], ["k1", keyA]), "purpose/v1");
    const derived = await hmacSha256(keyB, "purpose/v1");
    expect(hash.currentKid).toBe("k2");
    expect(hash.of("+447400123456")).toBe(toHex(await hmacSha256(derived, "+447400123456")));
    const older = await hmacSha256(await hmacSha256(keyA, "purpose/v1"), "+447400123456");
    expect(hash.allOf("+447400123456")).toEqual([hash.of("+447400123456"), toHex(older)]);
  });

  it("keeps purposes apart and verifies under the key a value was hashed with", () => {
    const before = new KeyedHash(ring(["k1", keyA]), "codes");
    const stored = before.of("a:123456");
    expect(new KeyedHash(ring(["k1", keyA]), "other").of("a:123456")).not.toBe(stored);
    const rotated = new KeyedHash(ring(["k2", keyB], ["k1", keyA]), "codes");
    expect(rotated.matches("k1", "a:123456", stored)).toBe(true);
    expect(rotated.matches("k1", "a:123457", stored)).toBe(false);
    expect(rotated.matches("k2", "a:123456", stored)).toBe(false);
    expect(rotated.matches("gone", "a:123456", stored)).toBe(false);
    expect(rotated.matches("k1", "a:123456", stored.slice(2))).toBe(false);
    expect(rotated.matches("k1", "a:123456", "zz".repeat(32))).toBe(false);
  });
});
