import type { CompareResult, LivenessResult } from "@edgekyc/face-engine";
import { unzipSync } from "fflate";
import { describe, expect, it } from "vitest";
import {
  EmbeddedFaceVerifier,
  FaceInputError,
  FaceTecVerifier,
  faceTecVerifierFor,
  type SandboxFaceScorer,
  SmileIdVerifier,
  selectFaceVerifier,
  smileIdVerifierFor,
} from "../src/index.ts";

const scan = { faceScan: "c2Nhbg==", auditTrailImage: "YXVkaXQ=", lowQualityAuditTrailImage: "bG93" };
const portrait = new Uint8Array([0xff, 0xd8, 0xff, 1, 2, 3]);
const selfie = new Uint8Array([0xff, 0xd8, 0xff, 4, 5, 6]);
const passedChecks = {
  auditTrailVerificationCheckSucceeded: true,
  faceScanLivenessCheckSucceeded: true,
  replayCheckSucceeded: true,
  sessionTokenCheckSucceeded: true,
};

/** FaceTec Server as its REST API answers, recording what it was sent. */
function faceTecServer(matchLevel: number) {
  const seen: { path: string; headers: Headers; body: Record<string, unknown> }[] = [];
  const fetcher = async (request: Request) => {
    const path = new URL(request.url).pathname;
    seen.push({ path, headers: request.headers, body: (await request.json()) as Record<string, unknown> });
    if (path === "/liveness-3d" || path === "/enrollment-3d")
      return Response.json({
        success: true,
        wasProcessed: true,
        error: false,
        faceScanSecurityChecks: passedChecks,
      });
    if (path === "/match-3d-2d-3rdparty-idphoto")
      return Response.json({ success: true, wasProcessed: true, error: false, matchLevel });
    return new Response("not found", { status: 404 });
  };
  return { seen, fetcher };
}

describe("FaceTecVerifier", () => {
  it("enrolls the FaceScan and matches it with the portrait, reading matchLevel", async () => {
    const server = faceTecServer(8);
    const verifier = new FaceTecVerifier(
      { baseUrl: "https://facetec.example", deviceKey: "dk_1" },
      { fetcher: server.fetcher },
    );
    const outcome = await verifier.compare({ reference: portrait, scan, referenceId: "chk_1" });
    expect(outcome).toMatchObject({
      provider: "facetec",
      status: "compared",
      match: true,
      scores: { matchLevel: 8 },
    });
    expect(outcome.scores?.faceMatchConfidence).toBeGreaterThan(50);
    expect(server.seen.map((s) => s.path)).toEqual(["/enrollment-3d", "/match-3d-2d-3rdparty-idphoto"]);
    expect(server.seen[0]?.headers.get("x-device-key")).toBe("dk_1");
    expect(server.seen[0]?.headers.get("x-user-agent")).toBe("edgekyc-face-verifier");
    expect(server.seen[1]?.body).toMatchObject({
      externalDatabaseRefID: "chk_1",
      image: btoa(String.fromCharCode(...portrait)),
      minMatchLevel: 6,
    });
  });

  it("sends the device SDK's user agent as X-User-Agent and the session id in the body", async () => {
    const server = faceTecServer(8);
    const verifier = new FaceTecVerifier(
      { baseUrl: "https://facetec.example", deviceKey: "dk_1" },
      { fetcher: server.fetcher },
    );
    const fromDevice = { ...scan, sessionId: "sess-1", userAgent: "facetec|webbrowser|sess-1" };
    await verifier.liveness({ scan: fromDevice, minConfidence: 50, referenceId: "chk_3" });
    expect(server.seen[0]?.path).toBe("/liveness-3d");
    expect(server.seen[0]?.headers.get("x-user-agent")).toBe("facetec|webbrowser|sess-1");
    expect(server.seen[0]?.body).toEqual({
      faceScan: scan.faceScan,
      auditTrailImage: scan.auditTrailImage,
      lowQualityAuditTrailImage: scan.lowQualityAuditTrailImage,
      sessionId: "sess-1",
      externalDatabaseRefID: "chk_3",
    });
  });

  it("does not match below the minimum level, and checks liveness on the FaceScan", async () => {
    const server = faceTecServer(3);
    const verifier = new FaceTecVerifier(
      { baseUrl: "https://facetec.example", deviceKey: "dk_1" },
      { fetcher: server.fetcher },
    );
    const outcome = await verifier.compare({ reference: portrait, scan, referenceId: "chk_2" });
    expect(outcome.match).toBe(false);
    expect(outcome.scores?.matchLevel).toBe(3);
    const live = await verifier.liveness({ scan, minConfidence: 50, referenceId: "chk_2" });
    expect(live).toMatchObject({ passed: true, confidence: 100, confidenceArray: [100] });
  });

  it("refuses plain images: FaceTec needs its SDK's FaceScan", async () => {
    const verifier = new FaceTecVerifier(
      { baseUrl: "https://facetec.example", deviceKey: "dk_1" },
      { fetcher: faceTecServer(8).fetcher },
    );
    await expect(
      verifier.compare({ reference: portrait, probe: selfie, referenceId: "x" }),
    ).rejects.toBeInstanceOf(FaceInputError);
    await expect(
      verifier.liveness({ frames: [selfie], minConfidence: 50, referenceId: "x" }),
    ).rejects.toMatchObject({ code: "missing_face_scan" });
  });
});

/** Smile ID's v1 API as its SDK sees it: upload, the zip PUT, job_status polls. */
function smileIdServer(actions: Record<string, string>, confidence: string) {
  const uploads: Record<string, unknown>[] = [];
  let zip: Record<string, Uint8Array> | undefined;
  let polls = 0;
  const fetcher = async (request: Request) => {
    const url = new URL(request.url);
    if (request.method === "PUT") {
      zip = unzipSync(new Uint8Array(await request.arrayBuffer()));
      return new Response(null, { status: 200 });
    }
    const body = (await request.json()) as Record<string, unknown>;
    if (url.pathname.endsWith("/upload")) {
      uploads.push(body);
      return Response.json({ upload_url: "https://uploads.example/zip/1", smile_job_id: "0000001" });
    }
    if (url.pathname.endsWith("/job_status")) {
      polls++;
      return Response.json({
        job_complete: polls >= 2,
        job_success: true,
        result: {
          ResultCode: "1012",
          ResultText: "Validated",
          ConfidenceValue: confidence,
          Actions: actions,
        },
      });
    }
    return new Response("no", { status: 404 });
  };
  return { fetcher, uploads, zip: () => zip, polls: () => polls };
}

describe("SmileIdVerifier", () => {
  const config = { partnerId: "123", apiKey: "key", baseUrl: "https://smile.example/v1", pollInitialMs: 0 };

  it("uploads a signed job with the selfie and the ID photo, polls, and reads Selfie_To_ID_Card_Compare", async () => {
    const server = smileIdServer({ Selfie_To_ID_Card_Compare: "Passed", Liveness_Check: "Passed" }, "99.2");
    const verifier = new SmileIdVerifier(config, { fetcher: server.fetcher, pollSleep: async () => {} });
    const outcome = await verifier.compare({ reference: portrait, probe: selfie, referenceId: "job_1" });
    expect(outcome).toMatchObject({
      provider: "smileid",
      status: "compared",
      match: true,
      providerReference: "0000001",
      scores: { confidenceValue: 99.2 },
    });
    expect(server.uploads[0]).toMatchObject({
      partner_id: "123",
      partner_params: { job_id: "job_1", job_type: 1 },
    });
    expect(typeof server.uploads[0]?.signature).toBe("string");
    const info = JSON.parse(new TextDecoder().decode(server.zip()?.["info.json"])) as {
      images: { image_type_id: number }[];
    };
    expect(info.images.map((i) => i.image_type_id)).toEqual([2, 3]);
    expect(server.polls()).toBe(2);
  });

  it("reports a failed compare and a failed liveness check", async () => {
    const server = smileIdServer({ Selfie_To_ID_Card_Compare: "Failed", Liveness_Check: "Failed" }, "12");
    const verifier = new SmileIdVerifier(config, { fetcher: server.fetcher, pollSleep: async () => {} });
    expect((await verifier.compare({ reference: portrait, probe: selfie, referenceId: "j" })).match).toBe(
      false,
    );
    const live = await verifier.liveness({ frames: [selfie, selfie], minConfidence: 50, referenceId: "j2" });
    expect(live).toMatchObject({ passed: false, confidence: 0, confidenceArray: [0, 0] });
  });
});

describe("EmbeddedFaceVerifier and the choice of engine", () => {
  const compareResult = {
    status: "compared",
    match: true,
    similarity: 0.8,
    threshold: 0.64,
    scores: { matchLevel: 10, faceMatch: 0.2, faceMatchConfidence: 98, confidenceValue: 98 },
    reference: { status: "ok", reason: null },
    probe: { status: "ok", reason: null },
  } as unknown as CompareResult;
  const livenessResult = {
    passed: false,
    confidence: 20,
    confidenceArray: [20, 20],
    checks: [{ name: "no_replayed_frames", passed: false, detail: "near-identical frames" }],
  } as unknown as LivenessResult;
  const binding = {
    compare: async () => ({ ok: true as const, value: compareResult }),
    liveness: async (input: { frames: Uint8Array[] }) =>
      input.frames.length === 0
        ? { ok: false as const, error: { code: "no_frames" as const, message: "none" } }
        : { ok: true as const, value: livenessResult },
  };

  it("maps the engine's results and its typed errors", async () => {
    const verifier = new EmbeddedFaceVerifier(binding);
    expect(await verifier.compare({ reference: portrait, probe: selfie, referenceId: "r" })).toMatchObject({
      provider: "embedded",
      match: true,
      scores: { matchLevel: 10 },
    });
    const live = await verifier.liveness({ frames: [selfie, selfie], minConfidence: 50, referenceId: "r" });
    expect(live.reason).toContain("no_replayed_frames");
    await expect(
      verifier.liveness({ frames: [], minConfidence: 50, referenceId: "r" }),
    ).rejects.toMatchObject({ code: "no_frames" });
  });

  it("builds only the engine the partner chose", () => {
    let built = "";
    const make = (name: string) => () => {
      built += name;
      return new EmbeddedFaceVerifier(binding);
    };
    selectFaceVerifier("smileid", {
      embedded: make("embedded"),
      facetec: make("facetec"),
      smileid: make("smileid"),
    });
    expect(built).toBe("smileid");
  });
});

/** A scorer that reads the first byte: 1-9 is a person, 0 no face; same byte = same person. */
const byteScorer: SandboxFaceScorer = {
  async compare(probe, reference) {
    const compared = Boolean(probe[0] && reference[0]);
    const same = compared && probe[0] === reference[0];
    return { compared, matchLevel: same ? 9 : 0, confidence: same ? 95 : 0 };
  },
  async liveness(frames) {
    const faceFound = Boolean(frames[0]?.[0]);
    return { faceFound, confidence: faceFound ? 90 : 0 };
  },
};
const person = (id: number) => new Uint8Array([id, 7, 7, 7]);
const b64 = (bytes: Uint8Array) => btoa(String.fromCharCode(...bytes));

describe("external engines for test-mode keys: local sandboxes behind the real clients", () => {
  const settings = { serverUrl: null, deviceKey: "", minMatchLevel: 6 };
  const deviceScan = (id: number) => ({ ...scan, auditTrailImage: b64(person(id)) });

  it("FaceTec: the sandbox FaceTec Server enrolls, matches and checks liveness, no network", async () => {
    const verifier = faceTecVerifierFor("test", settings, () => byteScorer, {
      fetcher: async () => {
        throw new Error("no network in the sandbox");
      },
    });
    expect(verifier.provider).toBe("facetec");
    const same = await verifier.compare({ reference: person(3), scan: deviceScan(3), referenceId: "a" });
    expect(same).toMatchObject({ status: "compared", match: true, scores: { matchLevel: 9 } });
    const other = await verifier.compare({ reference: person(4), scan: deviceScan(3), referenceId: "b" });
    expect(other).toMatchObject({ status: "compared", match: false, scores: { matchLevel: 0 } });
    const live = await verifier.liveness({ scan: deviceScan(3), minConfidence: 50, referenceId: "c" });
    expect(live).toMatchObject({ passed: true, confidence: 100 });
    const noFace = await verifier.liveness({ scan: deviceScan(0), minConfidence: 50, referenceId: "d" });
    expect(noFace.passed).toBe(false);
    expect(noFace.reason).toContain("auditTrailVerificationCheckSucceeded");
  });

  it("Smile ID: the sandbox Smile ID API runs signed jobs with selfie, ID photo and liveness frames", async () => {
    const account = { partnerId: undefined, apiKey: undefined, baseUrl: "https://api.smileidentity.com/v1" };
    const verifier = smileIdVerifierFor("test", account, () => byteScorer);
    expect(verifier.provider).toBe("smileid");
    const same = await verifier.compare({ reference: person(5), probe: person(5), referenceId: "j1" });
    expect(same).toMatchObject({ status: "compared", match: true, scores: { confidenceValue: 95 } });
    expect(same.scores?.matchLevel).toBeGreaterThanOrEqual(6);
    const other = await verifier.compare({ reference: person(5), probe: person(6), referenceId: "j2" });
    expect(other).toMatchObject({ status: "compared", match: false, scores: { matchLevel: 0 } });
    const live = await verifier.liveness({
      frames: [person(5), person(5)],
      minConfidence: 50,
      referenceId: "j3",
    });
    expect(live).toMatchObject({ passed: true, confidenceArray: [100, 100] });
  });

  it("live keys build the real clients against the configured servers", async () => {
    const seen: string[] = [];
    const fetcher = async (request: Request) => {
      seen.push(request.url);
      return Response.json({ success: true, wasProcessed: true, faceScanSecurityChecks: passedChecks });
    };
    const verifier = faceTecVerifierFor(
      "live",
      { serverUrl: "https://facetec.partner.example/v9", deviceKey: "dk", minMatchLevel: 6 },
      () => byteScorer,
      { fetcher },
    );
    await verifier.liveness({ scan, minConfidence: 50, referenceId: "l" });
    expect(seen).toEqual(["https://facetec.partner.example/v9/liveness-3d"]);
  });
});
