// Master lists are trusted only through a root the operator pins: altered, re-signed or unpinned lists
// are refused with untrusted_master_list.
import { describe, expect, it } from "vitest";
import { EmrtdError, parseTrustAnchorFile } from "../src/index.ts";
import { createCsca, generateKey } from "../src/testing/index.ts";
import deMasterList from "./corpus/master-lists/DE_ML_2026-05-28-08-28-45.ml?bytes";
import { deRoot, indonesianCscas } from "./support/corpus.ts";

async function refusal(bytes: Uint8Array, pinnedRoots?: Uint8Array[]) {
  try {
    await parseTrustAnchorFile(bytes, { pinnedRoots });
  } catch (error) {
    if (error instanceof EmrtdError) return error;
    throw error;
  }
  throw new Error("the master list was accepted");
}

describe("master-list trust", () => {
  it("is refused without a pinned root", async () => {
    const error = await refusal(deMasterList);
    expect(error.code).toBe("untrusted_master_list");
    expect(error.message).toMatch(/no pinned root/);
  });

  it("is refused when pinned to another root (the signer does not chain to it)", async () => {
    const error = await refusal(deMasterList, indonesianCscas);
    expect(error.code).toBe("untrusted_master_list");
    expect(error.message).toMatch(/does not chain to a pinned root/);
  });

  it("is refused when pinned to a look-alike root with the same name but another key", async () => {
    const key = await generateKey("ecdsa-brainpoolP256r1-sha256");
    const lookAlike = await createCsca(key, {
      country: "DE",
      commonName: "csca-germany",
      notBefore: new Date("2020-01-01"),
      notAfter: new Date("2040-01-01"),
    });
    const error = await refusal(deMasterList, [lookAlike.der]);
    expect(error.message).toMatch(/does not chain/);
  });

  it("is refused when one CSCA inside it was altered (messageDigest no longer matches)", async () => {
    const altered = deMasterList.slice();
    const at = Math.floor(altered.length / 2); // a byte inside the certificate list
    altered[at] = (altered[at] as number) ^ 0x01;
    const error = await refusal(altered, [deRoot]);
    expect(error.code).toBe("untrusted_master_list");
    expect(error.message).toMatch(/messageDigest does not match/);
  });

  it("is refused when the signature was altered", async () => {
    const altered = deMasterList.slice();
    const at = altered.length - 20; // inside the signerInfo's signature, at the end
    altered[at] = (altered[at] as number) ^ 0x01;
    const error = await refusal(altered, [deRoot]);
    expect(error.code).toBe("untrusted_master_list");
    expect(error.message).toMatch(/signature of .* does not verify/);
  });

  it("a truncated list names the problem", async () => {
    const error = await refusal(deMasterList.subarray(0, 5000), [deRoot]);
    expect(error.code).toBe("malformed_asn1");
  });
});
