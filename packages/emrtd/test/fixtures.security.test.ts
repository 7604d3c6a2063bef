import { beforeAll, describe, expect, it } from "vitest";
import {
  parseTrustAnchorFile,
  TrustStore,
  verifyActiveAuthentication,
  verifyDocument,
} from "../src/index.ts";
import { createDocument, type DocumentFixture, type Variant } from "../src/testing/index.ts";

async function storeFor(...anchors: Uint8Array[]) {
  const entries = [];
  for (const anchor of anchors) entries.push(...(await parseTrustAnchorFile(anchor)).entries);
  return TrustStore.fromEntries(entries);
}

async function verifyVariant(
  variant: Variant,
  algorithm: "rsa-pkcs1-sha256" | "ecdsa-brainpoolP256r1-sha256" = "rsa-pkcs1-sha256",
) {
  const doc = await createDocument({
    variant,
    algorithm,
    keyOptions: { rsaBits: 1024 },
    activeAuthentication: "none",
  });
  const report = await verifyDocument(
    { sod: doc.sod, dataGroups: doc.dataGroups },
    { trustStore: await storeFor(doc.csca.der, doc.crl), now: doc.now },
  );
  return { doc, report };
}

describe("broken documents are refused, naming the check that failed", () => {
  it("a data group altered after signing fails its hash; the signature still holds", async () => {
    const { report } = await verifyVariant("tampered-dg");
    expect(report.authentic).toBe(false);
    expect(report.checks.dataGroupHashes).toMatchObject({
      status: "failed",
      detail: expect.stringMatching(/DG1 hash mismatch/),
    });
    expect(report.checks.sodSignature.status).toBe("passed");
  });

  for (const algorithm of ["rsa-pkcs1-sha256", "ecdsa-brainpoolP256r1-sha256"] as const) {
    it(`a flipped signature bit fails the SOD signature (${algorithm})`, async () => {
      const { report } = await verifyVariant("tampered-signature", algorithm);
      expect(report.authentic).toBe(false);
      expect(report.checks.sodSignature.status).toBe("failed");
      expect(report.checks.dataGroupHashes.status).toBe("passed");
    });
  }

  it("a data group the SOD does not list is refused", async () => {
    const { report } = await verifyVariant("unlisted-dg");
    expect(report.authentic).toBe(false);
    expect(report.checks.dataGroupHashes.detail).toMatch(/DG3 is not listed/);
    expect(report.dataGroups.find((g) => g.number === 3)?.status).toBe("not-listed");
  });

  it("an expired DSC and CSCA fail validity", async () => {
    const { report } = await verifyVariant("expired");
    expect(report.authentic).toBe(false);
    expect(report.checks.validity).toMatchObject({
      status: "failed",
      detail: expect.stringMatching(/DSC valid/),
    });
    expect(report.checks.chain.status).toBe("passed");
  });

  it("a DSC on the CSCA's CRL is revoked", async () => {
    const { report } = await verifyVariant("revoked");
    expect(report.authentic).toBe(false);
    expect(report.checks.crl).toMatchObject({ status: "failed", detail: expect.stringMatching(/revoked/) });
  });

  it("a CSCA of another state cannot vouch for the document", async () => {
    const { report } = await verifyVariant("wrong-anchor");
    expect(report.authentic).toBe(false);
    expect(report.checks.chain.status).toBe("passed");
    expect(report.checks.issuingState).toMatchObject({
      status: "failed",
      detail: expect.stringMatching(/UTO.*NG/),
    });
  });

  it("a CSCA that did not sign the DSC does not anchor it", async () => {
    const doc = await createDocument({ keyOptions: { rsaBits: 1024 }, activeAuthentication: "none" });
    const other = await createDocument({ keyOptions: { rsaBits: 1024 }, activeAuthentication: "none" });
    const report = await verifyDocument(
      { sod: doc.sod, dataGroups: doc.dataGroups },
      { trustStore: await storeFor(other.csca.der), now: doc.now },
    );
    expect(report.checks.chain).toMatchObject({
      status: "failed",
      detail: expect.stringMatching(/verifies the DSC/),
    });
    expect(report.authentic).toBe(false);
  });

  it("a CRL not signed by the CSCA is ignored (cannot revoke, cannot clear)", async () => {
    const doc = await createDocument({
      variant: "revoked",
      keyOptions: { rsaBits: 1024 },
      activeAuthentication: "none",
    });
    const forger = await createDocument({
      variant: "revoked",
      country: "UT",
      keyOptions: { rsaBits: 1024 },
      activeAuthentication: "none",
    });
    const report = await verifyDocument(
      { sod: doc.sod, dataGroups: doc.dataGroups },
      { trustStore: await storeFor(doc.csca.der, forger.crl), now: doc.now },
    );
    expect(report.checks.crl.status).toBe("skipped");
  });

  it("a required DG1 that is missing fails", async () => {
    const doc = await createDocument({ keyOptions: { rsaBits: 1024 }, activeAuthentication: "none" });
    const groups = new Map(doc.dataGroups);
    groups.delete(1);
    const report = await verifyDocument(
      { sod: doc.sod, dataGroups: groups },
      { trustStore: await storeFor(doc.csca.der), now: doc.now },
    );
    expect(report.checks.dataGroupHashes.detail).toMatch(/DG1 is required/);
    expect(report.authentic).toBe(false);
  });
});

describe("Active Authentication: a cloned chip fails", () => {
  let rsa: DocumentFixture;
  let ec: DocumentFixture;
  let store: TrustStore;
  beforeAll(async () => {
    rsa = await createDocument({ keyOptions: { rsaBits: 1024 } });
    ec = await createDocument({ activeAuthentication: "ecdsa", csca: rsa.csca });
    store = await storeFor(rsa.csca.der);
  });

  it("an answer to another challenge (a replay) fails, RSA and ECDSA", async () => {
    for (const doc of [rsa, ec]) {
      const issued = crypto.getRandomValues(new Uint8Array(8));
      const recorded = await doc.activeAuthentication?.answer(crypto.getRandomValues(new Uint8Array(8)));
      const report = await verifyDocument(
        { sod: doc.sod, dataGroups: doc.dataGroups, aaChallenge: issued, aaSignature: recorded },
        { trustStore: store, now: doc.now },
      );
      expect(report.checks.activeAuthentication.status).toBe("failed");
      expect(report.authentic).toBe(false);
    }
  });

  it("another chip's key (the clone has only the data) fails", async () => {
    const challenge = crypto.getRandomValues(new Uint8Array(8));
    const other = await createDocument({ keyOptions: { rsaBits: 1024 }, csca: rsa.csca });
    const answer = (await other.activeAuthentication?.answer(challenge)) as Uint8Array;
    const result = await verifyActiveAuthentication(rsa.dataGroups.get(15) as Uint8Array, challenge, answer);
    expect(result.valid).toBe(false);
  });

  it("with the policy requiring it, a missing answer fails; without, it is skipped", async () => {
    const input = { sod: rsa.sod, dataGroups: rsa.dataGroups };
    const strict = await verifyDocument(input, {
      trustStore: store,
      now: rsa.now,
      policy: { requireActiveAuthentication: true },
    });
    expect(strict.checks.activeAuthentication.status).toBe("failed");
    const lenient = await verifyDocument(input, { trustStore: store, now: rsa.now });
    expect(lenient.checks.activeAuthentication.status).toBe("skipped");
    const withoutDg15 = new Map(rsa.dataGroups);
    withoutDg15.delete(15);
    const stripped = await verifyDocument(
      { sod: rsa.sod, dataGroups: withoutDg15 },
      { trustStore: store, now: rsa.now, policy: { requireActiveAuthentication: true } },
    );
    expect(stripped.checks.activeAuthentication).toMatchObject({
      status: "failed",
      detail: expect.stringMatching(/listed but was not given/),
    });
  });

  it("a challenge of the wrong size is refused with a typed error", async () => {
    await expect(
      verifyActiveAuthentication(
        rsa.dataGroups.get(15) as Uint8Array,
        new Uint8Array(2),
        new Uint8Array(128),
      ),
    ).rejects.toMatchObject({ code: "invalid_input" });
  });
});
