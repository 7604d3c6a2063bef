import type { ReceiptIssueRequest } from "@edgekyc/schemas";
import { afterEach, describe, expect, it, vi } from "vitest";
import { markerImage } from "../../src/face/marker-engine.ts";
import { smileReceiptRequest } from "../../src/receipts/receipt-claims.ts";
import { dataUrl, enrollment } from "../support/assure-flow.ts";
import { assureToken, call, createPartner } from "../support/http.ts";
import { captureReceipts, captureResults, runJob } from "../support/jobs.ts";
import { sdkZip, submitJob } from "../support/smile-flow.ts";

afterEach(() => vi.restoreAllMocks());

const face = (name: string) => markerImage({ face: name, live: 95 });

async function holderJwk() {
  const pair = (await crypto.subtle.generateKey("Ed25519", true, ["sign", "verify"])) as CryptoKeyPair;
  const { kty, crv, x } = (await crypto.subtle.exportKey("jwk", pair.publicKey)) as JsonWebKey;
  return { kty, crv, x };
}

describe("verification receipts of biometric-liveness", () => {
  it("an Assure process sends one receipt with its final result, and erasing the dossier revokes it", async () => {
    captureResults();
    const receipts = captureReceipts();
    const partner = await createPartner();
    const token = await assureToken(partner);
    const holderKey = await holderJwk();
    const dossier = await call("POST", "/assure/dossiers", { token });
    const { dossierId } = await dossier.json<{ dossierId: string }>();
    const created = await call("POST", `/assure/dossiers/${dossierId}/processes`, {
      token,
      body: { provider: "facetec", holderKey },
    });
    expect(created.status, await created.clone().text()).toBe(201);
    const { processId } = await created.json<{ processId: string }>();
    const base = `/assure/dossiers/${dossierId}/processes/${processId}`;
    await call("PUT", `${base}/images/selfie`, { token, text: dataUrl(face("alice")) });
    const started = await call("POST", `${base}/verify`, { token, body: enrollment(face("alice")) });
    expect(started.status, await started.clone().text()).toBe(202);
    expect(receipts).toHaveLength(0);
    await runJob("process", processId);

    expect(receipts).toHaveLength(1);
    expect(receipts[0]).toMatchObject({
      kind: "issue",
      partnerId: partner.id,
      capability: "biometric-liveness",
      subjectRef: processId,
      mode: "test",
      method: "facetec.liveness.face_match",
      outcome: "passed",
      assurance: { level: "substantial" },
      holderKey,
      claims: {
        process_status: "accepted",
        liveness_detected: true,
        liveness_checks: { replay: true, face_scan_liveness: true, session_token: true },
        similarity_score: "high",
        match_algorithm: "facePortrait",
      },
      disclosable: { dossier_id: dossierId },
    });
    expect(JSON.stringify((receipts[0] as ReceiptIssueRequest).claims)).not.toContain(dossierId);

    const erased = await call("DELETE", `/assure/dossiers/${dossierId}`, { token });
    expect(erased.status, await erased.text()).toBeLessThan(300);
    expect(receipts.slice(1)).toEqual([
      {
        kind: "revoke",
        specVersion: "1",
        partnerId: partner.id,
        capability: "biometric-liveness",
        subjectRef: processId,
        reason: "erased",
      },
    ]);
  });

  it("a Smile ID job sends one receipt when complete, the user id only disclosable", async () => {
    captureResults();
    const receipts = captureReceipts();
    const partner = await createPartner();
    const userId = `user-${crypto.randomUUID()}`;
    const holderKey = await holderJwk();
    const job = await submitJob(partner, {
      jobType: 4,
      userId,
      zip: sdkZip([{ image_type_id: 2, bytes: face("ada") }]),
      extra: { holder_key: holderKey },
    });
    await runJob("job", job.smileJobId);
    expect(receipts).toHaveLength(1);
    expect(receipts[0]).toMatchObject({
      kind: "issue",
      subjectRef: job.smileJobId,
      partnerReference: job.jobId,
      method: "smileid.selfie.liveness.registration",
      outcome: "passed",
      assurance: { level: "low" },
      holderKey,
      claims: {
        job_type: 4,
        result_code: "0840",
        human_reviewed: false,
        actions: { liveness_check: "Passed", register_selfie: "Approved" },
      },
      disclosable: { user_id: userId },
    });
    expect(JSON.stringify((receipts[0] as ReceiptIssueRequest).claims)).not.toContain(userId);
  });

  it("a reviewed or refused job says so, without the authority's personal data in any claim", () => {
    const job = { id: "1234567890", partnerId: "ptn_1", mode: "test" as const, holderKey: null };
    const receipt = smileReceiptRequest(
      { ...job, jobId: "j-1", userId: "u-1", jobType: 1 },
      {
        ResultCode: "1211",
        ResultText: "Human Judgement - Reject",
        ConfidenceValue: "0",
        Actions: { Liveness_Check: "Passed", Human_Review_Compare: "Failed" },
        FullName: "ADA LOVELACE",
        DOB: "1815-12-10",
        IDNumber: "A1234567",
      },
      Date.parse("2026-12-01T10:00:00Z"),
    );
    expect(receipt).toMatchObject({
      outcome: "failed",
      method: "smileid.selfie.liveness.id_authority_compare",
      assurance: { level: "low" },
      claims: { human_reviewed: true, confidence: 0, actions: { human_review_compare: "Failed" } },
      disclosable: { user_id: "u-1" },
    });
    for (const personal of ["ADA", "1815", "A1234567"])
      expect(JSON.stringify(receipt)).not.toContain(personal);
  });
});
