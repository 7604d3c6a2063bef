import { ApiError, hmacSha256, type Principal, sha256Hex, toBase64Url } from "@edgekyc/platform";
import { and, eq } from "drizzle-orm";
import { processes } from "../db/schema.ts";
import { faceEngineProblem } from "../face/partner-engine.ts";
import { listImages, storeImage } from "../images/image-store.ts";
import type { Services } from "../services.ts";
import { findProcess, type ProcessRow } from "./records.ts";

/** The FaceTec images a partner may set on a process, and the one derived from the document. */
export const SETTABLE_IMAGES = ["front", "back", "selfie"] as const;
export type SettableImage = (typeof SETTABLE_IMAGES)[number];

/** A FaceTec session lasts this long from the process's creation; a later enrollment fails the session check. */
export const FACETEC_SESSION_MS = 60 * 60_000;

/** The `authorization` handed to the app for FaceTec's SDK: bound to the process, not stored. */
export async function processAuthorization(services: Services, processId: string): Promise<string> {
  return toBase64Url(await hmacSha256(services.config.TOKEN_SIGNING_KEY, `facetec session:${processId}`));
}

function requirePending(row: ProcessRow, action: string): void {
  if (row.status !== "pending") {
    throw new ApiError("conflict", `cannot ${action}: the process is ${row.status}; create a new process`);
  }
}

export async function setProcessImage(
  services: Services,
  principal: Principal,
  ids: { dossierId: string; processId: string },
  name: SettableImage,
  image: { bytes: Uint8Array; contentType: string },
): Promise<void> {
  const row = await findProcess(services, principal, ids.dossierId, ids.processId);
  requirePending(row, `set the ${name} image`);
  await storeImage(services, {
    partnerId: principal.partnerId,
    folderId: ids.dossierId,
    ownerId: ids.processId,
    name,
    ...image,
  });
  await services.db
    .update(processes)
    .set({ updatedAt: services.now() })
    .where(eq(processes.id, ids.processId));
}

export interface Enrollment {
  faceScan: Uint8Array;
  auditTrailImage: { bytes: Uint8Array; contentType: string };
  lowQualityAuditTrailImage: { bytes: Uint8Array; contentType: string } | null;
  userAgent: string;
}

/**
 * Start verification: stores the FaceTec enrollment, moves the process pending → processing and
 * schedules it. A FaceScan already used in another of the partner's processes is kept as a failed replay
 * check. Needs a reference photo (selfie or front) first.
 */
export async function startVerification(
  services: Services,
  principal: Principal,
  ids: { dossierId: string; processId: string },
  enrollment: Enrollment,
): Promise<ProcessRow> {
  const row = await findProcess(services, principal, ids.dossierId, ids.processId);
  requirePending(row, "start verification");
  const present = new Set((await listImages(services, row.id)).map((image) => image.name));
  if (!present.has("selfie") && !present.has("front")) {
    throw new ApiError("conflict", "set a selfie or front image on the process before starting verification");
  }
  const settings = await services.accounts.settings.get(principal.partnerId, "biometric-liveness");
  const problem = faceEngineProblem(services.config, "assure", principal.mode, settings);
  if (problem) throw new ApiError("conflict", problem);
  const hash = await sha256Hex(enrollment.faceScan);
  const [seen] = await services.db
    .select({ id: processes.id })
    .from(processes)
    .where(and(eq(processes.partnerId, principal.partnerId), eq(processes.faceScanHash, hash)));
  const store = (name: string, image: { bytes: Uint8Array; contentType: string }) =>
    storeImage(services, {
      partnerId: principal.partnerId,
      folderId: ids.dossierId,
      ownerId: row.id,
      name,
      ...image,
    });
  await store("auditTrail", enrollment.auditTrailImage);
  if (enrollment.lowQualityAuditTrailImage)
    await store("lowQualityAuditTrail", enrollment.lowQualityAuditTrailImage);
  await store("faceScan", { bytes: enrollment.faceScan, contentType: "application/octet-stream" });
  // FaceTec Server checks the session by the device SDK's user agent (X-User-Agent).
  await store("userAgent", {
    bytes: new TextEncoder().encode(enrollment.userAgent),
    contentType: "text/plain",
  });
  const now = services.now();
  // Compare-and-set on the status, so two concurrent starts cannot both move the process on.
  const updated = await services.db
    .update(processes)
    .set({
      status: "processing",
      enrolledAt: now,
      updatedAt: now,
      faceScanHash: seen ? null : hash,
      replayDetected: Boolean(seen),
    })
    .where(and(eq(processes.id, row.id), eq(processes.status, "pending")))
    .returning();
  const next = updated[0];
  if (!next) throw new ApiError("conflict", "verification of this process was already started");
  await services.schedule("process", row.id);
  return next;
}
