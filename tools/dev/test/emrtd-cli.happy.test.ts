// `npm run kyc -- emrtd …`: generated documents and the 12 real SODs verify.
import { readdirSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { corpus, kyc, kycProcess, scratch, useScratch } from "./support/emrtd-cli.ts";

useScratch();

describe("kyc emrtd verify: authentic documents", () => {
  it("a generated document verifies with its CSCA and CRL, Active Authentication included (as a process)", () => {
    const made = kycProcess(
      "fixture",
      "--out",
      "valid",
      "--algorithm",
      "ecdsa-brainpoolP256r1-sha256",
      "--format",
      "TD1",
    );
    expect(made.code, made.all).toBe(0);
    expect(readdirSync(join(scratch, "valid")).sort()).toEqual(
      [
        "AA_CHALLENGE.bin",
        "AA_SIGNATURE.bin",
        "DG1.bin",
        "DG15.bin",
        "DG2.bin",
        "EF_COM.bin",
        "EF_SOD.bin",
        "crl.crl",
        "csca.cer",
        "csca.pem",
      ].sort(),
    );
    const checked = kycProcess("verify", "--trust", "valid/csca.pem", "--trust", "valid/crl.crl", "valid");
    expect(checked.code, checked.all).toBe(0);
    expect(checked.out).toMatch(/✓ activeAuthentication +RSA ISO\/IEC 9796-2/);
    expect(checked.out).toMatch(/✓ crl /);
    expect(checked.out).toMatch(/result: AUTHENTIC/);
  });

  it("the 12 real SODs verify against the German master list and the Indonesian CSCAs", async () => {
    const indonesia = readdirSync(join(corpus, "master-lists/IDN_2010_SERIES_CSCA")).flatMap((f) => [
      "--trust",
      join(corpus, "master-lists/IDN_2010_SERIES_CSCA", f),
    ]);
    const sods = readdirSync(join(corpus, "real-sod")).map((f) => join(corpus, "real-sod", f));
    expect(sods).toHaveLength(12);
    const checked = await kyc(
      "verify",
      "--trust",
      join(corpus, "master-lists/DE_ML_2026-05-28-08-28-45.ml"),
      "--trust",
      join(corpus, "master-lists/DE_ROOT_CA_CSCA07.cer"),
      ...indonesia,
      "--at",
      "signing",
      ...sods,
    );
    expect(checked.code, checked.all).toBe(0);
    expect(checked.out.match(/result: AUTHENTIC/g)).toHaveLength(12);
    expect(checked.out).toMatch(/master list, 588 CSCAs/);
  });
});
