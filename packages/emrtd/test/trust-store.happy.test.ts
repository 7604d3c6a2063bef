import { describe, expect, it } from "vitest";
import { parseTrustAnchorFile, TrustStore, TrustStoreCache, verifyDocument } from "../src/index.ts";
import { createDocument } from "../src/testing/index.ts";

describe("trust store", () => {
  it("entries round-trip through storage (der as ArrayBuffer, as D1 returns BLOBs)", async () => {
    const doc = await createDocument({ keyOptions: { rsaBits: 1024 }, activeAuthentication: "none" });
    const { entries } = await parseTrustAnchorFile(doc.csca.der);
    expect(entries[0]).toMatchObject({
      kind: "csca",
      country: "UT",
      subject: expect.stringMatching(/CN=CSCA UT/),
      skid: expect.stringMatching(/^[0-9a-f]{40}$/),
      fingerprint: expect.stringMatching(/^[0-9a-f]{64}$/),
    });
    const stored = JSON.parse(JSON.stringify(entries.map((e) => ({ ...e, der: undefined }))));
    const rows = stored.map((e: object, i: number) => ({
      ...e,
      der: (entries[i] as { der: Uint8Array }).der.slice().buffer,
    }));
    const report = await verifyDocument(
      { sod: doc.sod, dataGroups: doc.dataGroups },
      { trustStore: TrustStore.fromEntries(rows), now: doc.now },
    );
    expect(report.authentic, JSON.stringify(report.checks)).toBe(true);
  });

  it("a DSC once chained is not verified again; the cache is per store", async () => {
    const doc = await createDocument({ keyOptions: { rsaBits: 1024 }, activeAuthentication: "none" });
    const store = TrustStore.fromEntries((await parseTrustAnchorFile(doc.csca.der)).entries);
    const first = await verifyDocument(
      { sod: doc.sod, dataGroups: doc.dataGroups },
      { trustStore: store, now: doc.now },
    );
    const { dsc, fingerprint } = await store.dscFor(new Uint8Array(doc.dsc.der), () => {
      throw new Error("parsed again");
    });
    expect(dsc.serial).toBe(first.dsc?.serial);
    expect(store.chain(dsc, fingerprint)).toBe(store.chain(dsc, fingerprint));
  });

  it("TrustStoreCache loads once per version and reloads when it changes", async () => {
    const doc = await createDocument({ keyOptions: { rsaBits: 1024 }, activeAuthentication: "none" });
    const { entries } = await parseTrustAnchorFile(doc.csca.der);
    const cache = new TrustStoreCache();
    let loads = 0;
    const load = async () => {
      loads++;
      return entries;
    };
    const a = await cache.get("v1", load);
    expect(await cache.get("v1", load)).toBe(a);
    expect(loads).toBe(1);
    expect(await cache.get("v2", load)).not.toBe(a);
    expect(loads).toBe(2);
    await expect(cache.get("v3", () => Promise.reject(new Error("D1 down")))).rejects.toThrow("D1 down");
    expect(await cache.get("v3", load)).toBeInstanceOf(TrustStore);
  });
});
