import { ApiError } from "@edgekyc/platform";
import { and, desc, eq } from "drizzle-orm";
import { reviews, smileJobs } from "../db/schema.ts";
import type { Services } from "../services.ts";
import { imageLinks } from "../smile/image-links.ts";
import { publishResult, readResult, registerUser } from "../smile/job-results.ts";
import { humanCode, type JobType, RESULT_CODES } from "../smile/result-codes.ts";
import type { Reviewer } from "./reviewer-keys.ts";

export async function listReviews(
  services: Services,
  reviewer: Reviewer,
  status: "pending" | "passed" | "failed",
) {
  const rows = await services.db
    .select()
    .from(reviews)
    .where(and(eq(reviews.partnerId, reviewer.partnerId), eq(reviews.status, status)))
    .orderBy(desc(reviews.createdAt))
    .limit(100);
  return rows.map(view);
}

function view(row: typeof reviews.$inferSelect) {
  return {
    smileJobId: row.smileJobId,
    status: row.status,
    checks: row.reason.split(",").filter(Boolean),
    createdAt: new Date(row.createdAt).toISOString(),
    decidedAt: row.decidedAt === null ? null : new Date(row.decidedAt).toISOString(),
  };
}

async function findReview(services: Services, reviewer: Reviewer, smileJobId: string) {
  const [row] = await services.db
    .select()
    .from(reviews)
    .where(and(eq(reviews.smileJobId, smileJobId), eq(reviews.partnerId, reviewer.partnerId)));
  if (!row) throw new ApiError("not_found", `no review for job ${smileJobId}`);
  const [job] = await services.db.select().from(smileJobs).where(eq(smileJobs.id, smileJobId));
  if (!job) throw new ApiError("not_found", `no review for job ${smileJobId}`);
  return { row, job };
}

/** A review with the provisional result and short-lived links to the images the reviewer compares. */
export async function getReview(services: Services, reviewer: Reviewer, smileJobId: string, baseUrl: string) {
  const { row, job } = await findReview(services, reviewer, smileJobId);
  return {
    ...view(row),
    result: await readResult(services, job),
    images: await imageLinks(services, job.id, baseUrl),
  };
}

/**
 * A reviewer's decision: the final result (12x0 passed / 12x1 failed, Human_Review_* actions set) goes to
 * the callback and job_status; a passed registration or Biometric KYC registers the user's selfie.
 * Deciding twice is refused (409); the first decision stands.
 */
export async function decideReview(
  services: Services,
  reviewer: Reviewer,
  smileJobId: string,
  decision: "pass" | "fail",
) {
  const { row, job } = await findReview(services, reviewer, smileJobId);
  if (row.status !== "pending")
    throw new ApiError("conflict", `this review was already decided (${row.status})`);
  const provisional = await readResult(services, job);
  if (!provisional) throw new ApiError("conflict", "the job has no provisional result");
  const passed = decision === "pass";
  const code = humanCode(job.jobType as JobType, passed);
  const actions = { ...(provisional.Actions as Record<string, string>) };
  for (const [key, value] of Object.entries(actions)) {
    if (key.startsWith("Human_Review_") && value === "Under Review")
      actions[key] = passed ? "Passed" : "Failed";
  }
  if (passed && job.jobType !== 2) actions.Register_Selfie = "Approved";
  const claimed = await services.db
    .update(reviews)
    .set({ status: passed ? "passed" : "failed", reviewerKeyId: reviewer.keyId, decidedAt: services.now() })
    .where(and(eq(reviews.smileJobId, smileJobId), eq(reviews.status, "pending")))
    .returning({ id: reviews.smileJobId });
  if (claimed.length === 0) throw new ApiError("conflict", "this review was already decided");
  const final = {
    ...provisional,
    Actions: actions,
    ResultCode: code,
    ResultText: RESULT_CODES[code],
    IsFinalResult: "true",
  };
  try {
    await publishResult(services, job, final, "complete");
  } catch (error) {
    // Nothing reached the partner: the review is open again, so the decision can be repeated.
    await services.db
      .update(reviews)
      .set({ status: "pending", reviewerKeyId: null, decidedAt: null })
      .where(eq(reviews.smileJobId, smileJobId));
    throw error;
  }
  if (passed && job.jobType !== 2) await registerUser(services, job);
  return {
    ...view({ ...row, status: passed ? "passed" : "failed", decidedAt: services.now() }),
    result: final,
  };
}
