import { env } from "cloudflare:workers";
import { unzipSync } from "fflate";
import { afterEach, describe, expect, it, vi } from "vitest";
import { markerImage } from "../../src/face/marker-engine.ts";
import { dataUrl, enrollment, newProcess } from "../support/assure-flow.ts";
import { facetecReceiver } from "../support/facetec-receiver.ts";
import { assureToken, call, createPartner, setSettings } from "../support/http.ts";
import { captureResults, runJob } from "../support/jobs.ts";

const alice = (extra: { live?: number; match?: number } = {}) =>
  markerImage({ face: "alice", live: 95, ...extra });

describe("Signicat Assure FaceTec flow", () => {
  it("creates a dossier and a process with the partner's FaceTec keys", async () => {
    const partner = await createPartner();
    await setSettings(partner.id, {
      facetec: { deviceKeyIdentifier: "dk-123", encryptionPublicKey: "pk", productionKeyText: "prod" },
    });
    const token = await assureToken(partner);
    const dossier = await call("POST", "/assure/dossiers", { token });
    expect(dossier.status, await dossier.clone().text()).toBe(201);
    const { dossierId } = await dossier.json<{ dossierId: string }>();
    const res = await call("POST", `/assure/dossiers/${dossierId}/processes`, {
      token,
      body: { provider: "facetec" },
    });
    expect(res.status, await res.clone().text()).toBe(201);
    const body = await res.json<Record<string, string>>();
    expect(body).toMatchObject({
      status: "pending",
      provider: "facetec",
      facetecDeviceKeyIdentifier: "dk-123",
      facetecEncryptionPublicKey: "pk",
      facetecProductionKeyText: "prod",
    });
    expect(body.processId).toMatch(/^[0-9a-f-]{36}$/);
    expect(body.authorization?.length).toBeGreaterThan(20);
    expect(body.createdAt).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/);
    const got = await call("GET", `/assure/dossiers/${dossierId}`, { token });
    expect(await got.json()).toMatchObject({
      dossierId,
      processes: [{ processId: body.processId, status: "pending" }],
    });
  });

  it("goes pending → processing → accepted, with the seed's providerSpecific, event and full result", async () => {
    const sent = captureResults();
    const partner = await createPartner();
    const token = await assureToken(partner);
    const { dossierId, processId, base } = await newProcess(token);
    const put = await call("PUT", `${base}/images/selfie`, { token, text: dataUrl(alice()) });
    expect(put.status, await put.text()).toBe(204);
    const image = await call("GET", `${base}/images/selfie`, { token });
    expect(await image.text()).toBe(dataUrl(alice()));

    const started = await call("POST", `${base}/verify`, { token, body: enrollment(alice()) });
    expect(started.status, await started.clone().text()).toBe(202);
    expect(await started.json()).toMatchObject({ processId, status: "processing" });
    expect(await runJob("process", processId)).toBe(true);

    const res = await call("GET", base, { token });
    expect(await res.json()).toMatchObject({
      processId,
      provider: "facetec",
      status: "accepted",
      finalResult: { livenessDetected: "true", similarityScore: "high" },
      providerSpecific: {
        liveness: {
          faceScanSecurityChecks: {
            auditTrailVerificationCheckSucceeded: true,
            replayCheckSucceeded: true,
            faceScanLivenessCheckSucceeded: true,
            sessionTokenCheckSucceeded: true,
          },
          error: false,
          success: true,
        },
        matching: {
          attempts: [
            {
              algorithm: "facePortrait",
              matchLevel: 10,
              imageProcessing: "faceFound",
              success: true,
              error: false,
            },
          ],
          algorithm: "facePortrait",
          matchLevel: 10,
          success: true,
        },
      },
    });
    expect(sent).toMatchObject([
      {
        partnerId: partner.id,
        capability: "biometric-liveness",
        type: "biometric.process.completed",
        payload: { dossierId, processId, status: "accepted" },
      },
    ]);

    const zip = await call("GET", `${base}/fullresult`, { token });
    expect(zip.status).toBe(200);
    expect(zip.headers.get("content-type")).toBe("application/zip");
    const files = unzipSync(new Uint8Array(await zip.arrayBuffer()));
    expect(Object.keys(files).sort()).toEqual(["liveness.json", "matching_facePortrait.json", "selfie.jpeg"]);
    expect(JSON.parse(new TextDecoder().decode(files["liveness.json"]))).toMatchObject({ success: true });
  });

  it("is inconclusive between the partner's levels, trying idPhoto and idPhotoLowQuality after facePortrait", async () => {
    const partner = await createPartner();
    await setSettings(partner.id, { facetec: { acceptMatchLevel: 7, inconclusiveMatchLevel: 3 } });
    const token = await assureToken(partner);
    const { processId, base } = await newProcess(token);
    await call("PUT", `${base}/images/selfie`, { token, text: dataUrl(alice()) });
    await call("PUT", `${base}/images/front`, { token, text: dataUrl(alice()) });
    await call("POST", `${base}/verify`, {
      token,
      body: enrollment(alice({ match: 4 }), { lowQuality: alice({ match: 5 }) }),
    });
    await runJob("process", processId);
    const body = await (await call("GET", base, { token })).json<{
      status: string;
      providerSpecific: { matching: unknown };
    }>();
    expect(body.status).toBe("inconclusive");
    expect(body.providerSpecific.matching).toMatchObject({
      attempts: [
        { algorithm: "facePortrait", matchLevel: 4, success: false },
        { algorithm: "idPhoto", matchLevel: 4, success: false },
        { algorithm: "idPhotoLowQuality", matchLevel: 5, success: false },
      ],
      algorithm: "idPhotoLowQuality",
      matchLevel: 5,
    });
  });

  it("is rejected below the inconclusive level, and when a liveness check fails", async () => {
    const partner = await createPartner();
    const token = await assureToken(partner);
    const bob = markerImage({ face: "bob", live: 95 });
    const noMatch = await newProcess(token);
    await call("PUT", `${noMatch.base}/images/selfie`, { token, text: dataUrl(bob) });
    await call("POST", `${noMatch.base}/verify`, { token, body: enrollment(alice()) });
    await runJob("process", noMatch.processId);
    expect(await (await call("GET", noMatch.base, { token })).json()).toMatchObject({
      status: "rejected",
      finalResult: { livenessDetected: "true", similarityScore: "low" },
    });

    const spoof = await newProcess(token);
    await call("PUT", `${spoof.base}/images/selfie`, { token, text: dataUrl(alice()) });
    await call("POST", `${spoof.base}/verify`, { token, body: enrollment(alice({ live: 10 })) });
    await runJob("process", spoof.processId);
    expect(await (await call("GET", spoof.base, { token })).json()).toMatchObject({
      status: "rejected",
      providerSpecific: {
        liveness: { success: false, faceScanSecurityChecks: { faceScanLivenessCheckSucceeded: false } },
      },
      finalResult: { livenessDetected: "false", similarityScore: "high" },
    });
  });

  it("fails the replay check when a FaceScan is used a second time", async () => {
    const partner = await createPartner();
    const token = await assureToken(partner);
    const faceScan = btoa("the-same-facescan");
    for (const expected of [true, false]) {
      const { processId, base } = await newProcess(token);
      await call("PUT", `${base}/images/selfie`, { token, text: dataUrl(alice()) });
      await call("POST", `${base}/verify`, { token, body: enrollment(alice(), { faceScan }) });
      await runJob("process", processId);
      const body = await (await call("GET", base, { token })).json<{
        status: string;
        providerSpecific: { liveness: { faceScanSecurityChecks: { replayCheckSucceeded: boolean } } };
      }>();
      expect(body.providerSpecific.liveness.faceScanSecurityChecks.replayCheckSucceeded).toBe(expected);
      expect(body.status).toBe(expected ? "accepted" : "rejected");
    }
  });

  it("erases the dossier's images and records on DELETE", async () => {
    const partner = await createPartner();
    const token = await assureToken(partner);
    const { dossierId, base } = await newProcess(token);
    await call("PUT", `${base}/images/selfie`, { token, text: dataUrl(alice()) });
    const prefix = `partners/${partner.id}/biometric-liveness/${dossierId}/`;
    expect((await env.UPLOADS.list({ prefix })).objects.length).toBe(1);
    const stored = await env.UPLOADS.get((await env.UPLOADS.list({ prefix })).objects[0]?.key as string);
    expect(new TextDecoder().decode(await stored?.arrayBuffer())).not.toContain("edgekyc-test");
    const del = await call("DELETE", `/assure/dossiers/${dossierId}`, { token });
    expect(del.status, await del.text()).toBe(204);
    expect((await env.UPLOADS.list({ prefix })).objects.length).toBe(0);
    expect((await call("GET", `/assure/dossiers/${dossierId}`, { token })).status).toBe(404);
    const rows = await env.DB.prepare("select count(*) as n from images where partner_id = ?")
      .bind(partner.id)
      .first<{ n: number }>();
    expect(rows?.n).toBe(0);
  });
});

// The partner's `faceEngine` setting decides who verifies faces (the marker engine stands behind the
// sandboxes and the FaceTec-shaped receiver).
const face = (name: string, extra: { live?: number; match?: number } = {}) =>
  markerImage({ face: name, live: 95, ...extra });

async function assureProcess(partner: Awaited<ReturnType<typeof createPartner>>, match?: number) {
  const token = await assureToken(partner);
  const { processId, base } = await newProcess(token);
  const put = await call("PUT", `${base}/images/selfie`, { token, text: dataUrl(face("alice")) });
  expect(put.status, await put.text()).toBe(204);
  const probe = face("alice", match === undefined ? {} : { match });
  const started = await call("POST", `${base}/verify`, { token, body: enrollment(probe) });
  expect(started.status, await started.clone().text()).toBe(202);
  expect(await runJob("process", processId)).toBe(true);
  return (await call("GET", base, { token })).json<Record<string, unknown>>();
}

afterEach(() => vi.restoreAllMocks());

describe("faceEngine facetec: the partner's choice of engine is honoured", () => {
  it("facetec with live keys: liveness, enrollment and 3D:2D match go to the partner's FaceTec Server", async () => {
    captureResults();
    const partner = await createPartner("Live FaceTec", "live");
    await setSettings(partner.id, {
      faceEngine: "facetec",
      facetec: { deviceKeyIdentifier: "dk-live-1", serverUrl: "https://facetec.partner.test/api" },
    });
    const calls = facetecReceiver("https://facetec.partner.test/api/", "dk-live-1");
    const process = await assureProcess(partner, 7);
    expect(calls.map((c) => new URL(c.url).pathname)).toEqual([
      "/api/liveness-3d",
      "/api/enrollment-3d",
      "/api/match-3d-2d-3rdparty-idphoto",
    ]);
    for (const c of calls) {
      expect(c.deviceKey).toBe("dk-live-1");
      expect(c.userAgent).toBe("facetec-test-agent");
    }
    expect(calls[1]?.body).toMatchObject({
      faceScan: expect.any(String),
      auditTrailImage: expect.any(String),
    });
    expect(calls[2]?.body).toMatchObject({ image: expect.any(String), minMatchLevel: 6 });
    // The server's matchLevel 7 maps into Assure's attempt and status.
    expect(process).toMatchObject({
      status: "accepted",
      providerSpecific: { matching: { algorithm: "facePortrait", matchLevel: 7, success: true } },
    });
  });

  it("facetec with live keys: the server's low matchLevel makes the process inconclusive", async () => {
    captureResults();
    const partner = await createPartner("Live FaceTec low", "live");
    await setSettings(partner.id, {
      faceEngine: "facetec",
      facetec: { deviceKeyIdentifier: "dk-live-2", serverUrl: "https://facetec2.partner.test" },
    });
    facetecReceiver("https://facetec2.partner.test/", "dk-live-2");
    expect(await assureProcess(partner, 3)).toMatchObject({
      status: "inconclusive",
      finalResult: { livenessDetected: "true", similarityScore: "medium" },
    });
  });

  it("facetec with test keys: the local sandbox FaceTec Server answers; nothing leaves the Worker", async () => {
    captureResults();
    const partner = await createPartner("Sandbox FaceTec");
    await setSettings(partner.id, { faceEngine: "facetec" });
    const outbound = vi.spyOn(globalThis, "fetch");
    expect(await assureProcess(partner)).toMatchObject({
      status: "accepted",
      providerSpecific: { matching: { matchLevel: 10, success: true } },
    });
    expect(outbound).not.toHaveBeenCalled();
  });
});
