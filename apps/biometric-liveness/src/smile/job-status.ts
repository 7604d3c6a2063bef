import type { Principal } from "@edgekyc/platform";
import { and, eq } from "drizzle-orm";
import { smileJobs } from "../db/schema.ts";
import type { Services } from "../services.ts";
import { imageLinks } from "./image-links.ts";
import { history, readResult } from "./job-results.ts";
import { APPROVED_CODES } from "./result-codes.ts";
import { signForPartner } from "./signing.ts";
import { SmileIdRefusal } from "./upload.ts";

/**
 * POST /v1/job_status: the job's result as far as it is known, signed like every Smile ID answer (the
 * SDK checks the signature of each poll). `job_complete` is true once a machine result exists, also a
 * provisional one in human review; the final result then follows on the callback.
 */
export async function jobStatus(
  services: Services,
  principal: Principal,
  query: { userId: string; jobId: string; history: boolean; imageLinks: boolean },
  baseUrl: string,
): Promise<Record<string, unknown>> {
  const [row] = await services.db
    .select()
    .from(smileJobs)
    .where(and(eq(smileJobs.partnerId, principal.partnerId), eq(smileJobs.jobId, query.jobId)));
  if (!row || row.userId !== query.userId) {
    throw new SmileIdRefusal("2203", 404, `no job ${query.jobId} for user ${query.userId}`);
  }
  const result = await readResult(services, row);
  const complete = result !== null;
  const body: Record<string, unknown> = {
    job_complete: complete,
    job_success: complete && APPROVED_CODES.has(result.ResultCode),
    code: complete ? "2302" : "2314",
    result: result ?? null,
  };
  if (query.history && complete) body.history = await history(services, principal.partnerId, row.userId);
  if (query.imageLinks && complete) body.image_links = await imageLinks(services, row.id, baseUrl);
  return { ...body, ...(await signForPartner(services, principal.partnerId, principal.keyId)) };
}
