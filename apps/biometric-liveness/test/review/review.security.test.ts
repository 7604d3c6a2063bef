import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { call } from "../support/http.ts";
import { jobInReview, reviewerKey } from "../support/review.ts";

describe("review API credentials", () => {
  it("refuses missing, malformed, wrong and revoked keys, partner keys and the admin token with 401", async () => {
    const { partner, job } = await jobInReview();
    const issued = await reviewerKey(partner.id);
    const revoked = await reviewerKey(partner.id);
    const del = await call(
      "DELETE",
      `/biometric-liveness/v1/admin/partners/${partner.id}/reviewer-keys/${revoked.id}`,
      { token: env.ADMIN_TOKEN },
    );
    expect(del.status).toBe(204);
    const wrong = `${issued.key.slice(0, -4)}AAAA`;
    for (const token of [
      undefined,
      "garbage",
      wrong,
      revoked.key,
      env.ADMIN_TOKEN,
      partner.credentials.smileid.api_key,
    ]) {
      for (const [method, path] of [
        ["GET", "/biometric-liveness/v1/reviews"],
        ["POST", `/biometric-liveness/v1/reviews/${job.smileJobId}/decision`],
      ] as const) {
        const res = await call(method, path, {
          ...(token ? { token } : {}),
          ...(method === "POST" ? { body: { decision: "pass" } } : {}),
        });
        expect(res.status, `${method} ${path} with ${token?.slice(0, 8)}`).toBe(401);
        expect(await res.json()).toMatchObject({ code: "unauthorized", title: "Unauthorized" });
      }
    }
  });

  it("answers another partner's job as not found and never lists it", async () => {
    const { job } = await jobInReview();
    const other = await jobInReview();
    const { key } = await reviewerKey(other.partner.id);
    expect(
      (await call("GET", `/biometric-liveness/v1/reviews/${job.smileJobId}`, { token: key })).status,
    ).toBe(404);
    const decided = await call("POST", `/biometric-liveness/v1/reviews/${job.smileJobId}/decision`, {
      token: key,
      body: { decision: "pass" },
    });
    expect(decided.status).toBe(404);
    const list = await (await call("GET", "/biometric-liveness/v1/reviews", { token: key })).json<{
      data: { smileJobId: string }[];
    }>();
    expect(list.data.map((r) => r.smileJobId)).toEqual([other.job.smileJobId]);
  });

  it("issues reviewer keys only with the admin token, for existing partners", async () => {
    const { partner } = await jobInReview();
    const noAdmin = await call("POST", `/biometric-liveness/v1/admin/partners/${partner.id}/reviewer-keys`, {
      body: { label: "x" },
    });
    expect(noAdmin.status).toBe(401);
    const unknown = await call(
      "POST",
      "/biometric-liveness/v1/admin/partners/ptn_01m82wpkpax6f2000tstyqkej8/reviewer-keys",
      {
        token: env.ADMIN_TOKEN,
        body: { label: "x" },
      },
    );
    expect(unknown.status).toBe(404);
  });

  it("refuses an expired or forged image link", async () => {
    for (const token of ["abc.def", "eyJvIjoiMTIzIiwibiI6InNlbGZpZSIsImUiOjF9.AAAA", "x".repeat(700)]) {
      const res = await call("GET", `/v1/images/${token}`);
      expect([400, 404]).toContain(res.status);
      expect(await res.json()).toHaveProperty("code");
    }
  });
});
