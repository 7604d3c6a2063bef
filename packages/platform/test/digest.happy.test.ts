import { describe, expect, it } from "vitest";
import {
  fromBase64,
  hmacSha256,
  randomSecret,
  sha256Hex,
  timingSafeEqual,
  toBase64,
  toBase64Url,
  toHex,
} from "../src/index.ts";

describe("digests", () => {
  it("hashes text and bytes with SHA-256 (FIPS 180-2 vector)", async () => {
    const abc = "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad";
    expect(await sha256Hex("abc")).toBe(abc);
    expect(await sha256Hex(new Uint8Array([0x61, 0x62, 0x63]))).toBe(abc);
  });

  it("computes HMAC-SHA256 (RFC 4231 test case 2)", async () => {
    const mac = await hmacSha256("Jefe", "what do ya want for nothing?");
    expect(toHex(mac)).toBe("5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
    expect(toHex(await hmacSha256(new TextEncoder().encode("Jefe"), "what do ya want for nothing?"))).toBe(
      toHex(mac),
    );
  });
});

describe("encodings", () => {
  it("converts bytes to hex, base64 and base64url and back", () => {
    const bytes = new Uint8Array([0xfb, 0xff, 0x00, 0x10]);
    expect(toHex(bytes)).toBe("fbff0010");
    expect(toBase64(bytes)).toBe("+/8AEA==");
    expect(toBase64Url(bytes)).toBe("-_8AEA");
    expect(fromBase64("+/8AEA==")).toEqual(bytes);
    expect(fromBase64("-_8AEA")).toEqual(bytes);
  });

  it("encodes large buffers without overflowing the call stack", () => {
    const big = new Uint8Array(200_000).fill(7);
    expect(fromBase64(toBase64(big))).toEqual(big);
  });
});

describe("timingSafeEqual", () => {
  it("is true only for equal strings, whatever the lengths", async () => {
    expect(await timingSafeEqual("ek_test_abc_secret", "ek_test_abc_secret")).toBe(true);
    expect(await timingSafeEqual("abc", "abd")).toBe(false);
    expect(await timingSafeEqual("abc", "abcd")).toBe(false);
    expect(await timingSafeEqual("", "")).toBe(true);
    expect(await timingSafeEqual("", "a")).toBe(false);
    expect(await timingSafeEqual("é", "e\u0301")).toBe(false);
  });
});

describe("randomSecret", () => {
  it("draws base62 secrets with at least the requested entropy", () => {
    expect(randomSecret()).toMatch(/^[0-9A-Za-z]{43}$/); // 43 × log2(62) ≥ 256 bits
    expect(randomSecret(16)).toMatch(/^[0-9A-Za-z]{22}$/);
    expect(randomSecret(24)).toMatch(/^[0-9A-Za-z]{33}$/);
  });

  it("does not repeat and uses the whole alphabet", () => {
    const secrets = Array.from({ length: 200 }, () => randomSecret());
    expect(new Set(secrets).size).toBe(200);
    expect(new Set(secrets.join("")).size).toBe(62);
  });
});
