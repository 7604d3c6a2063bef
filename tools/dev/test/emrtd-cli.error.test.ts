// `npm run kyc -- emrtd …`: documents that are not authentic exit 1 naming the check; bad usage exits 2.
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { corpus, kyc, useScratch } from "./support/emrtd-cli.ts";

useScratch();

describe("kyc emrtd verify: refusals", () => {
  it("a tampered document exits 1 and names the failed check", async () => {
    expect((await kyc("fixture", "--out", "tampered", "--variant", "tampered-dg", "--aa", "none")).code).toBe(
      0,
    );
    const checked = await kyc("verify", "--trust", "tampered/csca.cer", "tampered");
    expect(checked.code, checked.all).toBe(1);
    expect(checked.out).toMatch(/✗ dataGroupHashes +failed: DG1 hash mismatch/);
    expect(checked.out).toMatch(/result: NOT AUTHENTIC/);
  });

  it("a document of another anchor exits 1 on the chain", async () => {
    expect((await kyc("fixture", "--out", "a", "--aa", "none")).code).toBe(0);
    expect((await kyc("fixture", "--out", "b", "--aa", "none")).code).toBe(0);
    const checked = await kyc("verify", "--trust", "b/csca.cer", "a", "--json");
    expect(checked.code, checked.all).toBe(1);
    expect(JSON.parse(checked.out).checks.chain.status).toBe("failed");
  });

  it("bad usage exits 2 with a message", async () => {
    expect((await kyc("verify")).code).toBe(2);
    const noRoot = await kyc(
      "verify",
      "--trust",
      join(corpus, "master-lists/DE_ML_2026-05-28-08-28-45.ml"),
      join(corpus, "real-sod/sod_DE.bin"),
    );
    expect(noRoot.code).toBe(2);
    expect(noRoot.err).toMatch(/master list: give the root its signer chains to/);
    const badDate = await kyc("verify", "--at", "yesterday", join(corpus, "real-sod/sod_DE.bin"));
    expect(badDate.code).toBe(2);
    expect(badDate.err).toMatch(/--at takes an ISO 8601 date/);
    const garbage = await kyc("verify", join(corpus, "dg2/iso19794_test1.bin"));
    expect(garbage.code).toBe(2);
    expect(garbage.err).toMatch(/cannot be read: .*EF.SOD/);
  });
});
