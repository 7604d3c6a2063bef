import { deletePrefix } from "@edgekyc/platform";
import { decodeBase64 } from "@edgekyc/schemas";
import { and, eq, isNull, lt } from "drizzle-orm";
import { reviewItems, stepFiles, verifications } from "../db/schema.ts";
import { badValue, notFound } from "../idenfy-errors.ts";
import type { PoaServices } from "../services.ts";
import type { AdditionalData } from "../wire/token.ts";
import { acceptedTypesText, detectStepFileType } from "./file-type.ts";
import { finalizeIfComplete, queueReviews } from "./finalization.ts";
import { poaRevokeRequests } from "./receipt-claims.ts";
import { sendCallback, stepsOf, verificationReport } from "./result-callback.ts";
import { ALL, applicableSteps, type Step } from "./step-resolution.ts";
import { verificationPrefix } from "./token-creation.ts";
import {
  findVerification,
  readPrivate,
  storeStepFile,
  type Verification,
  writePrivate,
} from "./verification-store.ts";

async function liveVerification(
  services: PoaServices,
  partnerId: string,
  scanRef: string,
): Promise<Verification> {
  const row = await findVerification(services, partnerId, scanRef);
  if (!row) throw notFound(`Verification ${scanRef}`);
  if (row.erasedAt !== null) throw badValue(`Verification ${scanRef} was deleted.`, 409);
  return row;
}

/** The step as it applies to this verification: its chosen scope, else wherever the token names it. */
function stepNamed(row: Verification, name: string): Step | undefined {
  const inScope = stepsOf(row)[name];
  if (inScope) return inScope;
  for (const [country, byDocument] of Object.entries(row.steps ?? {})) {
    for (const documentType of Object.keys(byDocument)) {
      const step = applicableSteps(row.steps, { country, documentType })[name];
      if (step && (row.scope === null || country === ALL || country === row.scope.country)) return step;
    }
  }
  return undefined;
}

/**
 * POST /api/v2/upload-additional-step: replaces the step's file and its additionalData. After the user
 * finished, the step goes back to review (COMPARE/EXTRACT) and a new result follows as a new revision.
 */
export async function partnerUpload(
  services: PoaServices,
  partnerId: string,
  input: { scanRef: string; step: string; image: string; additionalData: AdditionalData[string] | undefined },
  origin: string,
) {
  const row = await liveVerification(services, partnerId, input.scanRef);
  const step = stepNamed(row, input.step);
  if (!step) throw badValue(`step: verification ${row.scanRef} has no step ${input.step}.`, 404);
  const bytes = decodeBase64(input.image);
  const type = detectStepFileType(bytes);
  if (!type || (type === "application/pdf" && !step.settings.canUploadPDF)) {
    throw badValue(`image: must be ${acceptedTypesText(step.settings.canUploadPDF)}, base64-encoded.`);
  }
  await storeStepFile(services, row, {
    step: input.step,
    bytes,
    contentType: type,
    source: "PARTNER",
    documentType: null,
  });
  if (input.additionalData !== undefined) {
    const priv = await readPrivate(services, row);
    if (priv)
      await writePrivate(services, row.scanRef, {
        ...priv,
        additionalData: { ...priv.additionalData, [input.step]: input.additionalData },
      });
  }
  if (row.finishedAt !== null) {
    const wasFinal = row.finalAt !== null;
    await services.db
      .update(verifications)
      .set({ finalAt: null, status: "REVIEWING", revision: wasFinal ? row.revision + 1 : row.revision })
      .where(eq(verifications.scanRef, row.scanRef));
    const updated = (await findVerification(services, partnerId, row.scanRef)) as Verification;
    const queued = step.type === "UPLOAD" ? 0 : await queueReviews(services, updated, input.step);
    if (queued > 0) await sendCallback(services, updated, origin);
    await finalizeIfComplete(services, row.scanRef, origin);
  }
  return { scanRef: row.scanRef, step: input.step, contentType: type };
}

/** POST /api/v2/status: the verification's overall status, per-step statuses, links and data. */
export async function verificationStatus(
  services: PoaServices,
  partnerId: string,
  scanRef: string,
  origin: string,
) {
  const row = await findVerification(services, partnerId, scanRef);
  if (!row) throw notFound(`Verification ${scanRef}`);
  // The hourly sweep marks these EXPIRED; until it runs, status already says so.
  const now = services.now();
  const expiredUnused =
    row.status === "ACTIVE" &&
    row.finishedAt === null &&
    (row.sessionStartedAt === null ? row.tokenExpiresAt < now : (row.sessionExpiresAt ?? 0) < now);
  const report = row.erasedAt === null ? await verificationReport(services, row, origin) : null;
  return {
    status: expiredUnused ? "EXPIRED" : row.status,
    scanRef: row.scanRef,
    clientId: row.clientId,
    externalRef: row.externalRef,
    final: row.finalAt !== null,
    fraudTags: [],
    mismatchTags: [],
    autoDocument: null,
    autoFace: null,
    manualDocument: null,
    manualFace: null,
    additionalSteps: report?.aggregate ?? null,
    additionalStepStatuses: report?.statuses ?? {},
    additionalStepPdfUrls: report?.links ?? {},
    additionalData: report?.additionalData ?? {},
  };
}

/** Erases a verification's files (R2 prefix) and personal data; the row stays as DELETED so its scanRef is never reused. */
async function eraseVerification(services: PoaServices, row: Verification): Promise<void> {
  // Every revision's receipt is revoked first (only a finished verification can have had one): once the
  // row is DELETED a retried erasure does nothing, so a revocation after it could be lost.
  if (row.finishedAt !== null) {
    const revisions = Array.from({ length: row.revision + 1 }, (_, revision) => revision);
    for (const revoke of poaRevokeRequests(row, revisions, "erased")) {
      await services.receipts.send(revoke, { contentType: "json" });
    }
  }
  await deletePrefix(services.uploads, verificationPrefix(row.partnerId, row.scanRef));
  await services.db.batch([
    services.db.delete(reviewItems).where(eq(reviewItems.scanRef, row.scanRef)),
    services.db.delete(stepFiles).where(eq(stepFiles.scanRef, row.scanRef)),
    services.db
      .update(verifications)
      .set({ privateCiphertext: null, status: "DELETED", erasedAt: services.now(), externalRef: null })
      .where(eq(verifications.scanRef, row.scanRef)),
  ]);
}

export async function deleteByScanRef(services: PoaServices, partnerId: string, scanRef: string) {
  const row = await findVerification(services, partnerId, scanRef);
  if (!row) throw notFound(`Verification ${scanRef}`);
  if (row.erasedAt === null) await eraseVerification(services, row);
  return { scanRef, status: "DELETED" as const };
}

/**
 * The hourly sweep: verifications past their partner's retention are erased; tokens that were never used
 * before expiring, or sessions that ended unfinished, become EXPIRED with a final callback.
 */
export async function runMaintenance(
  services: PoaServices,
  origin: string,
): Promise<{ erased: number; expired: number }> {
  const now = services.now();
  const old = await services.db
    .select()
    .from(verifications)
    .where(and(lt(verifications.retainUntil, now), isNull(verifications.erasedAt)))
    .limit(200);
  for (const row of old) await eraseVerification(services, row);
  const active = await services.db
    .select()
    .from(verifications)
    .where(and(eq(verifications.status, "ACTIVE"), isNull(verifications.finishedAt)))
    .limit(500);
  let expired = 0;
  for (const row of active) {
    const over = row.sessionStartedAt === null ? row.tokenExpiresAt < now : (row.sessionExpiresAt ?? 0) < now;
    if (!over) continue;
    const [changed] = await services.db
      .update(verifications)
      .set({ status: "EXPIRED", finalAt: now })
      .where(
        and(
          eq(verifications.scanRef, row.scanRef),
          eq(verifications.status, "ACTIVE"),
          isNull(verifications.finishedAt),
        ),
      )
      .returning();
    if (changed) {
      await sendCallback(services, changed, origin);
      expired += 1;
    }
  }
  return { erased: old.length, expired };
}
