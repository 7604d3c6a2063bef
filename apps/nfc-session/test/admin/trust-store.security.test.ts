import { createDocument } from "@edgekyc/emrtd/testing";
import { describe, expect, it } from "vitest";
import { ADMIN, createPartner, post, workerFetch } from "../support/nfc-harness.ts";

const b64 = (bytes: Uint8Array) => btoa(Array.from(bytes, (b) => String.fromCharCode(b)).join(""));

describe("trust-store admin API refusals", () => {
  it("wants the admin token: none, a wrong one and a partner key get 401 problem details", async () => {
    const partner = await createPartner();
    for (const headers of [
      {} as Record<string, string>,
      { authorization: "Bearer wrong-token-0123456789" },
      { authorization: `Bearer ${partner.apiKey}` },
    ]) {
      const res = await workerFetch()("/nfc/admin/v1/trust/anchors", { headers });
      expect(res.status).toBe(401);
      expect(res.headers.get("content-type")).toContain("application/problem+json");
    }
  });

  it("refuses garbage, a CRL sent as a certificate, a certificate sent as a CRL, and stores nothing", async () => {
    const fixture = await createDocument({ algorithm: "ecdsa-p256-sha256" });
    const cases: [string, string, string][] = [
      ["certificates", b64(new Uint8Array([0x30, 0x82, 0xff, 0xff, 1, 2, 3])), "file refused"],
      ["certificates", "%%% not base64 %%%", "not base64"],
      ["certificates", b64(fixture.crl), "not a certificate"],
      ["crls", b64(fixture.csca.der), "not a CRL"],
      ["master-lists", b64(fixture.csca.der), "pin a master-list signer root first"],
    ];
    for (const [collection, file, message] of cases) {
      const res = await post(`/nfc/admin/v1/trust/${collection}`, { file }, ADMIN);
      expect(res.status, `${collection}: ${await res.clone().text()}`).toBe(422);
      expect(await res.text()).toContain(message);
    }
    const listed = await workerFetch()("/nfc/admin/v1/trust/anchors", { headers: ADMIN });
    expect((await listed.json<{ data: unknown[] }>()).data).toEqual([]);
  });

  it("answers 404 for unknown ids and 400 for malformed ones", async () => {
    const unknown = await workerFetch()("/nfc/admin/v1/trust/anchors/tan_01aaaaaaaaaaaaaaaaaaaaaaaa", {
      method: "DELETE",
      headers: ADMIN,
    });
    expect(unknown.status).toBe(404);
    const malformed = await workerFetch()("/nfc/admin/v1/trust/../../x", {
      method: "DELETE",
      headers: ADMIN,
    });
    expect([400, 404]).toContain(malformed.status);
  });
});
