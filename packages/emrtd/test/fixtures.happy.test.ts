import { describe, expect, it } from "vitest";
import { parseDg1, parseDg2, parseTrustAnchorFile, TrustStore, verifyDocument } from "../src/index.ts";
import { createDocument, FIXTURE_ALGORITHMS, type FixtureAlgorithm } from "../src/testing/index.ts";

async function storeFor(...anchors: Uint8Array[]) {
  const entries = [];
  for (const anchor of anchors) entries.push(...(await parseTrustAnchorFile(anchor)).entries);
  return TrustStore.fromEntries(entries);
}

describe("synthetic documents verify end to end", () => {
  for (const algorithm of FIXTURE_ALGORITHMS as FixtureAlgorithm[]) {
    it(`${algorithm}: SOD signature, DG1/DG2/DG15 hashes, chain, CRL, validity, issuing state, RSA AA`, async () => {
      const doc = await createDocument({
        algorithm,
        keyOptions: { rsaBits: 1024, explicitCurve: algorithm.includes("brainpool") },
      });
      const store = await storeFor(doc.csca.der, doc.crl);
      const challenge = crypto.getRandomValues(new Uint8Array(8));
      const aaSignature = await doc.activeAuthentication?.answer(challenge);
      const report = await verifyDocument(
        { sod: doc.sod, dataGroups: doc.dataGroups, aaChallenge: challenge, aaSignature },
        { trustStore: store, now: doc.now, policy: { requireActiveAuthentication: true, requireCrl: true } },
      );
      const notPassed = Object.entries(report.checks).filter(([, c]) => c.status !== "passed");
      expect(notPassed, JSON.stringify(notPassed)).toEqual([]);
      expect(report.authentic).toBe(true);
      expect(report.dataGroups.map((g) => `${g.number}:${g.status}`)).toEqual([
        "1:passed",
        "2:passed",
        "15:passed",
      ]);
    });
  }

  it("explicit NIST parameters map to WebCrypto's named curve and verify", async () => {
    const doc = await createDocument({ algorithm: "ecdsa-p256-sha256", keyOptions: { explicitCurve: true } });
    const report = await verifyDocument(
      { sod: doc.sod, dataGroups: doc.dataGroups },
      { trustStore: await storeFor(doc.csca.der), now: doc.now },
    );
    expect(report.authentic, JSON.stringify(report.checks)).toBe(true);
    expect(report.dsc?.key).toBe("EC P-256 (explicit parameters)");
  });

  it("TD1 documents: DG1 parses with valid check digits, ECDSA Active Authentication passes", async () => {
    const doc = await createDocument({
      algorithm: "ecdsa-brainpoolP256r1-sha256",
      format: "TD1",
      activeAuthentication: "ecdsa",
    });
    const dg1 = parseDg1(doc.dataGroups.get(1) as Uint8Array);
    expect(dg1).toMatchObject({
      format: "TD1",
      issuingState: "UTO",
      documentNumber: "L898902C3",
      lastName: "ERIKSSON",
      firstName: "ANNA MARIA",
      checkDigitsValid: true,
    });
    const challenge = crypto.getRandomValues(new Uint8Array(8));
    const report = await verifyDocument(
      {
        sod: doc.sod,
        dataGroups: doc.dataGroups,
        aaChallenge: challenge,
        aaSignature: await doc.activeAuthentication?.answer(challenge),
      },
      { trustStore: await storeFor(doc.csca.der), now: doc.now },
    );
    expect(report.checks.activeAuthentication, report.checks.activeAuthentication.detail).toMatchObject({
      status: "passed",
    });
    expect(report.mrz?.format).toBe("TD1");
  });

  it("TD3 DG1 fields and DG2's face image come out", async () => {
    const face = new Uint8Array([0xff, 0xd8, 0xff, 0xdb, 1, 2, 3, 0xff, 0xd9]);
    const doc = await createDocument({ faceImage: face, activeAuthentication: "none" });
    const dg1 = parseDg1(doc.dataGroups.get(1) as Uint8Array);
    expect(dg1).toMatchObject({
      format: "TD3",
      sex: "female",
      birthDate: "740812",
      expirationDate: "340415",
      personalNumber: "ZE184226B",
      checkDigitsValid: true,
    });
    const [image] = parseDg2(doc.dataGroups.get(2) as Uint8Array);
    expect(image?.format).toBe("jpeg");
    expect(image?.bytes).toEqual(face);
  });

  it("the CSCA may come as PEM", async () => {
    const doc = await createDocument({ activeAuthentication: "none" });
    const store = await storeFor(new TextEncoder().encode(doc.csca.pem));
    const report = await verifyDocument(
      { sod: doc.sod, dataGroups: doc.dataGroups },
      { trustStore: store, now: doc.now },
    );
    expect(report.authentic, JSON.stringify(report.checks)).toBe(true);
  });
});
