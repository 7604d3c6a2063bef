import { zipSync } from "fflate";
import { describe, expect, it } from "vitest";
import { markerImage } from "../../src/face/marker-engine.ts";
import { call, createPartner, setSettings } from "../support/http.ts";
import { putZip, sdkZip, signed, submitJob } from "../support/smile-flow.ts";

const selfie = () => markerImage({ face: "ada" });

async function upload(partner: Awaited<ReturnType<typeof createPartner>>, body: Record<string, unknown>) {
  return call("POST", "/v1/upload", { body: { ...(await signed(partner)), ...body } });
}

describe("Smile ID upload errors", () => {
  it("refuses a reused job_id with 2215", async () => {
    const partner = await createPartner();
    const job = await submitJob(partner, {
      jobType: 4,
      userId: "u1",
      zip: sdkZip([{ image_type_id: 2, bytes: selfie() }]),
    });
    const again = await upload(partner, {
      partner_params: { user_id: "u1", job_id: job.jobId, job_type: 4 },
    });
    expect(again.status).toBe(400);
    expect(await again.json()).toEqual({
      code: "2215",
      error: expect.stringContaining("Job already exists"),
    });
    // Another partner may use the same job_id.
    const other = await createPartner("Other");
    expect(
      (await upload(other, { partner_params: { user_id: "u1", job_id: job.jobId, job_type: 4 } })).status,
    ).toBe(200);
  });

  it("refuses unknown job types, missing partner_params and a bad callback_url with 2204 naming the field", async () => {
    const partner = await createPartner();
    const badType = await upload(partner, { partner_params: { user_id: "u", job_id: "j1", job_type: 5 } });
    expect(badType.status).toBe(422);
    expect(await badType.json()).toMatchObject({ code: "2204", error: expect.stringContaining("job_type") });
    const missing = await upload(partner, {});
    expect(await missing.json()).toMatchObject({
      code: "2204",
      error: expect.stringContaining("partner_params"),
    });
    const callback = await upload(partner, {
      callback_url: "ftp://x",
      partner_params: { user_id: "u", job_id: "j2", job_type: 4 },
    });
    expect(await callback.json()).toMatchObject({
      code: "2204",
      error: "callback_url must be an http(s) URL",
    });
    const holder = await upload(partner, {
      holder_key: { kty: "EC", crv: "P-256", x: "too-short", y: "too-short" },
      partner_params: { user_id: "u", job_id: "j3", job_type: 4 },
    });
    expect(holder.status).toBe(422);
    expect(await holder.json()).toMatchObject({ code: "2204", error: expect.stringContaining("holder_key") });
  });

  it("refuses corrupt, hostile and incomplete zips with 2213, and a second upload with 2215", async () => {
    const partner = await createPartner();
    const start = async (jobType = 4) => {
      const res = await upload(partner, {
        partner_params: { user_id: "u", job_id: `j-${crypto.randomUUID()}`, job_type: jobType },
      });
      return (await res.json<{ upload_url: string }>()).upload_url;
    };
    const cases: [Uint8Array, RegExp][] = [
      [new TextEncoder().encode("garbage that is not a zip"), /not a zip/],
      [zipSync({ "x.txt": new Uint8Array(1) }), /no info.json/],
      [zipSync({ "info.json": new TextEncoder().encode("{not json") }), /info.json is not JSON/],
      [
        zipSync({
          "info.json": new TextEncoder().encode('{"images":[{"image_type_id":0,"file_name":"missing.jpg"}]}'),
        }),
        /missing.jpg is not in the zip/,
      ],
      [sdkZip([{ image_type_id: 6, bytes: selfie() }]), /no selfie/],
      [sdkZip([{ image_type_id: 2, bytes: selfie().subarray(0, 10) }]), /truncated|image/],
      [
        zipSync(
          { "info.json": new TextEncoder().encode("{}"), bomb: new Uint8Array(40 * 1024 * 1024) },
          { level: 9 },
        ),
        /larger than|expands/,
      ],
    ];
    for (const [zip, message] of cases) {
      const res = await putZip(await start(), zip);
      expect(res.status, message.source).toBe(400);
      const body = await res.json<{ code: string; error: string }>();
      expect(body.code).toBe("2213");
      expect(body.error).toMatch(message);
    }
    const url = await start(1);
    const noIdInfo = await putZip(url, sdkZip([{ image_type_id: 2, bytes: selfie() }]));
    expect(await noIdInfo.json()).toMatchObject({ code: "2204", error: expect.stringContaining("id_info") });

    const ok = await start();
    expect((await putZip(ok, sdkZip([{ image_type_id: 2, bytes: selfie() }]))).status).toBe(200);
    const twice = await putZip(ok, sdkZip([{ image_type_id: 2, bytes: selfie() }]));
    expect(twice.status).toBe(409);
    expect(await twice.json()).toMatchObject({ code: "2215" });
  });

  it("answers job_status for an unknown job with 2203", async () => {
    const partner = await createPartner();
    const res = await call("POST", "/v1/job_status", {
      body: { ...(await signed(partner)), user_id: "u", job_id: "nope" },
    });
    expect(res.status).toBe(404);
    expect(await res.json()).toMatchObject({ code: "2203" });
  });
});

async function submitFor(partner: Awaited<ReturnType<typeof createPartner>>) {
  const { partner_id: _omitted, ...signature } = await signed(partner);
  return call("POST", "/v1/upload", {
    body: {
      ...signature,
      callback_url: "https://partner.example.com/cb",
      file_name: "selfie.zip",
      model_parameters: {},
      partner_params: { user_id: "u-1", job_id: `job-${crypto.randomUUID()}`, job_type: 4 },
      smile_client_id: partner.credentials.smileid.partner_id,
    },
  });
}

describe("faceEngine: a choice Smile ID jobs cannot use is refused at submission", () => {
  it("smileid with live keys and no platform Smile ID account: the job is refused with 2204", async () => {
    const partner = await createPartner("Live no smile", "live");
    await setSettings(partner.id, { faceEngine: "smileid" });
    const res = await submitFor(partner);
    expect(res.status, await res.clone().text()).toBe(400);
    const body = await res.json<{ code: string; error: string }>();
    expect(body.code).toBe("2204");
    expect(body.error).toContain("SMILE_ID_FACE_API_KEY");
  });

  it("facetec for a Smile ID job (plain images, no FaceScan): refused with 2204, also with test keys", async () => {
    const partner = await createPartner("FaceTec for Smile");
    await setSettings(partner.id, { faceEngine: "facetec" });
    const res = await submitFor(partner);
    expect(res.status, await res.clone().text()).toBe(400);
    expect(await res.json()).toMatchObject({ code: "2204", error: expect.stringContaining("FaceScans") });
  });
});
