import { describe, expect, it } from "vitest";
import { putIdentity } from "../../src/authority/identities.ts";
import { RETRY_DELAYS_MS } from "../../src/durable/verification-job.ts";
import { markerImage } from "../../src/face/marker-engine.ts";
import { dataUrl, enrollment, newProcess } from "../support/assure-flow.ts";
import { assureToken, call, createPartner } from "../support/http.ts";
import { captureResults, runJob } from "../support/jobs.ts";
import { testServices } from "../support/services.ts";
import { jobStatus, sdkZip, submitJob } from "../support/smile-flow.ts";

/** Fires the alarm until the work is done (the first run may already have happened on its own). */
async function runAllAttempts(kind: "process" | "job", id: string) {
  for (let i = 0; i <= RETRY_DELAYS_MS.length + 1; i++) await runJob(kind, id);
}

describe("processing when a dependency is down", () => {
  it("retries an Assure process while the face engine fails, then ends it rejected with error: true", async () => {
    const sent = captureResults();
    const token = await assureToken(await createPartner());
    const { processId, base } = await newProcess(token);
    await call("PUT", `${base}/images/selfie`, { token, text: dataUrl(markerImage({ face: "ada" })) });
    // An image without the test marker goes to FACE_ENGINE, which is down in this test project.
    const real = new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x02, 0xff, 0xd9]);
    expect((await call("POST", `${base}/verify`, { token, body: enrollment(real) })).status).toBe(202);
    await runJob("process", processId);
    expect(await (await call("GET", base, { token })).json()).toMatchObject({ status: "processing" });
    await runAllAttempts("process", processId);
    expect(await (await call("GET", base, { token })).json()).toMatchObject({
      status: "rejected",
      providerSpecific: { liveness: { error: true }, matching: { error: true, attempts: [] } },
    });
    expect(sent.filter((e) => e.type === "biometric.process.completed")).toHaveLength(1);
  });

  it("retries a Biometric KYC job while the ID authority is unavailable, then answers 1015", async () => {
    const partner = await createPartner();
    await putIdentity(await testServices(), partner.id, {
      country: "NG",
      idType: "NIN",
      idNumber: "00000000001",
      firstName: "Ada",
      lastName: "Obi",
      photo: { bytes: markerImage({ face: "ada" }), contentType: "image/jpeg" },
    });
    const idInfo = { country: "NG", id_type: "NIN", id_number: "00000000001", entered: "true" };
    const job = await submitJob(partner, {
      jobType: 1,
      userId: "u",
      zip: sdkZip([{ image_type_id: 2, bytes: markerImage({ face: "ada" }) }], idInfo),
      idInfo,
    });
    await runJob("job", job.smileJobId);
    expect(await (await jobStatus(partner, job)).json()).toMatchObject({ job_complete: false });
    await runAllAttempts("job", job.smileJobId);
    expect(await (await jobStatus(partner, job)).json()).toMatchObject({
      job_complete: true,
      result: { ResultCode: "1015", Actions: { Verify_ID_Number: "Issuer Unavailable" } },
    });
  });
});
