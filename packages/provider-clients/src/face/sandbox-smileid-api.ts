import { smileIdSignature } from "@edgekyc/platform";
import { decodeBase64 } from "@edgekyc/schemas";
import { unzipSync } from "fflate";
import type { FetchFn } from "../http/resilient-fetch.ts";
import { jsonResponse, type SandboxFaceScorer } from "./sandbox-scorer.ts";

/** Smile ID's compare passes at matchLevel 6 on our scale (1/100,000 FAR) and liveness at 50. */
const SANDBOX_MATCH_LEVEL = 6;
const SANDBOX_LIVENESS_PASS = 50;
const SELFIE = 2;
const ID_CARD = 3;
const LIVENESS = 6;
const ZIP_LIMIT = 16 * 1024 * 1024;

interface SandboxJob {
  partnerJobId: string;
  smileJobId: string;
  result?: Record<string, unknown>;
}

/**
 * A local Smile ID v1 API for test-mode keys: `POST /upload` (signature checked), the `PUT` of the zip to
 * the answered upload URL, `POST /job_status`, answering as Smile ID does for a job with a selfie and an ID
 * card photo ("Selfie_To_ID_Card_Compare") or liveness frames ("Liveness_Check"). Faces are judged by the
 * local scorer; jobs live in this instance. Requests never leave the isolate.
 */
export function sandboxSmileIdApi(
  scorer: SandboxFaceScorer,
  credentials: { partnerId: string; apiKey: string; baseUrl: string },
): FetchFn {
  const jobs = new Map<string, SandboxJob>();
  const uploads = new Map<string, SandboxJob>();
  let counter = 0;

  async function signed(body: Record<string, unknown>): Promise<boolean> {
    if (body.partner_id !== credentials.partnerId || typeof body.timestamp !== "string") return false;
    return (
      body.signature === (await smileIdSignature(credentials.apiKey, body.timestamp, credentials.partnerId))
    );
  }

  async function run(job: SandboxJob, images: { image_type_id: number; image: string }[]) {
    const of = (type: number) =>
      images.filter((i) => i.image_type_id === type).map((i) => decodeBase64(i.image));
    const [selfie] = of(SELFIE);
    const [idCard] = of(ID_CARD);
    const frames = of(LIVENESS);
    const actions: Record<string, string> = {
      Selfie_To_ID_Card_Compare: "Not Applicable",
      Liveness_Check: "Not Applicable",
    };
    let confidence = 0;
    if (!selfie) {
      job.result = {
        ResultCode: "0811",
        ResultText: "Failed Enroll - No Face Found In Selfie",
        ConfidenceValue: "0",
        Actions: actions,
      };
      return;
    }
    if (idCard) {
      const compare = await scorer.compare(selfie, idCard);
      confidence = compare.confidence;
      actions.Selfie_To_ID_Card_Compare =
        compare.compared && compare.matchLevel >= SANDBOX_MATCH_LEVEL ? "Passed" : "Failed";
    }
    {
      // Smile ID checks the selfie's liveness in every SmartSelfie job, with the liveness frames when sent.
      const liveness = await scorer.liveness([selfie, ...frames]);
      actions.Liveness_Check =
        liveness.faceFound && liveness.confidence >= SANDBOX_LIVENESS_PASS ? "Passed" : "Failed";
      if (!idCard) confidence = liveness.confidence;
    }
    const failed = Object.values(actions).includes("Failed");
    job.result = {
      ResultCode: failed ? (actions.Liveness_Check === "Failed" ? "0814" : "0813") : "0810",
      ResultText: failed ? "Failed Enroll" : "Enroll User",
      ConfidenceValue: String(Math.round(confidence)),
      Actions: actions,
    };
  }

  return async (request: Request) => {
    const url = new URL(request.url);
    const base = new URL(credentials.baseUrl).pathname.replace(/\/+$/, "");
    const path = url.pathname.slice(base.length);
    if (request.method === "PUT" && path.startsWith("/sandbox-uploads/")) {
      const job = uploads.get(path.slice("/sandbox-uploads/".length));
      if (!job) return new Response("unknown upload URL", { status: 404 });
      uploads.delete(path.slice("/sandbox-uploads/".length));
      const zip = new Uint8Array(await request.arrayBuffer());
      if (zip.length > ZIP_LIMIT) return new Response("zip too large", { status: 413 });
      try {
        const info = JSON.parse(new TextDecoder().decode(unzipSync(zip)["info.json"]));
        await run(job, Array.isArray(info.images) ? info.images : []);
      } catch {
        return new Response("invalid zip", { status: 400 });
      }
      return new Response(null, { status: 200 });
    }
    if (request.method !== "POST") return jsonResponse({ code: "2203", error: "not found" }, 404);
    const body = (await request.json().catch(() => null)) as Record<string, unknown> | null;
    if (!body || !(await signed(body)))
      return jsonResponse({ code: "2205", error: "You're not authorized to do that." }, 401);
    if (path === "/upload") {
      const params = body.partner_params as { job_id?: unknown } | undefined;
      if (typeof params?.job_id !== "string")
        return jsonResponse({ code: "2204", error: "partner_params.job_id is required" }, 400);
      const existing = jobs.get(params.job_id);
      if (existing)
        return jsonResponse(
          { code: "2215", error: "Job already exists. Did you mean to set the retry flag to true?" },
          400,
        );
      counter += 1;
      const job: SandboxJob = { partnerJobId: params.job_id, smileJobId: String(1_000_000_000 + counter) };
      const token = crypto.randomUUID();
      jobs.set(params.job_id, job);
      uploads.set(token, job);
      return jsonResponse({
        upload_url: `${url.origin}${base}/sandbox-uploads/${token}`,
        smile_job_id: job.smileJobId,
      });
    }
    if (path === "/job_status") {
      const job = typeof body.job_id === "string" ? jobs.get(body.job_id) : undefined;
      if (!job) return jsonResponse({ code: "2203", error: "Job not found" }, 404);
      return jsonResponse({
        job_complete: Boolean(job.result),
        job_success: job.result?.ResultCode === "0810",
        ...(job.result ? { result: job.result } : {}),
      });
    }
    return jsonResponse({ code: "2203", error: "not found" }, 404);
  };
}
