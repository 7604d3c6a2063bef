import { env } from "cloudflare:workers";
import { markerImage } from "../../src/face/marker-engine.ts";
import { call, createPartner, setSettings, type TestPartner } from "./http.ts";
import { runJob } from "./jobs.ts";
import { type Submission, sdkZip, submitJob } from "./smile-flow.ts";

export async function reviewerKey(partnerId: string): Promise<{ id: string; key: string }> {
  const res = await call("POST", `/biometric-liveness/v1/admin/partners/${partnerId}/reviewer-keys`, {
    token: env.ADMIN_TOKEN,
    body: { label: "reviewer-1" },
  });
  if (res.status !== 201) throw new Error(`reviewer key: ${res.status} ${await res.text()}`);
  return res.json();
}

/** A partner with a job 2 in review (match level 4 between inconclusive 2 and accept 6). */
export async function jobInReview(): Promise<{ partner: TestPartner; job: Submission }> {
  const partner = await createPartner();
  await setSettings(partner.id, { facetec: { acceptMatchLevel: 6, inconclusiveMatchLevel: 2 } });
  const userId = `user-${crypto.randomUUID()}`;
  const register = await submitJob(partner, {
    jobType: 4,
    userId,
    zip: sdkZip([{ image_type_id: 2, bytes: markerImage({ face: "ada" }) }]),
  });
  await runJob("job", register.smileJobId);
  const job = await submitJob(partner, {
    jobType: 2,
    userId,
    zip: sdkZip([{ image_type_id: 2, bytes: markerImage({ face: "ada", match: 4 }) }]),
  });
  await runJob("job", job.smileJobId);
  return { partner, job };
}
