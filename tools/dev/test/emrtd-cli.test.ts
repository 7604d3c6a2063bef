// `npm run kyc -- emrtd …` end to end: the CLI as a process, on synthetic documents and the real SODs.
import { spawnSync } from "node:child_process";
import { mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { repoRoot } from "../src/apps.ts";
import { run } from "../src/kyc/emrtd.ts";

const corpus = join(repoRoot, "packages/emrtd/test/corpus");
const scratch = mkdtempSync(join(tmpdir(), "edgekyc-emrtd-cli-"));
beforeAll(() => {
  process.env.EDGEKYC_CALLER_CWD = scratch;
});
afterAll(() => {
  delete process.env.EDGEKYC_CALLER_CWD;
  rmSync(scratch, { recursive: true, force: true });
});

/** The command group in this process (fast); output captured from console. */
async function kyc(...args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const log = vi.spyOn(console, "log").mockImplementation((...parts) => void out.push(parts.join(" ")));
  const error = vi.spyOn(console, "error").mockImplementation((...parts) => void err.push(parts.join(" ")));
  try {
    const code = await run(args);
    return { code, out: out.join("\n"), err: err.join("\n"), all: [...out, ...err].join("\n") };
  } finally {
    log.mockRestore();
    error.mockRestore();
  }
}

/** Through the real entry point, as `npm run kyc -- emrtd …` runs it. */
function kycProcess(...args: string[]) {
  const result = spawnSync(process.execPath, [join(repoRoot, "tools/dev/src/kyc.ts"), "emrtd", ...args], {
    encoding: "utf8",
    env: { ...process.env, EDGEKYC_CALLER_CWD: scratch },
    timeout: 120_000,
  });
  return {
    code: result.status,
    out: result.stdout,
    err: result.stderr,
    all: `${result.stdout}\n${result.stderr}`,
  };
}

describe("kyc emrtd verify", () => {
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
