// Hostile and malformed input: every parser either answers or throws an EmrtdError naming what is
// wrong; never another exception, never a hang. Property-based with fast-check.
import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import {
  certificateFromBytes,
  EmrtdError,
  parseDg1,
  parseDg2,
  parseDg11,
  parseDg12,
  parseDg15,
  parseIso19794Face,
  parseMrz,
  parseSod,
  parseTrustAnchorFile,
  TrustStore,
  VerificationKey,
  verifyActiveAuthentication,
  verifyDocument,
} from "../src/index.ts";
import { createDocument, type DocumentFixture } from "../src/testing/index.ts";
import { deRoot, realSods } from "./support/corpus.ts";

/** Runs `parse` and returns the error code, or "ok"; fails the test on any non-EmrtdError. */
async function outcome(parse: () => unknown): Promise<string> {
  try {
    await parse();
    return "ok";
  } catch (error) {
    if (error instanceof EmrtdError) {
      expect(error.message.length).toBeGreaterThan(5);
      return error.code;
    }
    throw new Error(`not an EmrtdError: ${(error as Error)?.stack ?? String(error)}`);
  }
}

/** Valid bytes mutated: truncated, extended, or with bytes overwritten. */
function mutations(valid: Uint8Array) {
  return fc.oneof(
    fc.nat({ max: valid.length - 1 }).map((n) => valid.subarray(0, n)),
    fc.uint8Array({ minLength: 1, maxLength: 16 }).map((tail) => new Uint8Array([...valid, ...tail])),
    fc
      .array(fc.tuple(fc.nat({ max: valid.length - 1 }), fc.integer({ min: 0, max: 255 })), {
        minLength: 1,
        maxLength: 6,
      })
      .map((edits) => {
        const copy = valid.slice();
        for (const [at, value] of edits) copy[at] = value;
        return copy;
      }),
  );
}

const RUNS = { numRuns: 150 };

describe("hostile input", () => {
  let doc: DocumentFixture;
  let store: TrustStore;
  beforeAll(async () => {
    doc = await createDocument({ algorithm: "ecdsa-p256-sha256" });
    store = TrustStore.fromEntries((await parseTrustAnchorFile(doc.csca.der)).entries);
  });

  it("parseSod: random bytes and mutated real SODs", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.uint8Array({ maxLength: 300 }),
        async (bytes) => void (await outcome(() => parseSod(bytes))),
      ),
      RUNS,
    );
    await fc.assert(
      fc.asyncProperty(mutations(realSods.DE), async (bytes) => void (await outcome(() => parseSod(bytes)))),
      RUNS,
    );
  });

  it("verifyDocument: mutated SODs and data groups give a report or an EmrtdError", async () => {
    await fc.assert(
      fc.asyncProperty(
        mutations(doc.sod),
        mutations(doc.dataGroups.get(1) as Uint8Array),
        async (sod, dg1) => {
          const result = await outcome(() =>
            verifyDocument(
              { sod, dataGroups: { 1: dg1, 2: doc.dataGroups.get(2) as Uint8Array } },
              { trustStore: store, now: doc.now },
            ),
          );
          if (result === "ok") {
            const report = await verifyDocument(
              { sod, dataGroups: { 1: dg1 } },
              { trustStore: store, now: doc.now },
            );
            // A mutation can never leave a document authentic unless it left the signed bytes intact.
            if (report.authentic) expect(report.checks.dataGroupHashes.status).toBe("passed");
          }
        },
      ),
      { numRuns: 60 },
    );
  });

  it("certificates, trust-anchor files and SPKIs", async () => {
    await fc.assert(
      fc.asyncProperty(
        mutations(deRoot),
        async (bytes) => void (await outcome(() => certificateFromBytes(bytes))),
      ),
      RUNS,
    );
    await fc.assert(
      fc.asyncProperty(
        mutations(doc.csca.der),
        async (bytes) => void (await outcome(() => parseTrustAnchorFile(bytes))),
      ),
      RUNS,
    );
    await fc.assert(
      fc.asyncProperty(
        mutations(doc.crl),
        async (bytes) => void (await outcome(() => parseTrustAnchorFile(bytes))),
      ),
      RUNS,
    );
    await fc.assert(
      fc.asyncProperty(
        mutations(doc.dsc.key.spki),
        async (bytes) => void (await outcome(() => VerificationKey.fromSpki(bytes))),
      ),
      RUNS,
    );
    await fc.assert(
      fc.asyncProperty(
        fc.string({ maxLength: 200 }),
        async (text) =>
          void (await outcome(() =>
            parseTrustAnchorFile(
              new TextEncoder().encode(`-----BEGIN CERTIFICATE-----\n${text}\n-----END CERTIFICATE-----`),
            ),
          )),
      ),
      { numRuns: 50 },
    );
  });

  it("data groups: DG1, DG2, DG11, DG12, DG15 and raw 19794-5 records", async () => {
    const dg1 = doc.dataGroups.get(1) as Uint8Array;
    const dg2 = doc.dataGroups.get(2) as Uint8Array;
    const dg15 = doc.dataGroups.get(15) as Uint8Array;
    await fc.assert(
      fc.asyncProperty(mutations(dg1), async (b) => void (await outcome(() => parseDg1(b)))),
      RUNS,
    );
    await fc.assert(
      fc.asyncProperty(mutations(dg2), async (b) => void (await outcome(() => parseDg2(b)))),
      RUNS,
    );
    await fc.assert(
      fc.asyncProperty(
        mutations(dg2.subarray(dg2.indexOf(0x46))),
        async (b) => void (await outcome(() => parseIso19794Face(b))),
      ),
      RUNS,
    );
    await fc.assert(
      fc.asyncProperty(mutations(dg15), async (b) => void (await outcome(() => parseDg15(b)))),
      RUNS,
    );
    await fc.assert(
      fc.asyncProperty(
        fc.uint8Array({ maxLength: 200 }),
        async (b) =>
          void (await outcome(() =>
            parseDg11(new Uint8Array([0x6b, b.length & 0x7f, ...b.subarray(0, 127)])),
          )),
      ),
      RUNS,
    );
    await fc.assert(
      fc.asyncProperty(
        fc.uint8Array({ maxLength: 200 }),
        async (b) =>
          void (await outcome(() =>
            parseDg12(new Uint8Array([0x6c, b.length & 0x7f, ...b.subarray(0, 127)])),
          )),
      ),
      RUNS,
    );
    await fc.assert(
      fc.asyncProperty(fc.string({ maxLength: 100 }), async (s) => void (await outcome(() => parseMrz(s)))),
      RUNS,
    );
  });

  it("wrong tags are named", async () => {
    const dg2 = doc.dataGroups.get(2) as Uint8Array;
    await expect(outcome(() => parseDg1(dg2))).resolves.toBe("unexpected_structure");
    expect(() => parseDg1(dg2)).toThrow(/DG1: expected tag 0x61, found 0x75/);
    expect(() => parseSod(dg2)).toThrow(/EF.SOD: expected tag 0x77/);
  });

  it("absurd lengths, deep nesting and huge node counts stop early with malformed_asn1", async () => {
    const absurd = new Uint8Array([0x77, 0x84, 0xff, 0xff, 0xff, 0xf0, 0x30, 0x00]);
    expect(() => parseSod(absurd)).toThrow(EmrtdError);
    const depth = 5000;
    const nested = new Uint8Array(depth * 2);
    for (let i = 0; i < depth; i++) nested.set([0x30, 0x80], i * 2); // indefinite-length SEQUENCEs
    const start = Date.now();
    expect(() => parseSod(new Uint8Array([0x77, 0x80, ...nested]))).toThrow(
      expect.objectContaining({ code: "malformed_asn1" }),
    );
    const nulls = new Uint8Array(200_000);
    for (let i = 0; i < nulls.length; i += 2) nulls.set([0x05, 0x00], i);
    const many = new Uint8Array([
      0x77,
      0x83,
      (nulls.length + 5) >> 16,
      ((nulls.length + 5) >> 8) & 0xff,
      (nulls.length + 5) & 0xff,
      0x30,
      0x83,
      nulls.length >> 16,
      (nulls.length >> 8) & 0xff,
      nulls.length & 0xff,
      ...nulls,
    ]);
    expect(() => parseSod(many)).toThrow(expect.objectContaining({ code: "malformed_asn1" }));
    expect(Date.now() - start).toBeLessThan(5000);
  });

  it("garbage master lists are refused", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.uint8Array({ minLength: 1, maxLength: 400 }),
        async (b) => void (await outcome(() => parseTrustAnchorFile(b, { pinnedRoots: [deRoot] }))),
      ),
      RUNS,
    );
  });

  it("unknown key algorithms and curves get unsupported_algorithm", () => {
    const unknownKey = new Uint8Array([
      0x30, 0x0b, 0x30, 0x05, 0x06, 0x03, 0x2a, 0x03, 0x04, 0x03, 0x02, 0x00, 0x01,
    ]);
    expect(() => VerificationKey.fromSpki(unknownKey)).toThrow(
      expect.objectContaining({ code: "unsupported_algorithm" }),
    );
    // ecPublicKey on secp256k1 (1.3.132.0.10), a curve no passport uses
    const k1 = new Uint8Array([
      0x30, 0x15, 0x30, 0x10, 0x06, 0x07, 0x2a, 0x86, 0x48, 0xce, 0x3d, 0x02, 0x01, 0x06, 0x05, 0x2b, 0x81,
      0x04, 0x00, 0x0a, 0x03, 0x01, 0x00,
    ]);
    expect(() => VerificationKey.fromSpki(k1)).toThrow(/named curve 1.3.132.0.10 is not supported/);
  });
});

describe("Active Authentication with hostile answers", () => {
  it("random answers and challenges never verify and never throw anything but EmrtdError", async () => {
    const rsa = await createDocument({ keyOptions: { rsaBits: 1024 } });
    const ec = await createDocument({ activeAuthentication: "ecdsa", csca: rsa.csca });
    for (const doc of [rsa, ec]) {
      const dg15 = doc.dataGroups.get(15) as Uint8Array;
      await fc.assert(
        fc.asyncProperty(
          fc.uint8Array({ minLength: 0, maxLength: 80 }),
          fc.uint8Array({ minLength: 0, maxLength: 300 }),
          async (challenge, answer) => {
            try {
              const result = await verifyActiveAuthentication(dg15, challenge, answer);
              expect(result.valid).toBe(false);
            } catch (error) {
              expect(error).toBeInstanceOf(EmrtdError);
            }
          },
        ),
        { numRuns: 100 },
      );
    }
  });
});
