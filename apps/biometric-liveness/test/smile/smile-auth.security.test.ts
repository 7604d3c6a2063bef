import { smileIdSignature } from "@edgekyc/platform";
import { describe, expect, it } from "vitest";
import { markerImage } from "../../src/face/marker-engine.ts";
import { call, createPartner } from "../support/http.ts";
import { putZip, sdkZip, signed, submitJob } from "../support/smile-flow.ts";

const partnerParams = () => ({ user_id: "u", job_id: `j-${crypto.randomUUID()}`, job_type: 4 });

describe("Smile ID signatures", () => {
  it("refuses a wrong, stale, future, other partner's and replayed signature with 2205", async () => {
    const partner = await createPartner();
    const other = await createPartner("Other");
    const { partner_id, api_key } = partner.credentials.smileid;
    const at = (ms: number) => new Date(Date.now() + ms).toISOString();
    const stale = at(-16 * 60_000);
    const future = at(16 * 60_000);
    const otherSigned = await signed(other);
    const bodies = [
      { partner_id, timestamp: at(0), signature: await smileIdSignature("wrong-key", at(0), partner_id) },
      { partner_id, timestamp: stale, signature: await smileIdSignature(api_key, stale, partner_id) },
      { partner_id, timestamp: future, signature: await smileIdSignature(api_key, future, partner_id) },
      { ...otherSigned, partner_id },
      { partner_id },
    ];
    for (const body of bodies) {
      const res = await call("POST", "/v1/upload", { body: { ...body, partner_params: partnerParams() } });
      expect(res.status).toBe(401);
      expect(await res.json()).toEqual({ code: "2205", error: "You are not authorized to do that." });
    }
    const once = await signed(partner);
    expect(
      (await call("POST", "/v1/upload", { body: { ...once, partner_params: partnerParams() } })).status,
    ).toBe(200);
    const replay = await call("POST", "/v1/upload", { body: { ...once, partner_params: partnerParams() } });
    expect(replay.status).toBe(401);
  });

  it("does not show another partner's job, and a forged upload token is not found", async () => {
    const partner = await createPartner();
    const other = await createPartner("Other");
    const job = await submitJob(partner, {
      jobType: 4,
      userId: "u1",
      zip: sdkZip([{ image_type_id: 2, bytes: markerImage({ face: "ada" }) }]),
    });
    const res = await call("POST", "/v1/job_status", {
      body: { ...(await signed(other)), user_id: "u1", job_id: job.jobId },
    });
    expect(res.status).toBe(404);
    const forged = job.uploadUrl.replace(/\/[A-Za-z0-9]+$/, `/${"A".repeat(32)}`);
    const put = await putZip(forged, sdkZip([{ image_type_id: 2, bytes: markerImage({ face: "ada" }) }]));
    expect(put.status).toBe(404);
    expect(await put.json()).toMatchObject({ code: "2203" });
  });
});
