import { afterEach, describe, expect, it, vi } from "vitest";
import { markerImage } from "../../src/face/marker-engine.ts";
import { dataUrl, enrollment, newProcess } from "../support/assure-flow.ts";
import { assureToken, call, createPartner, setSettings } from "../support/http.ts";
import { runJob } from "../support/jobs.ts";

const ada = () => markerImage({ face: "ada" });

describe("Signicat Assure errors", () => {
  it("refuses a provider other than facetec, and ids that are not UUIDs", async () => {
    const token = await assureToken(await createPartner());
    const { dossierId } = await newProcess(token);
    const res = await call("POST", `/assure/dossiers/${dossierId}/processes`, {
      token,
      body: { provider: "onfido" },
    });
    expect(res.status).toBe(422);
    expect(await res.json()).toMatchObject({ detail: expect.stringContaining('provider must be "facetec"') });
    for (const holderKey of [
      { kty: "OKP", crv: "Ed25519", x: "short" },
      { kty: "RSA", n: "AQAB", e: "AQAB" },
      { kty: "OKP", crv: "Ed25519", x: "11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo", d: "secret" },
    ]) {
      const refused = await call("POST", `/assure/dossiers/${dossierId}/processes`, {
        token,
        body: { provider: "facetec", holderKey },
      });
      expect(refused.status, await refused.clone().text()).toBe(422);
      expect(await refused.json()).toMatchObject({ detail: expect.stringContaining("holderKey") });
    }
    const bad = await call("GET", "/assure/dossiers/not-a-uuid", { token });
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({ detail: expect.stringContaining("dossier id") });
  });

  it("refuses images that are not images, truncated, or of the wrong declared type", async () => {
    const token = await assureToken(await createPartner());
    const { base } = await newProcess(token);
    const truncated = ada().subarray(0, 12);
    const cases: [string, RegExp][] = [
      ["data:image/jpeg;base64,aGVsbG8gd29ybGQ=", /JPEG, PNG or WebP/],
      [dataUrl(truncated), /truncated/],
      [dataUrl(ada()).replace("image/jpeg", "image/png"), /declares image\/png/],
      ["", /empty|image/],
    ];
    for (const [text, message] of cases) {
      const res = await call("PUT", `${base}/images/selfie`, { token, text });
      expect(res.status, message.source).toBe(422);
      expect((await res.json<{ detail: string }>()).detail).toMatch(message);
    }
    const portrait = await call("PUT", `${base}/images/portrait`, { token, text: dataUrl(ada()) });
    expect(portrait.status).toBe(400);
    const xml = await call("PUT", `${base}/images/selfie`, {
      token,
      headers: { "content-type": "application/xml" },
      raw: new Uint8Array([60]),
    });
    expect(xml.status).toBe(415);
  });

  it("refuses steps out of order: verify without a reference image, twice, images after start, result before the end", async () => {
    const token = await assureToken(await createPartner());
    const { processId, base } = await newProcess(token);
    const early = await call("POST", `${base}/verify`, { token, body: enrollment(ada()) });
    expect(early.status).toBe(409);
    expect(await early.json()).toMatchObject({ detail: expect.stringContaining("selfie or front") });
    await call("PUT", `${base}/images/selfie`, { token, text: dataUrl(ada()) });
    expect((await call("GET", `${base}/fullresult`, { token })).status).toBe(409);
    expect((await call("POST", `${base}/verify`, { token, body: enrollment(ada()) })).status).toBe(202);
    expect((await call("POST", `${base}/verify`, { token, body: enrollment(ada()) })).status).toBe(409);
    expect((await call("PUT", `${base}/images/selfie`, { token, text: dataUrl(ada()) })).status).toBe(409);
    await runJob("process", processId);
    expect((await call("GET", `${base}/fullresult`, { token })).status).toBe(200);
  });

  it("refuses a malformed enrollment naming the field", async () => {
    const token = await assureToken(await createPartner());
    const { base } = await newProcess(token);
    await call("PUT", `${base}/images/selfie`, { token, text: dataUrl(ada()) });
    const res = await call("POST", `${base}/verify`, {
      token,
      body: { facetecEnrollment: { faceScan: "%%%", auditTrailImage: "x", userAgent: "a" } },
    });
    expect(res.status).toBe(422);
    expect((await res.json<{ detail: string }>()).detail).toContain("facetecEnrollment.faceScan");
    const noFace = await call("POST", `${base}/verify`, { token, body: enrollment(markerImage({})) });
    expect(noFace.status).toBe(202);
  });
});

describe("faceEngine: a choice that cannot run is the partner's clear error, never a 500", () => {
  const alice = markerImage({ face: "alice", live: 95 });
  afterEach(() => vi.restoreAllMocks());

  it("facetec with live keys and no FaceTec Server URL: verify is refused (409) naming the setting", async () => {
    const partner = await createPartner("Live no server", "live");
    await setSettings(partner.id, { faceEngine: "facetec", facetec: { deviceKeyIdentifier: "dk" } });
    const outbound = vi.spyOn(globalThis, "fetch");
    const token = await assureToken(partner);
    const { base } = await newProcess(token);
    await call("PUT", `${base}/images/selfie`, { token, text: dataUrl(alice) });
    const res = await call("POST", `${base}/verify`, { token, body: enrollment(alice) });
    expect(res.status, await res.clone().text()).toBe(409);
    expect((await res.json<{ detail: string }>()).detail).toContain("facetec.serverUrl");
    expect((await call("GET", base, { token })).status).toBe(200);
    expect(await (await call("GET", base, { token })).json()).toMatchObject({ status: "pending" });
    expect(outbound).not.toHaveBeenCalled();
  });

  it("facetec with live keys and the partner's server failing: the process waits for a retry, no partial result", async () => {
    const partner = await createPartner("Live server down", "live");
    await setSettings(partner.id, {
      faceEngine: "facetec",
      facetec: { deviceKeyIdentifier: "dk", serverUrl: "https://facetec-down.partner.test" },
    });
    const outbound = vi
      .spyOn(globalThis, "fetch")
      .mockImplementation(async () => new Response("upstream error", { status: 500 }));
    const token = await assureToken(partner);
    const { processId, base } = await newProcess(token);
    await call("PUT", `${base}/images/selfie`, { token, text: dataUrl(alice) });
    expect((await call("POST", `${base}/verify`, { token, body: enrollment(alice) })).status).toBe(202);
    await runJob("process", processId);
    expect(outbound).toHaveBeenCalled();
    const res = await call("GET", base, { token });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ status: "processing" });
  });

  it("refuses a FaceTec Server URL that is not https", async () => {
    const partner = await createPartner("Plain http");
    await expect(
      setSettings(partner.id, { facetec: { serverUrl: "http://facetec.partner.test" } }),
    ).rejects.toThrow("facetec.serverUrl");
  });
});
