import { receiptOrNull } from "@edgekyc/platform";
import type { ResultEventInput } from "@edgekyc/schemas";
import { eq } from "drizzle-orm";
import { type CompareStatus, reviewItems } from "../db/schema.ts";
import type { PoaServices } from "../services.ts";
import { signFileLink } from "./file-links.ts";
import type { PrivateData } from "./private-data.ts";
import { poaReceiptRequest, poaRevokeRequests } from "./receipt-claims.ts";
import { applicableSteps, type StepMap } from "./step-resolution.ts";
import { CAPABILITY } from "./token-creation.ts";
import { filesOf, readPrivate, type Verification } from "./verification-store.ts";

export type StepStatus = "VALID" | "INVALID" | "PENDING" | "NOT_PROVIDED";

export interface ReviewOutcome {
  compareStatus: CompareStatus | null;
  values: Record<string, string | null> | null;
  done: boolean;
}

/** A reviewed step is VALID when its document supports the data: MATCH or NO_DATA, or any extracted value. */
function stepStatus(type: string, hasFile: boolean, review: ReviewOutcome | undefined): StepStatus {
  if (!hasFile) return "NOT_PROVIDED";
  if (type === "UPLOAD") return "VALID";
  if (!review?.done) return "PENDING";
  if (type === "COMPARE")
    return review.compareStatus === "MATCH" || review.compareStatus === "NO_DATA" ? "VALID" : "INVALID";
  return Object.values(review.values ?? {}).some((v) => v !== null && v !== "") ? "VALID" : "INVALID";
}

/** The steps of a verification as the user saw them (its chosen scope, or ALL/ALL). */
export function stepsOf(row: Verification): StepMap {
  return applicableSteps(row.steps, row.scope ?? { country: row.country ?? "ALL", documentType: "ALL" });
}

async function reviewOutcomes(services: PoaServices, row: Verification): Promise<Map<string, ReviewOutcome>> {
  const items = await services.db.select().from(reviewItems).where(eq(reviewItems.scanRef, row.scanRef));
  const out = new Map<string, ReviewOutcome>();
  for (const item of items) {
    out.set(item.step, {
      compareStatus: item.compareStatus,
      values: item.valuesCiphertext
        ? await services.cipher.decryptJson<Record<string, string | null>>(
            item.valuesCiphertext,
            `poa:review:${item.id}`,
          )
        : null,
      done: item.state === "DONE",
    });
  }
  return out;
}

/** What the status call and the webhook share: per-step statuses, signed file links and additionalData. */
export async function verificationReport(services: PoaServices, row: Verification, origin: string) {
  const steps = stepsOf(row);
  const files = new Map((await filesOf(services, row.scanRef)).map((f) => [f.step, f]));
  const reviews = await reviewOutcomes(services, row);
  const priv: PrivateData | null = await readPrivate(services, row);
  const expires = Math.floor(services.now() / 1000) + services.config.FILE_LINK_TTL_SECONDS;
  const statuses: Record<string, StepStatus> = {};
  const links: Record<string, string> = {};
  const additionalData: Record<
    string,
    Record<string, { value: string | null; status: CompareStatus | null }>
  > = {};
  for (const [name, step] of Object.entries(steps)) {
    const file = files.get(name);
    const review = reviews.get(name);
    statuses[name] = stepStatus(step.type, Boolean(file), review);
    if (file) {
      links[name] = await signFileLink(
        origin,
        services.config.TOKEN_SIGNING_KEY,
        {
          scanRef: row.scanRef,
          step: name,
          version: file.uploadedAt,
        },
        expires,
      );
    }
    const provided = priv?.additionalData?.[name] ?? {};
    const fields = new Set([...step.fields, ...Object.keys(provided)]);
    if (fields.size === 0) continue;
    additionalData[name] = {};
    for (const field of fields) {
      const value = step.type === "EXTRACT" ? (review?.values?.[field] ?? null) : (provided[field] ?? null);
      const status = step.type === "COMPARE" && review?.done ? review.compareStatus : null;
      additionalData[name][field] = { value, status };
    }
  }
  const all = Object.values(statuses);
  const aggregate =
    all.length === 0 || all.includes("PENDING") || all.includes("NOT_PROVIDED")
      ? null
      : all.every((s) => s === "VALID")
        ? "VALID"
        : "INVALID";
  return { statuses, aggregate, links, additionalData };
}

const seconds = (ms: number | null) => (ms === null ? null : Math.floor(ms / 1000));

/** The iDenfy-shaped callback for a verification as it stands. */
async function callbackPayload(services: PoaServices, row: Verification, origin: string) {
  const report = await verificationReport(services, row, origin);
  return {
    final: row.finalAt !== null,
    platform: "PC",
    status: {
      overall: row.status,
      suspicionReasons: [],
      denyReasons: [],
      fraudTags: [],
      mismatchTags: [],
      autoFace: null,
      manualFace: null,
      autoDocument: null,
      manualDocument: null,
      additionalSteps: report.aggregate,
      additionalStepStatuses: report.statuses,
    },
    data: {},
    fileUrls: {},
    additionalStepPdfUrls: report.links,
    AML: null,
    LID: null,
    scanRef: row.scanRef,
    externalRef: row.externalRef,
    clientId: row.clientId,
    startTime: seconds(row.sessionStartedAt),
    finishTime: seconds(row.finishedAt),
    clientIp: null,
    clientIpCountry: null,
    clientLocation: null,
    additionalData: report.additionalData,
  };
}

/**
 * Queues the callback for the gateway, which signs it (Standard Webhooks and Idenfy-Signature) and retries.
 * The event id names the verification, its revision and the stage, so a repeated send is delivered once.
 */
export async function sendCallback(services: PoaServices, row: Verification, origin: string): Promise<void> {
  const payload = await callbackPayload(services, row, origin);
  const stage = row.status === "EXPIRED" ? "expired" : payload.final ? "final" : "finished";
  const priv = await readPrivate(services, row);
  const envelope: ResultEventInput = {
    specVersion: "1",
    eventId: `poa-${row.scanRef}-r${row.revision}-${stage}`,
    partnerId: row.partnerId,
    mode: row.mode,
    capability: CAPABILITY,
    type: `poa.verification.${stage}`,
    occurredAt: new Date(services.now()).toISOString(),
    ...(priv?.callbackUrl ? { webhookUrl: priv.callbackUrl } : {}),
    payload,
    signatures: ["idenfy"],
  };
  // A final result also gets its receipt, repeated with the callback; the receipts Worker issues once
  // per revision.
  const receipt =
    stage === "final"
      ? receiptOrNull(
          () =>
            poaReceiptRequest(
              row,
              {
                statuses: payload.status.additionalStepStatuses,
                aggregate: payload.status.additionalSteps,
                additionalData: payload.additionalData,
              },
              stepsOf(row),
              {
                holderKey: priv?.holderKey ?? null,
                webhookUrl: priv?.callbackUrl ?? null,
                now: services.now(),
              },
            ),
          services.log,
        )
      : null;
  await services.results.send(envelope);
  if (receipt) {
    await services.receipts.send(receipt, { contentType: "json" });
    // The previous revision's result was replaced by this one (a partner re-upload after it was final).
    for (const revoke of poaRevokeRequests(row, row.revision > 0 ? [row.revision - 1] : [], "withdrawn")) {
      await services.receipts.send(revoke, { contentType: "json" });
    }
  }
}
