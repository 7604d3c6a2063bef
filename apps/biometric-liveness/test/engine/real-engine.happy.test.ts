import { env } from "cloudflare:workers";
import { decodeBase64 } from "@edgekyc/schemas";
import jpeg from "jpeg-js";
import { describe, expect, it } from "vitest";
import { toDataUrl } from "../../src/images/image-input.ts";
import { base64, newProcess } from "../support/assure-flow.ts";
import { assureToken, call, createPartner, setSettings } from "../support/http.ts";
import { runJob } from "../support/jobs.ts";
import { jobStatus, sdkZip, submitJob } from "../support/smile-flow.ts";

declare global {
  namespace Cloudflare {
    interface Env {
      FACE_PORTRAIT_JPG: ArrayBuffer;
      FACE_SELFIE_JPG: ArrayBuffer;
      FACE_OTHER_PERSON_JPG: ArrayBuffer;
    }
  }
}

const photo = (buffer: ArrayBuffer) => new Uint8Array(buffer);

// The happy paths of both dialects through the real face engine (apps/face-engine, models on WASM).
// Still photos score low on passive liveness, so these partners accept liveness from 5.
describe("both dialects through the real face engine", () => {
  it("Assure: a selfie and an audit trail image of the same person are accepted", async () => {
    const partner = await createPartner();
    await setSettings(partner.id, { liveness: { minConfidence: 5 } });
    const token = await assureToken(partner);
    const { processId, base } = await newProcess(token);
    const put = await call("PUT", `${base}/images/selfie`, {
      token,
      text: toDataUrl(photo(env.FACE_PORTRAIT_JPG), "image/jpeg"),
    });
    expect(put.status, await put.text()).toBe(204);
    // The document photo stands in for an ID card's front: its face becomes the read-only portrait.
    await call("PUT", `${base}/images/front`, {
      token,
      text: toDataUrl(photo(env.FACE_PORTRAIT_JPG), "image/jpeg"),
    });
    const started = await call("POST", `${base}/verify`, {
      token,
      body: {
        facetecEnrollment: {
          faceScan: btoa("real-engine-facescan"),
          auditTrailImage: base64(photo(env.FACE_SELFIE_JPG)),
          userAgent: "test",
        },
      },
    });
    expect(started.status, await started.text()).toBe(202);
    await runJob("process", processId);
    const body = await (await call("GET", base, { token })).json<{
      status: string;
      providerSpecific: { matching: { matchLevel: number } };
    }>();
    expect(body, JSON.stringify(body)).toMatchObject({
      status: "accepted",
      providerSpecific: {
        liveness: { success: true },
        matching: { algorithm: "facePortrait", imageProcessing: "faceFound" },
      },
    });
    expect(body.providerSpecific.matching.matchLevel).toBeGreaterThanOrEqual(6);
    const portrait = await call("GET", `${base}/images/portrait`, { token });
    expect(portrait.status, await portrait.clone().text()).toBe(200);
    const portraitUrl = await portrait.text();
    expect(portraitUrl).toMatch(/^data:image\/jpeg;base64,\/9j\//);
    // A crop of the document image: no larger than it, and not the image itself.
    const crop = jpeg.decode(decodeBase64(portraitUrl.split(",")[1] as string), { useTArray: true });
    const original = jpeg.decode(photo(env.FACE_PORTRAIT_JPG), { useTArray: true });
    expect(crop.width * crop.height).toBeLessThanOrEqual(original.width * original.height);
    expect(crop.width).toBeGreaterThan(40);
  });

  it("Smile ID: job 4 registers a real selfie and job 2 authenticates the same person, not another", async () => {
    const partner = await createPartner();
    await setSettings(partner.id, { liveness: { minConfidence: 5 } });
    const userId = "real-engine-user";
    const register = await submitJob(partner, {
      jobType: 4,
      userId,
      zip: sdkZip([{ image_type_id: 0, bytes: photo(env.FACE_PORTRAIT_JPG) }]),
    });
    await runJob("job", register.smileJobId);
    expect(await (await jobStatus(partner, register)).json()).toMatchObject({
      result: { ResultCode: "0840" },
    });
    const same = await submitJob(partner, {
      jobType: 2,
      userId,
      zip: sdkZip([{ image_type_id: 2, bytes: photo(env.FACE_SELFIE_JPG) }]),
    });
    await runJob("job", same.smileJobId);
    const result = await (await jobStatus(partner, same)).json<{
      result: { ResultCode: string; ConfidenceValue: string };
    }>();
    expect(result.result.ResultCode, JSON.stringify(result)).toBe("0820");
    expect(Number(result.result.ConfidenceValue)).toBeGreaterThan(50);
    const other = await submitJob(partner, {
      jobType: 2,
      userId,
      zip: sdkZip([{ image_type_id: 2, bytes: photo(env.FACE_OTHER_PERSON_JPG) }]),
    });
    await runJob("job", other.smileJobId);
    expect(await (await jobStatus(partner, other)).json()).toMatchObject({ result: { ResultCode: "0821" } });
  });
});
