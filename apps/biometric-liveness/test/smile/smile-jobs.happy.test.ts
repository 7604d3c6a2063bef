import { smileIdSignature } from "@edgekyc/platform";
import { afterEach, describe, expect, it, vi } from "vitest";
import { putIdentity } from "../../src/authority/identities.ts";
import { markerImage } from "../../src/face/marker-engine.ts";
import { createPartner, setSettings, type TestPartner } from "../support/http.ts";
import { captureResults, runJob } from "../support/jobs.ts";
import { testServices } from "../support/services.ts";
import { jobStatus, sdkZip, submitJob } from "../support/smile-flow.ts";

const face = (name: string, extra: { live?: number; match?: number } = {}) =>
  markerImage({ face: name, live: 95, ...extra });

async function verifyCallbackSignature(partner: TestPartner, body: { timestamp: string; signature: string }) {
  const { partner_id, api_key } = partner.credentials.smileid;
  expect(body.signature).toBe(await smileIdSignature(api_key, body.timestamp, partner_id));
}

describe("Smile ID jobs", () => {
  it("job 4 registers a selfie, job 2 authenticates against it; callbacks signed, job_status complete", async () => {
    const sent = captureResults();
    const partner = await createPartner();
    const userId = `user-${crypto.randomUUID()}`;
    const register = await submitJob(partner, {
      jobType: 4,
      userId,
      zip: sdkZip([{ image_type_id: 2, bytes: face("ada") }]),
    });
    const before = await jobStatus(partner, register);
    expect(await before.json()).toMatchObject({ job_complete: false, result: null });
    await runJob("job", register.smileJobId);
    const status = await jobStatus(partner, register);
    expect(status.status).toBe(200);
    const body = await status.json<{
      timestamp: string;
      signature: string;
      result: Record<string, unknown>;
    }>();
    expect(body).toMatchObject({
      job_complete: true,
      job_success: true,
      code: "2302",
      result: {
        ResultCode: "0840",
        ResultText: "Enroll User",
        SmileJobID: register.smileJobId,
        Source: "WebAPI",
        PartnerParams: { user_id: userId, job_id: register.jobId, job_type: "4" },
        Actions: { Liveness_Check: "Passed", Register_Selfie: "Approved", Selfie_Provided: "Passed" },
      },
    });
    await verifyCallbackSignature(partner, body);

    const auth = await submitJob(partner, {
      jobType: 2,
      userId,
      zip: sdkZip([{ image_type_id: 0, bytes: face("ada") }]),
    });
    await runJob("job", auth.smileJobId);
    const authStatus = await (await jobStatus(partner, auth, { history: true, image_links: true })).json<{
      result: unknown;
      history: { ResultCode: string }[];
      image_links: { selfie_image: string };
    }>();
    expect(authStatus.result).toMatchObject({
      ResultCode: "0820",
      ConfidenceValue: "99",
      Actions: { Selfie_To_Registered_Selfie_Compare: "Passed", Liveness_Check: "Passed" },
    });
    expect(authStatus.history.map((r: { ResultCode: string }) => r.ResultCode)).toEqual(["0820", "0840"]);
    expect(authStatus.image_links.selfie_image).toMatch(/^https:\/\/liveness\.test\/v1\/images\//);

    expect(
      sent.map((e) => [e.type, (e.payload as { ResultCode: string }).ResultCode, e.signatures, e.webhookUrl]),
    ).toEqual([
      ["smileid.job.completed", "0840", ["smileid"], "https://partner.example.com/smile-callback"],
      ["smileid.job.completed", "0820", ["smileid"], "https://partner.example.com/smile-callback"],
    ]);
    for (const event of sent) {
      const payload = event.payload as Record<string, unknown>;
      expect(Object.keys(payload)).toEqual(
        expect.arrayContaining([
          "Actions",
          "ConfidenceValue",
          "PartnerParams",
          "ResultCode",
          "ResultText",
          "SmileJobID",
          "Source",
          "timestamp",
          "signature",
        ]),
      );
      await verifyCallbackSignature(partner, payload as { timestamp: string; signature: string });
    }
  });

  it("job 2 fails for another face, and for a user never registered", async () => {
    const partner = await createPartner();
    const userId = `user-${crypto.randomUUID()}`;
    const register = await submitJob(partner, {
      jobType: 4,
      userId,
      zip: sdkZip([{ image_type_id: 2, bytes: face("ada") }]),
    });
    await runJob("job", register.smileJobId);
    const other = await submitJob(partner, {
      jobType: 2,
      userId,
      zip: sdkZip([{ image_type_id: 2, bytes: face("eve") }]),
    });
    await runJob("job", other.smileJobId);
    expect(
      await (await jobStatus(partner, other)).json<{ result: unknown; job_success: boolean }>(),
    ).toMatchObject({
      job_success: false,
      result: { ResultCode: "0821", Actions: { Selfie_To_Registered_Selfie_Compare: "Failed" } },
    });
    const stranger = await submitJob(partner, {
      jobType: 2,
      userId: "nobody",
      zip: sdkZip([{ image_type_id: 2, bytes: face("ada") }]),
    });
    await runJob("job", stranger.smileJobId);
    expect(await (await jobStatus(partner, stranger)).json()).toMatchObject({
      result: { ResultCode: "0826" },
    });
  });

  it("job 1 looks the identity up in the sandbox authority and compares the selfie with its photo", async () => {
    const partner = await createPartner();
    const services = await testServices();
    await putIdentity(services, partner.id, {
      country: "NG",
      idType: "NIN",
      idNumber: "00000000005",
      firstName: "Ada",
      lastName: "Obi",
      dob: "1990-01-31",
      gender: "F",
      photo: { bytes: face("ada"), contentType: "image/jpeg" },
    });
    const idInfo = {
      country: "NG",
      id_type: "NIN",
      id_number: "00000000005",
      first_name: "Ada",
      last_name: "Obi",
      dob: "1990-01-31",
      entered: "true",
    };
    const job = await submitJob(partner, {
      jobType: 1,
      userId: "u1",
      zip: sdkZip(
        [
          { image_type_id: 2, bytes: face("ada") },
          { image_type_id: 6, bytes: face("ada") },
        ],
        idInfo,
      ),
      idInfo,
    });
    await runJob("job", job.smileJobId);
    expect(await (await jobStatus(partner, job)).json()).toMatchObject({
      job_success: true,
      result: {
        ResultCode: "0810",
        FullName: "Ada Obi",
        DOB: "1990-01-31",
        Actions: {
          Verify_ID_Number: "Verified",
          Return_Personal_Info: "Returned",
          Selfie_To_ID_Authority_Compare: "Completed",
          Register_Selfie: "Approved",
        },
      },
    });

    for (const [idNumber, code] of [
      ["00000000000", "1013"],
      ["00000000009", "1013"],
    ] as const) {
      const info = { ...idInfo, id_number: idNumber };
      const missing = await submitJob(partner, {
        jobType: 1,
        userId: "u2",
        zip: sdkZip([{ image_type_id: 2, bytes: face("ada") }], info),
        idInfo: info,
      });
      await runJob("job", missing.smileJobId);
      expect(await (await jobStatus(partner, missing)).json()).toMatchObject({
        result: { ResultCode: code, Actions: { Verify_ID_Number: "Not Verified" } },
      });
    }
  });

  it("a provisional result (grey-zone match) is marked not final and waits for review", async () => {
    const partner = await createPartner();
    await setSettings(partner.id, { facetec: { acceptMatchLevel: 6, inconclusiveMatchLevel: 2 } });
    const userId = `user-${crypto.randomUUID()}`;
    const register = await submitJob(partner, {
      jobType: 4,
      userId,
      zip: sdkZip([{ image_type_id: 2, bytes: face("ada") }]),
    });
    await runJob("job", register.smileJobId);
    const auth = await submitJob(partner, {
      jobType: 2,
      userId,
      zip: sdkZip([{ image_type_id: 2, bytes: face("ada", { match: 4 }) }]),
    });
    await runJob("job", auth.smileJobId);
    expect(await (await jobStatus(partner, auth)).json()).toMatchObject({
      job_complete: true,
      job_success: false,
      result: {
        ResultCode: "0822",
        IsFinalResult: "false",
        Actions: { Human_Review_Compare: "Under Review" },
      },
    });
  });
});

describe("faceEngine smileid", () => {
  afterEach(() => vi.restoreAllMocks());

  it("smileid with test keys: Smile ID jobs are judged through the local sandbox Smile ID API", async () => {
    captureResults();
    const partner = await createPartner("Sandbox Smile");
    await setSettings(partner.id, { faceEngine: "smileid" });
    const outbound = vi.spyOn(globalThis, "fetch");
    const userId = `user-${crypto.randomUUID()}`;
    const register = await submitJob(partner, {
      jobType: 4,
      userId,
      zip: sdkZip([{ image_type_id: 2, bytes: face("ada") }]),
    });
    await runJob("job", register.smileJobId);
    expect(await (await jobStatus(partner, register)).json()).toMatchObject({
      job_success: true,
      result: { ResultCode: "0840", Actions: { Liveness_Check: "Passed" } },
    });
    const other = await submitJob(partner, {
      jobType: 2,
      userId,
      zip: sdkZip([{ image_type_id: 2, bytes: face("eve") }]),
    });
    await runJob("job", other.smileJobId);
    expect(await (await jobStatus(partner, other)).json()).toMatchObject({
      job_success: false,
      result: { ResultCode: "0821", Actions: { Selfie_To_Registered_Selfie_Compare: "Failed" } },
    });
    expect(outbound).not.toHaveBeenCalled();
  });
});
