import { and, desc, eq } from "drizzle-orm";
import { smileJobs, smileUsers } from "../db/schema.ts";
import { smileReceiptRequest } from "../receipts/receipt-claims.ts";
import type { Services } from "../services.ts";
import { signForPartner } from "./signing.ts";
import type { SmileJobRow } from "./upload.ts";

/** A job's result as Smile ID sends it (the callback body without timestamp and signature). */
export type SmileResult = Record<string, unknown> & { ResultCode: string; SmileJobID: string };

const JOB_COMPLETED = "smileid.job.completed";

export async function readResult(services: Services, row: SmileJobRow): Promise<SmileResult | null> {
  if (!row.resultCiphertext) return null;
  return services.cipher.decryptJson<SmileResult>(row.resultCiphertext, `smile_jobs.result:${row.id}`);
}

/** partner_params as the partner sent them, values as strings (Smile ID echoes job_type as "1"). */
export function echoedPartnerParams(row: SmileJobRow): Record<string, unknown> {
  const params = JSON.parse(row.partnerParamsJson) as Record<string, unknown>;
  return Object.fromEntries(
    Object.entries(params).map(([k, v]) => [k, typeof v === "number" ? String(v) : v]),
  );
}

/**
 * Stores a result and sends it to the partner's callback through the gateway, signed with Smile ID's
 * scheme. The event goes out first (its id names the job and code, so a repeat is delivered once), then
 * the row changes; `status` is what the job becomes. A `complete` result also sends its receipt request.
 */
export async function publishResult(
  services: Services,
  row: SmileJobRow,
  result: SmileResult,
  status: "in_review" | "complete",
): Promise<void> {
  const settings = await services.accounts.settings.get(row.partnerId, "biometric-liveness");
  const signed = { ...result, ...(await signForPartner(services, row.partnerId, row.keyId)) };
  const webhookUrl = row.callbackUrl ?? settings.smileId.defaultCallbackUrl ?? undefined;
  await services.publish({
    specVersion: "1",
    eventId: `smile-${row.id}-${result.ResultCode}`,
    partnerId: row.partnerId,
    mode: row.mode,
    capability: "biometric-liveness",
    type: JOB_COMPLETED,
    occurredAt: signed.timestamp,
    ...(webhookUrl ? { webhookUrl } : {}),
    payload: signed,
    signatures: ["smileid"],
  });
  // A final result also gets its receipt, before the row changes: a failure in between repeats both
  // (the receipts Worker issues once per job).
  if (status === "complete") await services.receipt(() => smileReceiptRequest(row, result, services.now()));
  const now = services.now();
  await services.db
    .update(smileJobs)
    .set({
      status,
      resultCiphertext: await services.cipher.encryptJson(result, `smile_jobs.result:${row.id}`),
      resultCode: result.ResultCode,
      updatedAt: now,
      completedAt: status === "complete" ? now : null,
    })
    .where(eq(smileJobs.id, row.id));
}

/** Registers (or keeps) the user's selfie: the job whose selfie later SmartSelfie authentications compare with. */
export async function registerUser(services: Services, row: SmileJobRow): Promise<void> {
  const now = services.now();
  await services.db
    .insert(smileUsers)
    .values({
      partnerId: row.partnerId,
      userId: row.userId,
      smileJobId: row.id,
      createdAt: now,
      updatedAt: now,
    })
    .onConflictDoNothing();
}

export async function registeredJob(
  services: Services,
  partnerId: string,
  userId: string,
): Promise<string | null> {
  const [user] = await services.db
    .select({ smileJobId: smileUsers.smileJobId })
    .from(smileUsers)
    .where(and(eq(smileUsers.partnerId, partnerId), eq(smileUsers.userId, userId)));
  return user?.smileJobId ?? null;
}

/** The user's finished jobs, newest first (return_history). */
export async function history(services: Services, partnerId: string, userId: string): Promise<SmileResult[]> {
  const rows = await services.db
    .select()
    .from(smileJobs)
    .where(and(eq(smileJobs.partnerId, partnerId), eq(smileJobs.userId, userId)))
    .orderBy(desc(smileJobs.createdAt))
    .limit(50);
  const results: SmileResult[] = [];
  for (const row of rows) {
    const result = await readResult(services, row);
    if (result) results.push(result);
  }
  return results;
}
