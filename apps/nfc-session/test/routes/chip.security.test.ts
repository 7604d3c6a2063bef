import { createDocument } from "@edgekyc/emrtd/testing";
import type { ResultEvent } from "@edgekyc/schemas";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import {
  captureResults,
  chipJwe,
  createPartner,
  fakeFace,
  importTrust,
  post,
  readyForChip,
  simulated,
  trustedDocument,
} from "../support/nfc-harness.ts";

let sent: ResultEvent[] = [];
beforeEach(() => {
  sent = captureResults();
});
afterEach(() => vi.restoreAllMocks());

const webhook = () =>
  sent.at(-1)?.payload as {
    result: string;
    code: number;
    message: string;
    data: Record<string, unknown>;
    checks: Record<string, { ran: boolean; passed: boolean }>;
  };

describe("chip uploads that must not pass", () => {
  it("a tampered data group: Invalid or tampered data, to the app and by webhook, and the session is over", async () => {
    const partner = await createPartner();
    const document = await trustedDocument({ variant: "tampered-dg", faceImage: fakeFace(1) });
    const ready = await readyForChip(partner, document);
    const answer = await ready.app.uploadChip(await chipJwe(ready, document));
    expect(answer, JSON.stringify(answer)).toMatchObject({ status: 422, result: "Err", code: 2004 });
    expect(answer.message).toContain("hashes");
    expect(webhook()).toMatchObject({
      result: "Err",
      code: 2004,
      message: "Invalid or tampered data",
      data: {},
    });
    expect(webhook().checks.hashes).toMatchObject({ ran: true, passed: false });
    expect(await ready.app.uploadChip(await chipJwe(ready, document))).toMatchObject({
      status: 409,
      code: 2014,
    });
  });

  for (const [variant, check] of [
    ["tampered-signature", "signature"],
    ["wrong-anchor", "issuing_state"],
  ] as const) {
    it(`${variant}: Invalid or tampered data (${check} fails)`, async () => {
      const partner = await createPartner();
      const document = await trustedDocument({ variant, faceImage: fakeFace(2) });
      const ready = await readyForChip(partner, document);
      expect(await ready.app.uploadChip(await chipJwe(ready, document))).toMatchObject({
        status: 422,
        code: 2004,
      });
      expect(webhook().checks[check]).toMatchObject({ ran: true, passed: false });
    });
  }

  it("a revoked document signer (the CSCA's CRL imported): Invalid or tampered data", async () => {
    const partner = await createPartner();
    const document = await trustedDocument({ variant: "revoked", faceImage: fakeFace(3) });
    await importTrust("crls", document.fixture.crl);
    const ready = await readyForChip(partner, document);
    expect(await ready.app.uploadChip(await chipJwe(ready, document))).toMatchObject({
      status: 422,
      code: 2004,
    });
    expect(webhook().checks.crl).toMatchObject({ ran: true, passed: false });
  });

  it("a replayed Active Authentication answer (to an earlier challenge): the chip may be a clone", async () => {
    const partner = await createPartner();
    const document = await trustedDocument({ faceImage: fakeFace(4) });
    const ready = await readyForChip(partner, document);
    const old = ready.challenge.challenge;
    const fresh = await ready.app.challenge();
    expect(fresh.data.challenge).not.toBe(old);
    const replayed = await chipJwe(ready, document, { challenge: old });
    expect(await ready.app.uploadChip(replayed)).toMatchObject({ status: 422, code: 2004 });
    expect(webhook().checks.active_authentication).toMatchObject({ ran: true, passed: false });
  });

  it("a document of a state whose CSCA is not trusted: Document not supported", async () => {
    const partner = await createPartner();
    const fixture = await createDocument({
      algorithm: "ecdsa-p256-sha256",
      country: "FR",
      faceImage: fakeFace(5),
    });
    const document = simulated(fixture);
    const ready = await readyForChip(partner, document);
    expect(await ready.app.uploadChip(await chipJwe(ready, document))).toMatchObject({
      status: 422,
      code: 2001,
    });
    expect(webhook()).toMatchObject({ message: "Document not supported" });
  });

  it("an expired document: Document expired, with the verified data", async () => {
    const partner = await createPartner();
    const document = await trustedDocument({ person: { expirationDate: "200101" }, faceImage: fakeFace(6) });
    const ready = await readyForChip(partner, document);
    expect(await ready.app.uploadChip(await chipJwe(ready, document))).toMatchObject({
      status: 422,
      code: 2005,
    });
    expect(webhook()).toMatchObject({
      result: "Err",
      message: "Document expired",
      data: { document_number: "L898902C3" },
    });
  });

  it("a document on the partner's lost/stolen list: Document reported lost or stolen", async () => {
    const partner = await createPartner();
    const listed = await post("/nfc/v1/lost_stolen/add", {
      api_key: partner.apiKey,
      issuing_state: "UTO",
      document_number: "l898902c3",
      reason: "stolen",
    });
    expect(listed.status, await listed.clone().text()).toBe(200);
    const document = await trustedDocument({ faceImage: fakeFace(7) });
    const ready = await readyForChip(partner, document);
    expect(await ready.app.uploadChip(await chipJwe(ready, document))).toMatchObject({
      status: 422,
      code: 2003,
    });
    expect(webhook()).toMatchObject({ message: "Document reported lost or stolen" });
    // Another partner's list does not apply.
    const other = await createPartner("Other");
    const ready2 = await readyForChip(other, document);
    expect(await ready2.app.uploadChip(await chipJwe(ready2, document))).toMatchObject({ status: 200 });
  });

  it("a chip that contradicts the consent: the document is not the one consented to", async () => {
    const partner = await createPartner();
    const document = await trustedDocument({ faceImage: fakeFace(8) });
    const other = await createDocument({ person: { documentNumber: "X12345678" } });
    const ready = await readyForChip(partner, document, { mrz: other.mrz });
    expect(await ready.app.uploadChip(await chipJwe(ready, document))).toMatchObject({
      status: 422,
      code: 2006,
    });
    expect(webhook().checks.consent).toMatchObject({ ran: true, passed: false });
  });
});

describe("chip uploads that cannot be opened", () => {
  it("garbage, another session's JWE and an unknown key id are refused; the third failure ends the session", async () => {
    const partner = await createPartner();
    const document = await trustedDocument({ faceImage: fakeFace(9) });
    const ready = await readyForChip(partner, document);
    const garbage = await ready.app.uploadChip("not.a.jwe.at.all");
    expect(garbage).toMatchObject({ status: 422, code: 2004 });
    expect(garbage.message).toContain("not a JWE this server can decrypt");
    // A refused upload uses up the challenge: the app asks for a new one.
    expect(await ready.app.uploadChip("x")).toMatchObject({ status: 409, code: 2008 });
    ready.challenge = (await ready.app.challenge()).data;
    const foreign = await ready.app.uploadChip(
      await chipJwe(ready, document, { sessionId: "nfc_01aaaaaaaaaaaaaaaaaaaaaaaa" }),
    );
    expect(foreign).toMatchObject({ status: 422, code: 2004 });
    expect(foreign.message).toContain("another session");
    expect(sent).toHaveLength(0);
    ready.challenge = (await ready.app.challenge()).data;
    ready.key = { ...ready.key, kid: "retired-key" };
    const unknownKid = await ready.app.uploadChip(await chipJwe(ready, document));
    expect(unknownKid).toMatchObject({ status: 422, code: 2004 });
    expect(unknownKid.message).toContain("too many unreadable uploads");
    expect(webhook()).toMatchObject({ result: "Err", code: 2004 });
  });

  it("refuses an upload above the size limit before reading it, and a wrong content type", async () => {
    const partner = await createPartner();
    const document = await trustedDocument({ faceImage: fakeFace(10) });
    const ready = await readyForChip(partner, document);
    const auth = { authorization: `Bearer ${ready.app.token}` };
    const big = await post("/nfc/v1/app/chip", "a".repeat(600 * 1024), {
      ...auth,
      "content-type": "application/jose",
    });
    expect(big.status).toBe(413);
    const json = await post("/nfc/v1/app/chip", { jwe: "x" }, auth);
    expect(json.status).toBe(415);
    // Neither touched the session: the real upload still goes through.
    expect(await ready.app.uploadChip(await chipJwe(ready, document))).toMatchObject({ status: 200 });
  });
});
