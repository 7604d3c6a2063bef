import { existsSync, readFileSync } from "node:fs";
import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { join } from "node:path";
import { Webhook } from "standardwebhooks";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { repoRoot } from "../../src/apps.ts";
import { simulate } from "../../src/kyc/nfc.ts";
import { apiClient } from "../../src/local-client.ts";
import { waitFor } from "../support/waiting.ts";

// nfc-session on the `npm start` stack, driven by the reader-app simulator (`npm run kyc -- nfc simulate`):
// a genuine document all the way to the partner's webhook receiver, with the real face engine, and a
// tampered one that must end as "Invalid or tampered data".

interface Received {
  headers: IncomingMessage["headers"];
  body: string;
}

/**
 * Two photos of one person from the face engine's calibration set (`s1-3` ~ `s3-1`, its one labelled
 * same-person pair; packages/face-engine/calibration/README.md): the chip portrait and the selfie.
 */
function faces(): { portrait: Uint8Array; selfie: Uint8Array } {
  const dir = join(repoRoot, "packages/face-engine/calibration/faces");
  const read = (name: string) => new Uint8Array(readFileSync(join(dir, name)));
  if (!existsSync(join(dir, "s1-3.jpg"))) throw new Error(`no calibration faces in ${dir}`);
  return { portrait: read("s1-3.jpg"), selfie: read("s3-1.jpg") };
}

describe("nfc-session on the npm start stack, through the reader-app simulator", () => {
  const platform = inject("httpStack");
  let receiver: Server;
  let receiverUrl = "";
  const received: Received[] = [];
  let apiKey = "";
  let secret = "";

  beforeAll(async () => {
    receiver = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on("data", (chunk: Buffer) => chunks.push(chunk));
      req.on("end", () => {
        received.push({ headers: req.headers, body: Buffer.concat(chunks).toString("utf8") });
        res.writeHead(204).end();
      });
    });
    await new Promise<void>((resolve) => receiver.listen(0, "127.0.0.1", resolve));
    receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hooks/nfc`;
    const admin = apiClient(platform.origin, platform.adminToken);
    const partner = await admin("POST", "/admin/v1/partners", { name: "NFC E2E Partner", mode: "test" });
    expect(partner.status, JSON.stringify(partner.json)).toBe(201);
    apiKey = partner.json.credentials.machinesense.api_key;
    const endpoint = await apiClient(platform.origin, partner.json.credentials.edgekyc.api_key)(
      "POST",
      "/webhooks/v1/endpoints",
      {
        url: receiverUrl,
        capability: "nfc-session",
      },
    );
    expect(endpoint.status, JSON.stringify(endpoint.json)).toBe(201);
    secret = endpoint.json.secret;
  });

  afterAll(async () => {
    receiver?.closeAllConnections();
    await new Promise((resolve) => receiver?.close(resolve));
  });

  function delivered(sessionWebhook: Record<string, unknown>) {
    return waitFor(
      "the webhook at the partner's receiver",
      () => received.find((r) => JSON.parse(r.body).ref === sessionWebhook.ref),
      60_000,
    );
  }

  it("a genuine passport: verified, faces compared by the real engine, signed webhook, redirect after OK", async () => {
    const { portrait, selfie } = faces();
    const report = await simulate({
      url: platform.origin,
      apiKey,
      adminToken: platform.adminToken,
      variant: "valid",
      portrait,
      selfie,
      frames: [selfie],
      sendScan: ["docface"],
      ref: "e2e-genuine",
      liveness: 2,
      redirect: "https://partner.example/welcome",
      timeoutMs: 60_000,
    });
    expect(
      report.steps.map((s) => `${s.step}:${s.result}`),
      JSON.stringify(report.steps),
    ).toEqual(["redeem:Ok", "consent:Ok", "challenge:Ok", "chip:Ok", "selfie:Ok"]);
    const delivery = await delivered(report.webhook as Record<string, unknown>);
    const headers = Object.fromEntries(Object.entries(delivery.headers).map(([k, v]) => [k, String(v)]));
    const body = new Webhook(secret).verify(delivery.body, headers) as Record<string, unknown>;
    expect(body).toMatchObject({
      result: "Ok",
      code: 0,
      ref: "e2e-genuine",
      data: { document_number: "L898902C3", date_of_birth: "1974-08-12", issuing_state: "UTO" },
      doc_face_image: Buffer.from(portrait).toString("base64"),
      checks: {
        signature: { passed: true },
        hashes: { passed: true },
        chain: { passed: true },
        active_authentication: { ran: true, passed: true },
      },
    });
    expect(body).not.toHaveProperty("selfie_image");
    // The real engine: two photos of one person are above its threshold (similarity 0.64, confidence 50).
    expect(body.face_match as number).toBeLessThan(0.36);
    expect(body.face_match_confidence as number).toBeGreaterThan(50);
    expect(body.liveness_confidence_array).toHaveLength(2);
    expect((body.doc_face_vector as number[]).length).toBeGreaterThan(100);
    expect(report.app).toMatchObject({ state: "confirmed", redirect_url: "https://partner.example/welcome" });
  });

  it("a tampered passport: Invalid or tampered data, to the app and to the partner", async () => {
    const report = await simulate({
      url: platform.origin,
      apiKey,
      adminToken: platform.adminToken,
      variant: "tampered-dg",
      ref: "e2e-tampered",
      confirm: "ERR",
      timeoutMs: 60_000,
    });
    expect(report.steps.at(-1)).toMatchObject({ step: "chip", status: 422, result: "Err", code: 2004 });
    const delivery = await delivered(report.webhook as Record<string, unknown>);
    const body = JSON.parse(delivery.body);
    expect(body).toMatchObject({
      result: "Err",
      code: 2004,
      message: "Invalid or tampered data",
      ref: "e2e-tampered",
      data: {},
      checks: { hashes: { ran: true, passed: false } },
    });
    expect(report.app).toMatchObject({
      state: "rejected",
      message:
        "There was an error in the process. Please return to the website where you started the process and follow further instructions.",
    });
  });
});
