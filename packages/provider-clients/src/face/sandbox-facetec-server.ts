import { decodeBase64 } from "@edgekyc/schemas";
import type { FetchFn } from "../http/resilient-fetch.ts";
import { jsonResponse, type SandboxFaceScorer } from "./sandbox-scorer.ts";

/** FaceTec's own liveness decision is pass/fail; the sandbox passes a face scored at or above this. */
const SANDBOX_LIVENESS_PASS = 50;

interface ScanBody {
  faceScan?: unknown;
  auditTrailImage?: unknown;
  lowQualityAuditTrailImage?: unknown;
  externalDatabaseRefID?: unknown;
  image?: unknown;
  minMatchLevel?: unknown;
}

function refused(errorMessage: string): Response {
  // FaceTec Server answers refusals as 200 with `success: false, error: true` and a message.
  return jsonResponse({ success: false, wasProcessed: false, error: true, errorMessage });
}

/**
 * A local FaceTec Server for test-mode keys: the routes FaceTecVerifier calls, answering as FaceTec
 * Server does. The FaceScan itself is FaceTec's encrypted format, which only FaceTec can read, so the
 * sandbox judges the scan's audit trail image with the local scorer: liveness = a face scored at least 50,
 * enrollment keeps the audit trail image under `externalDatabaseRefID` (in this instance), and the 3D:2D
 * match compares it with the photo, giving the scorer's matchLevel. It checks `X-Device-Key` like the real
 * server. Requests never leave the isolate.
 */
export function sandboxFaceTecServer(scorer: SandboxFaceScorer, deviceKey: string): FetchFn {
  const enrolled = new Map<string, Uint8Array>();

  async function checkScan(body: ScanBody) {
    if (typeof body.faceScan !== "string" || typeof body.auditTrailImage !== "string") return null;
    const audit = decodeBase64(body.auditTrailImage);
    const liveness = await scorer.liveness([audit]);
    const checks = {
      auditTrailVerificationCheckSucceeded: liveness.faceFound,
      faceScanLivenessCheckSucceeded: liveness.faceFound && liveness.confidence >= SANDBOX_LIVENESS_PASS,
      replayCheckSucceeded: true,
      sessionTokenCheckSucceeded: true,
    };
    return { audit, checks, passed: Object.values(checks).every(Boolean) };
  }

  return async (request: Request) => {
    const path = new URL(request.url).pathname.replace(/\/+$/, "");
    if (request.method !== "POST") return jsonResponse({ error: true, errorMessage: "not found" }, 404);
    if (request.headers.get("X-Device-Key") !== deviceKey) return refused("Invalid X-Device-Key header.");
    let body: ScanBody;
    try {
      body = (await request.json()) as ScanBody;
    } catch {
      return refused("Request body is not JSON.");
    }
    const refId = typeof body.externalDatabaseRefID === "string" ? body.externalDatabaseRefID : "";
    if (path.endsWith("/liveness-3d") || path.endsWith("/enrollment-3d")) {
      const scan = await checkScan(body);
      if (!scan) return refused("faceScan and auditTrailImage are required.");
      const enrolling = path.endsWith("/enrollment-3d");
      if (enrolling && !refId) return refused("externalDatabaseRefID is required.");
      if (enrolling && scan.passed) enrolled.set(refId, scan.audit);
      return jsonResponse({
        success: scan.passed,
        wasProcessed: true,
        error: false,
        faceScanSecurityChecks: scan.checks,
        ...(enrolling ? { externalDatabaseRefID: refId } : {}),
      });
    }
    if (path.endsWith("/match-3d-2d-3rdparty-idphoto")) {
      const enrollment = enrolled.get(refId);
      if (!enrollment) return refused(`No enrollment exists for externalDatabaseRefID ${refId || "(none)"}.`);
      if (typeof body.image !== "string") return refused("image is required.");
      const min = typeof body.minMatchLevel === "number" ? body.minMatchLevel : 0;
      const result = await scorer.compare(enrollment, decodeBase64(body.image));
      return jsonResponse({
        success: result.compared && result.matchLevel >= min,
        wasProcessed: true,
        error: false,
        matchLevel: result.compared ? result.matchLevel : 0,
      });
    }
    return jsonResponse({ error: true, errorMessage: `${path} is not an endpoint of this server` }, 404);
  };
}
