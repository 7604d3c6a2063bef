import { describe, expect, it } from "vitest";
import {
  ParsedCertificate,
  parseSod,
  parseTrustAnchorFile,
  TrustStore,
  verifyDocument,
} from "../src/index.ts";
import deMasterList from "./corpus/master-lists/DE_ML_2026-05-28-08-28-45.ml?bytes";
import { deRoot, indonesianCscas, realSods } from "./support/corpus.ts";

const expected: Record<string, { signature: RegExp; key: RegExp; anchor: string }> = {
  AT: { signature: /ECDSA with SHA-256/, key: /brainpoolP256r1 \(explicit/, anchor: "AT" },
  DE: { signature: /ECDSA with SHA-384/, key: /brainpoolP384r1 \(explicit/, anchor: "DE" },
  FI: { signature: /ECDSA with SHA-512/, key: /brainpoolP512r1 \(explicit/, anchor: "FI" },
  FR: { signature: /PKCS#1 v1.5 with SHA-256/, key: /RSA-/, anchor: "FR" },
  ID: { signature: /RSASSA-PSS with SHA-256/, key: /RSA-/, anchor: "ID" },
  MY: { signature: /RSASSA-PSS with SHA-256/, key: /RSA-/, anchor: "MY" },
  NZ: { signature: /PKCS#1 v1.5 with SHA-256/, key: /RSA-/, anchor: "NZ" },
  PH: { signature: /RSASSA-PSS with SHA-256/, key: /RSA-/, anchor: "PH" },
  RU: { signature: /ECDSA with SHA-1/, key: /EC .*explicit/, anchor: "RU" },
  SG: { signature: /RSASSA-PSS with SHA-256/, key: /RSA-/, anchor: "SG" },
  UK: { signature: /ECDSA with SHA-256/, key: /P-256 \(explicit/, anchor: "GB" },
  US: { signature: /PKCS#1 v1.5 with SHA-256/, key: /RSA-/, anchor: "US" },
};

describe("the 12 real SODs of the corpus", async () => {
  const masterList = await parseTrustAnchorFile(deMasterList, { pinnedRoots: [deRoot] });
  const indonesia = (await Promise.all(indonesianCscas.map((c) => parseTrustAnchorFile(c)))).flatMap(
    (f) => f.entries,
  );
  const store = TrustStore.fromEntries([...masterList.entries, ...indonesia]);

  it("imports the German master list against its pinned root", () => {
    expect(masterList.format).toBe("master-list");
    expect(masterList.entries.length).toBeGreaterThan(500);
    expect(masterList.warnings).toEqual([]);
  });

  for (const [country, sod] of Object.entries(realSods)) {
    it(`${country}: verifies and chains to a trusted CSCA of its own state`, async () => {
      const dsc = ParsedCertificate.fromNode(parseSod(sod).signedData.certificates[0] as never);
      // Inside the DSC's validity (these documents are years old): see the validity policy in README.
      const now = new Date(dsc.notBefore.getTime() + 86_400_000);
      const report = await verifyDocument(
        { sod },
        { trustStore: store, now, policy: { requiredDataGroups: [] } },
      );
      const failed = Object.entries(report.checks).filter(([, c]) => c.status === "failed");
      expect(failed, JSON.stringify(failed)).toEqual([]);
      expect(report.authentic).toBe(true);
      const want = expected[country];
      expect(report.sod.signatureAlgorithm).toMatch(want?.signature ?? /never/);
      expect(report.dsc?.key).toMatch(want?.key ?? /never/);
      expect(report.csca?.country).toBe(want?.anchor);
      expect(report.checks.chain.status).toBe("passed");
      expect(report.checks.issuingState.status).toBe("passed");
    });
  }

  it("RSA exponents WebCrypto refuses (Austria's e=38129 CSCA) verify through BigInt RSA", async () => {
    const cscas = masterList.entries.map((e) => ParsedCertificate.fromDer(e.der));
    const root = cscas.find(
      (c) => c.key.describe().includes("e=38129") && c.authorityKeyId === c.subjectKeyId,
    );
    expect(root, "the self-signed Austrian RSA CSCA").toBeDefined();
    // It signed itself and the link certificate to Austria's brainpool CSCA.
    const signed = cscas.filter((c) => c.authorityKeyId === root?.subjectKeyId);
    expect(signed.map((c) => c.key.description.type).sort()).toEqual(["EC", "RSA"]);
    for (const cert of signed)
      expect(await cert.isSignedBy(root as ParsedCertificate), cert.subject).toBe(true);
  });

  it("fails validity at a date after the DSC expired, and says so", async () => {
    const report = await verifyDocument(
      { sod: realSods.FR },
      { trustStore: store, now: new Date("2040-01-01T00:00:00Z"), policy: { requiredDataGroups: [] } },
    );
    expect(report.checks.validity.status).toBe("failed");
    expect(report.checks.validity.detail).toMatch(/DSC valid/);
    expect(report.checks.sodSignature.status).toBe("passed");
    expect(report.authentic).toBe(false);
  });

  it("with the signing-time policy, an old document still verifies", async () => {
    const report = await verifyDocument(
      { sod: realSods.FR },
      {
        trustStore: store,
        now: new Date("2040-01-01T00:00:00Z"),
        policy: { requiredDataGroups: [], validityAt: "signing-time" },
      },
    );
    expect(report.checks.validity.status, report.checks.validity.detail).toBe("passed");
  });

  it("does not chain without the anchors", async () => {
    const empty = TrustStore.fromEntries(indonesia);
    const report = await verifyDocument(
      { sod: realSods.DE },
      { trustStore: empty, policy: { requiredDataGroups: [] } },
    );
    expect(report.checks.chain.status).toBe("failed");
    expect(report.checks.chain.detail).toMatch(/no CSCA of DE/);
    expect(report.checks.sodSignature.status).toBe("passed");
    expect(report.authentic).toBe(false);
  });
});
