import { createDocument } from "@edgekyc/emrtd/testing";
import { describe, expect, it } from "vitest";
// The public eMRTD corpus kept by @edgekyc/emrtd (see packages/emrtd/test/corpus/README.md).
import deMasterList from "../../../../packages/emrtd/test/corpus/master-lists/DE_ML_2026-05-28-08-28-45.ml?bytes";
import deRoot from "../../../../packages/emrtd/test/corpus/master-lists/DE_ROOT_CA_CSCA07.cer?bytes";
import {
  ADMIN,
  chipJwe,
  createPartner,
  fakeFace,
  post,
  readyForChip,
  simulated,
  workerFetch,
} from "../support/nfc-harness.ts";

const b64 = (bytes: Uint8Array) => btoa(Array.from(bytes, (b) => String.fromCharCode(b)).join(""));

async function adminGet(path: string) {
  const res = await workerFetch()(path, { headers: ADMIN });
  return { status: res.status, json: await res.json<Record<string, unknown>>() };
}

describe("trust-store admin API", () => {
  it("imports the German master list against its pinned signer root, lists and removes it", async () => {
    const refused = await post("/nfc/admin/v1/trust/master-lists", { file: b64(deMasterList) }, ADMIN);
    expect(refused.status).toBe(422);
    expect(await refused.text()).toContain("pin a master-list signer root first");

    const pinned = await post(
      "/nfc/admin/v1/trust/pinned-roots",
      { file: b64(deRoot), label: "DE CSCA 07" },
      ADMIN,
    );
    expect(pinned.status, await pinned.clone().text()).toBe(201);
    expect(await pinned.json()).toMatchObject({ kind: "pinned_root", anchor_count: 1 });

    const imported = await post(
      "/nfc/admin/v1/trust/master-lists",
      { file: b64(deMasterList), label: "DE 2026-05" },
      ADMIN,
    );
    const body = await imported.json<{ id: string; anchor_count: number; anchors: { country: string }[] }>();
    expect(imported.status, JSON.stringify(body).slice(0, 300)).toBe(201);
    expect(body.anchor_count).toBeGreaterThan(500);
    expect(body.anchors.some((a) => a.country === "FR")).toBe(true);

    const french = await adminGet("/nfc/admin/v1/trust/anchors?kind=csca&country=FR");
    expect(french.status).toBe(200);
    expect((french.json.data as unknown[]).length).toBeGreaterThan(0);

    const removed = await workerFetch()(`/nfc/admin/v1/trust/imports/${body.id}`, {
      method: "DELETE",
      headers: ADMIN,
    });
    expect(await removed.json()).toMatchObject({ id: body.id, anchors_removed: body.anchor_count });
    expect(
      ((await adminGet("/nfc/admin/v1/trust/anchors?kind=csca&country=FR")).json.data as unknown[]).length,
    ).toBe(0);
    // ~1 MB of CMS and 588 certificates: seconds on a loaded test machine.
  }, 90_000);

  it("takes a CSCA as PEM; once it is removed, its documents are no longer supported", async () => {
    const partner = await createPartner();
    const fixture = await createDocument({
      algorithm: "ecdsa-p256-sha256",
      country: "NL",
      faceImage: fakeFace(1),
    });
    const pem = `-----BEGIN CERTIFICATE-----\n${b64(fixture.csca.der).replace(/(.{64})/g, "$1\n")}\n-----END CERTIFICATE-----\n`;
    const imported = await post("/nfc/admin/v1/trust/certificates", { file: pem }, ADMIN);
    const body = await imported.json<{ anchors: { id: string; country: string; kind: string }[] }>();
    expect(imported.status, JSON.stringify(body)).toBe(201);
    expect(body.anchors[0]).toMatchObject({ kind: "csca", country: "NL" });
    const document = simulated(fixture);

    const first = await readyForChip(partner, document);
    expect(await first.app.uploadChip(await chipJwe(first, document))).toMatchObject({ status: 200 });

    const anchorId = body.anchors[0]?.id as string;
    expect(
      (await workerFetch()(`/nfc/admin/v1/trust/anchors/${anchorId}`, { method: "DELETE", headers: ADMIN }))
        .status,
    ).toBe(200);
    const second = await readyForChip(partner, document);
    expect(await second.app.uploadChip(await chipJwe(second, document))).toMatchObject({
      status: 422,
      code: 2001,
    });
  });
});
