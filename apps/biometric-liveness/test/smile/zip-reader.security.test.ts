import { zipSync } from "fflate";
import { describe, expect, it } from "vitest";
import { readZip, type ZipLimits, ZipRejected } from "../../src/smile/zip-reader.ts";

const limits: ZipLimits = {
  maxEntries: 4,
  maxEntryBytes: 64 * 1024,
  maxTotalBytes: 128 * 1024,
  maxRatio: 100,
};
const bytes = (n: number, fill = 0) => new Uint8Array(n).fill(fill);

describe("zip reading with limits", () => {
  it("reads stored and deflated entries", () => {
    const zip = zipSync(
      { "info.json": new TextEncoder().encode("{}"), "a.jpg": bytes(100, 7) },
      { level: 6 },
    );
    const files = readZip(zip, limits);
    expect([...files.keys()].sort()).toEqual(["a.jpg", "info.json"]);
    expect(files.get("a.jpg")).toEqual(bytes(100, 7));
  });

  it("stops a zip bomb at the per-entry limit while inflating", () => {
    const bomb = zipSync({ "bomb.bin": bytes(10 * 1024 * 1024) }, { level: 9 });
    expect(bomb.length).toBeLessThan(20_000);
    expect(() => readZip(bomb, limits)).toThrow(/larger than 65536 bytes|expands/);
  });

  it("refuses a high compression ratio over the whole archive", () => {
    const zip = zipSync({ "a.bin": bytes(2 * 1024 * 1024) }, { level: 9 });
    expect(() =>
      readZip(zip, { ...limits, maxEntryBytes: 4 * 1024 * 1024, maxTotalBytes: 8 * 1024 * 1024 }),
    ).toThrow(/expands more than 100 times/);
  });

  it("refuses too many entries, a total above the limit, and path tricks", () => {
    const many = zipSync(Object.fromEntries(Array.from({ length: 5 }, (_, i) => [`f${i}`, bytes(1)])), {
      level: 0,
    });
    expect(() => readZip(many, limits)).toThrow(/more than 4 entries/);
    const big = zipSync({ a: bytes(60_000, 1), b: bytes(60_000, 2), c: bytes(60_000, 3) }, { level: 0 });
    expect(() => readZip(big, limits)).toThrow(/expands to more than/);
    for (const name of ["../evil", "/etc/passwd", "a/../../b", "C:\\x"]) {
      expect(() => readZip(zipSync({ [name]: bytes(1) }, { level: 0 }), limits), name).toThrow(ZipRejected);
    }
  });

  it("refuses what is not a zip, a truncated zip, and corrupt deflate data", () => {
    expect(() => readZip(new TextEncoder().encode("not a zip at all, really not"), limits)).toThrow(
      /not a zip/,
    );
    const zip = zipSync({ "a.bin": crypto.getRandomValues(new Uint8Array(4000)) }, { level: 0 });
    expect(() => readZip(zip.subarray(0, 2000), limits)).toThrow(ZipRejected);
    const deflated = zipSync(
      { "a.txt": new TextEncoder().encode("hello hello hello hello hello".repeat(50)) },
      { level: 9 },
    );
    const corrupt = deflated.slice();
    for (let i = 40; i < 60; i++) corrupt[i] = 0xff;
    expect(() => readZip(corrupt, limits)).toThrow(ZipRejected);
  });
});
