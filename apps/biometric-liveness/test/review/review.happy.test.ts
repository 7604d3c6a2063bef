import { describe, expect, it } from "vitest";
import { call } from "../support/http.ts";
import { captureResults } from "../support/jobs.ts";
import { jobInReview, reviewerKey } from "../support/review.ts";
import { jobStatus } from "../support/smile-flow.ts";

describe("human review of provisional Smile ID results", () => {
  it("lists the pending review, shows it with image links, and a pass sends the final 1220 callback", async () => {
    const sent = captureResults();
    const { partner, job } = await jobInReview();
    const { key } = await reviewerKey(partner.id);
    const list = await call("GET", "/biometric-liveness/v1/reviews", { token: key });
    expect(list.status, await list.clone().text()).toBe(200);
    expect(await list.json()).toMatchObject({
      data: [{ smileJobId: job.smileJobId, status: "pending", checks: ["compare"] }],
    });

    const one = await call("GET", `/biometric-liveness/v1/reviews/${job.smileJobId}`, { token: key });
    const review = await one.json<{ result: { ResultCode: string }; images: { selfie_image: string } }>();
    expect(review.result.ResultCode).toBe("0822");
    const image = await call("GET", new URL(review.images.selfie_image).pathname);
    expect(image.status).toBe(200);
    expect(image.headers.get("content-type")).toBe("image/jpeg");

    const decided = await call("POST", `/biometric-liveness/v1/reviews/${job.smileJobId}/decision`, {
      token: key,
      body: { decision: "pass" },
    });
    expect(decided.status, await decided.clone().text()).toBe(200);
    expect(await decided.json()).toMatchObject({
      status: "passed",
      result: { ResultCode: "1220", IsFinalResult: "true" },
    });
    expect(await (await jobStatus(partner, job)).json()).toMatchObject({
      job_success: true,
      result: {
        ResultCode: "1220",
        ResultText: "Authenticate User",
        Actions: { Human_Review_Compare: "Passed" },
      },
    });
    expect(sent.map((e) => (e.payload as { ResultCode: string }).ResultCode)).toEqual([
      "0840",
      "0822",
      "1220",
    ]);

    const again = await call("POST", `/biometric-liveness/v1/reviews/${job.smileJobId}/decision`, {
      token: key,
      body: { decision: "fail" },
    });
    expect(again.status).toBe(409);
  });

  it("a fail sends 1221 with the human review action failed", async () => {
    const { partner, job } = await jobInReview();
    const { key } = await reviewerKey(partner.id);
    const decided = await call("POST", `/biometric-liveness/v1/reviews/${job.smileJobId}/decision`, {
      token: key,
      body: { decision: "fail" },
    });
    expect(await decided.json()).toMatchObject({
      status: "failed",
      result: { ResultCode: "1221", Actions: { Human_Review_Compare: "Failed" } },
    });
    const passed = await call("GET", "/biometric-liveness/v1/reviews?status=failed", { token: key });
    expect(await passed.json()).toMatchObject({ data: [{ smileJobId: job.smileJobId }] });
  });
});
