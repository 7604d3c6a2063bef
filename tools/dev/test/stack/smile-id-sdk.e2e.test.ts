// The official Smile ID Node SDK (smile-identity-core, unmodified) against `npm start -- --https`: jobs 4,
// 2 and 1 through the real face engine, with return_job_status and with a callback only; the callback's
// signature is checked with the SDK's own Signature class.
import { existsSync, readFileSync } from "node:fs";
import { createServer, type IncomingMessage, type Server } from "node:http";
import { globalAgent } from "node:https";
import type { AddressInfo } from "node:net";
import { join } from "node:path";
import { Signature, WebApi } from "smile-identity-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { repoRoot } from "../../src/apps.ts";
import { apiClient, type LooseJson } from "../../src/local-client.ts";
import { waitFor } from "../support/waiting.ts";

// The face engine's own test photos: portrait.jpg and selfie.jpg show one person.
const FACES = join(repoRoot, "apps/face-engine/test/fixtures");
const face = (name: string) => join(FACES, name);

interface Received {
  path: string;
  headers: IncomingMessage["headers"];
  body: string;
}

describe.skipIf(!existsSync(FACES))("the Smile ID SDK against npm start --https", () => {
  const platform = inject("httpsStack");
  let receiver: Server;
  let receiverOrigin = "";
  const received: Received[] = [];
  let partnerId = "";
  let smile: { partner_id: string; api_key: string };
  let sdk: WebApi;

  beforeAll(async () => {
    receiver = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on("data", (chunk: Buffer) => chunks.push(chunk));
      req.on("end", () => {
        received.push({
          path: req.url ?? "",
          headers: req.headers,
          body: Buffer.concat(chunks).toString("utf8"),
        });
        res.writeHead(200).end();
      });
    });
    await new Promise<void>((resolve) => receiver.listen(0, "127.0.0.1", resolve));
    receiverOrigin = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}`;
    // The SDK (axios over Node's https) trusts the local certificate through the global agent, as
    // NODE_EXTRA_CA_CERTS would for a separate process; certificate checks stay on.
    globalAgent.options.ca = platform.ca;

    const admin = apiClient(platform.origin, platform.adminToken, platform.ca);
    const created = await admin("POST", "/admin/v1/partners", { name: "Smile SDK Partner", mode: "test" });
    expect(created.status, JSON.stringify(created.json)).toBe(201);
    partnerId = created.json.partner.id;
    smile = created.json.credentials.smileid;
    // The gateway signs deliveries with the partner's endpoint secret; the job's callback_url overrides the URL.
    const endpoint = await apiClient(platform.origin, created.json.credentials.edgekyc.api_key, platform.ca)(
      "POST",
      "/webhooks/v1/endpoints",
      { url: `${receiverOrigin}/hooks/default` },
    );
    expect(endpoint.status, JSON.stringify(endpoint.json)).toBe(201);
    // Still photos: the passive liveness models are weak signals (packages/face-engine/README.md).
    const settings = await admin("PUT", `/admin/v1/partners/${partnerId}/settings/biometric-liveness`, {
      liveness: { minConfidence: 5 },
    });
    expect(settings.status, JSON.stringify(settings.json)).toBe(200);
    const identity = await admin(
      "POST",
      `/dev/biometric-liveness/partners/${partnerId}/id-authority/identities`,
      {
        country: "NG",
        idType: "NIN",
        idNumber: "12345678905",
        firstName: "Ada",
        lastName: "Obi",
        dob: "1990-01-31",
        photo: readFileSync(face("portrait.jpg")).toString("base64"),
      },
    );
    expect(identity.status, JSON.stringify(identity.json)).toBe(201);
    sdk = new WebApi(
      smile.partner_id,
      `${receiverOrigin}/smile-callback`,
      smile.api_key,
      `${platform.origin}/v1`,
    );
  });

  afterAll(async () => {
    globalAgent.options.ca = undefined;
    receiver?.closeAllConnections();
    await new Promise((resolve) => receiver?.close(resolve));
  });

  it("registers a selfie (job 4) and authenticates the same person (job 2) with return_job_status", async () => {
    const userId = `user-${Date.now()}`;
    const registered: LooseJson = await sdk.submit_job(
      { user_id: userId, job_id: `reg-${Date.now()}`, job_type: 4 },
      [{ image_type_id: 0, image: face("portrait.jpg") }],
      {},
      { return_job_status: true, return_history: false, return_images: false },
    );
    expect(registered, JSON.stringify(registered)).toMatchObject({
      job_complete: true,
      result: { ResultCode: "0840" },
    });
    const valid = new Signature(smile.partner_id, smile.api_key).confirm_signature(
      registered.timestamp,
      registered.signature,
    );
    expect(valid).toBe(true);

    const authenticated: LooseJson = await sdk.submit_job(
      { user_id: userId, job_id: `auth-${Date.now()}`, job_type: 2 },
      [{ image_type_id: 2, image: readFileSync(face("selfie.jpg")).toString("base64") }],
      {},
      { return_job_status: true, return_history: true, return_images: true },
    );
    expect(authenticated, JSON.stringify(authenticated.result)).toMatchObject({
      job_complete: true,
      job_success: true,
      result: { ResultCode: "0820", Actions: { Selfie_To_Registered_Selfie_Compare: "Passed" } },
    });
    expect(authenticated.history).toHaveLength(2);
    expect(authenticated.image_links.selfie_image).toMatch(/^https:\/\/127\.0\.0\.1:\d+\/v1\/images\//);
  });

  it("runs Biometric KYC (job 1) with a callback only; the callback verifies with the SDK's Signature", async () => {
    const jobId = `kyc-${Date.now()}`;
    const submitted: LooseJson = await sdk.submit_job(
      { user_id: `kyc-user-${Date.now()}`, job_id: jobId, job_type: 1 },
      [{ image_type_id: 0, image: face("selfie.jpg") }],
      {
        country: "NG",
        id_type: "NIN",
        id_number: "12345678905",
        first_name: "Ada",
        last_name: "Obi",
        dob: "1990-01-31",
        entered: "true",
      },
      { return_job_status: false },
    );
    expect(submitted).toMatchObject({ success: true, smile_job_id: expect.stringMatching(/^\d{10}$/) });
    const callback = await waitFor(
      "the job's callback",
      () => received.find((r) => r.path === "/smile-callback" && r.body.includes(submitted.smile_job_id)),
      90_000,
    );
    const body = JSON.parse(callback.body);
    expect(body).toMatchObject({
      SmileJobID: submitted.smile_job_id,
      ResultCode: "0810",
      PartnerParams: { job_id: jobId, job_type: "1" },
      Actions: { Verify_ID_Number: "Verified", Selfie_To_ID_Authority_Compare: "Completed" },
      Source: "WebAPI",
    });
    expect(
      new Signature(smile.partner_id, smile.api_key).confirm_signature(body.timestamp, body.signature),
    ).toBe(true);
    expect(
      new Signature(smile.partner_id, "another-key").confirm_signature(body.timestamp, body.signature),
    ).toBe(false);
    expect(callback.headers["webhook-signature"]).toMatch(/^v1,/);
  });
});
