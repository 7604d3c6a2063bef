import { describe, expect, it } from "vitest";
import {
  FaceEngineUnavailableError,
  FaceTecVerifier,
  faceTecVerifierFor,
  ProviderError,
  SmileIdVerifier,
  sandboxFaceTecServer,
  sandboxSmileIdApi,
  smileIdVerifierFor,
} from "../src/index.ts";

const scan = { faceScan: "c2Nhbg==", auditTrailImage: "YXVkaXQ=", lowQualityAuditTrailImage: "bG93" };
const portrait = new Uint8Array([0xff, 0xd8, 0xff, 1]);
const noWait = { sleep: async () => {}, random: () => 0 };

describe("face provider clients under failure", () => {
  it("FaceTec: retries the keyed enrollment after a 503, never the match", async () => {
    const calls: string[] = [];
    const fetcher = async (request: Request) => {
      const path = new URL(request.url).pathname;
      calls.push(path);
      if (calls.length === 1) return new Response("busy", { status: 503 });
      if (path === "/match-3d-2d-3rdparty-idphoto") return new Response("busy", { status: 503 });
      return Response.json({
        success: true,
        faceScanSecurityChecks: {
          auditTrailVerificationCheckSucceeded: true,
          faceScanLivenessCheckSucceeded: true,
          replayCheckSucceeded: true,
          sessionTokenCheckSucceeded: true,
        },
      });
    };
    const verifier = new FaceTecVerifier(
      { baseUrl: "https://facetec.example", deviceKey: "dk" },
      { fetcher, ...noWait },
    );
    await expect(verifier.compare({ reference: portrait, scan, referenceId: "c" })).rejects.toBeInstanceOf(
      ProviderError,
    );
    expect(calls).toEqual(["/enrollment-3d", "/enrollment-3d", "/match-3d-2d-3rdparty-idphoto"]);
  });

  it("FaceTec: a FaceScan that fails a security check is not compared", async () => {
    const fetcher = async () =>
      Response.json({
        success: false,
        errorMessage: "replay detected",
        faceScanSecurityChecks: {
          auditTrailVerificationCheckSucceeded: true,
          faceScanLivenessCheckSucceeded: true,
          replayCheckSucceeded: false,
          sessionTokenCheckSucceeded: true,
        },
      });
    const verifier = new FaceTecVerifier(
      { baseUrl: "https://facetec.example", deviceKey: "dk" },
      { fetcher, ...noWait },
    );
    expect(await verifier.compare({ reference: portrait, scan, referenceId: "c" })).toMatchObject({
      status: "not_compared",
      match: false,
      reason: "replay detected",
    });
    expect(await verifier.liveness({ scan, minConfidence: 0, referenceId: "c" })).toMatchObject({
      passed: false,
      confidence: 0,
    });
  });

  it("FaceTec: a server that never answers times out as a ProviderError", async () => {
    const fetcher = (request: Request) =>
      new Promise<Response>((_, reject) =>
        request.signal.addEventListener("abort", () => reject(new Error("aborted"))),
      );
    const verifier = new FaceTecVerifier(
      { baseUrl: "https://facetec.example", deviceKey: "dk" },
      { fetcher, timeoutMs: 20, retries: 0, ...noWait },
    );
    await expect(verifier.liveness({ scan, minConfidence: 0, referenceId: "c" })).rejects.toMatchObject({
      kind: "timeout",
    });
  });

  it("Smile ID: a job that never completes is not compared; a refused upload is an error", async () => {
    const never = async (request: Request) => {
      if (request.method === "PUT") return new Response(null, { status: 200 });
      if (request.url.endsWith("/upload"))
        return Response.json({ upload_url: "https://u.example/1", smile_job_id: "9" });
      return Response.json({ job_complete: false });
    };
    const slow = new SmileIdVerifier(
      { partnerId: "1", apiKey: "k", maxPolls: 3, pollInitialMs: 0 },
      { fetcher: never, pollSleep: async () => {} },
    );
    expect(await slow.compare({ reference: portrait, probe: portrait, referenceId: "j" })).toMatchObject({
      status: "not_compared",
      reason: expect.stringContaining("in time"),
    });
    const refused = async (request: Request) =>
      request.method === "PUT"
        ? new Response(null, { status: 403 })
        : Response.json({ upload_url: "https://u.example/1", smile_job_id: "9" });
    const verifier = new SmileIdVerifier(
      { partnerId: "1", apiKey: "k" },
      { fetcher: refused, pollSleep: async () => {}, ...noWait },
    );
    await expect(
      verifier.compare({ reference: portrait, probe: portrait, referenceId: "j" }),
    ).rejects.toMatchObject({ code: "provider_rejected_upload" });
  });

  it("Smile ID: an error answer to the upload is a ProviderError", async () => {
    const fetcher = async () => Response.json({ code: "2204", error: "unauthorized" }, { status: 401 });
    const verifier = new SmileIdVerifier({ partnerId: "1", apiKey: "k" }, { fetcher, ...noWait });
    await expect(
      verifier.compare({ reference: portrait, probe: portrait, referenceId: "j" }),
    ).rejects.toBeInstanceOf(ProviderError);
  });

  it("live keys without the engine's settings or secrets: a typed FaceEngineUnavailableError naming them", () => {
    const scorer = () => {
      throw new Error("the scorer is only for sandboxes");
    };
    expect(() =>
      faceTecVerifierFor("live", { serverUrl: null, deviceKey: "dk", minMatchLevel: 6 }, scorer),
    ).toThrow(FaceEngineUnavailableError);
    expect(() =>
      faceTecVerifierFor("live", { serverUrl: "https://f.example", deviceKey: "", minMatchLevel: 6 }, scorer),
    ).toThrow("facetec.deviceKeyIdentifier");
    expect(() =>
      smileIdVerifierFor("live", { partnerId: "1", apiKey: undefined, baseUrl: "https://s.example" }, scorer),
    ).toThrow("SMILE_ID_FACE_API_KEY");
  });

  it("sandboxes refuse what the real services refuse: wrong device key, bad signature, unknown enrollment", async () => {
    const scorer = {
      compare: async () => ({ compared: true, matchLevel: 10, confidence: 99 }),
      liveness: async () => ({ faceFound: true, confidence: 99 }),
    };
    const facetec = sandboxFaceTecServer(scorer, "right-key");
    const post = (path: string, key: string, body: unknown) =>
      facetec(
        new Request(`https://ft.invalid${path}`, {
          method: "POST",
          headers: { "X-Device-Key": key },
          body: JSON.stringify(body),
        }),
      );
    expect(await (await post("/liveness-3d", "wrong-key", scan)).json()).toMatchObject({
      success: false,
      error: true,
      errorMessage: expect.stringContaining("X-Device-Key"),
    });
    expect(
      await (
        await post("/match-3d-2d-3rdparty-idphoto", "right-key", {
          externalDatabaseRefID: "x",
          image: "AA==",
        })
      ).json(),
    ).toMatchObject({ success: false, errorMessage: expect.stringContaining("No enrollment") });
    expect((await post("/nowhere", "right-key", {})).status).toBe(404);
    const smile = sandboxSmileIdApi(scorer, {
      partnerId: "p",
      apiKey: "k",
      baseUrl: "https://si.invalid/v1",
    });
    const upload = await smile(
      new Request("https://si.invalid/v1/upload", {
        method: "POST",
        body: JSON.stringify({ partner_id: "p", timestamp: new Date().toISOString(), signature: "forged" }),
      }),
    );
    expect(upload.status).toBe(401);
    expect(await upload.json()).toMatchObject({ code: "2205" });
    // The verifier surfaces a FaceTec refusal of a FaceScan as not compared, never as a match.
    const verifier = faceTecVerifierFor("test", { serverUrl: null, deviceKey: "", minMatchLevel: 6 }, () => ({
      ...scorer,
      liveness: async () => ({ faceFound: false, confidence: 0 }),
    }));
    expect(await verifier.compare({ reference: portrait, scan, referenceId: "r" })).toMatchObject({
      status: "not_compared",
      match: false,
    });
  });
});
