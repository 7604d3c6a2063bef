import { env } from "cloudflare:workers";
import { eq } from "drizzle-orm";
import { drizzle } from "drizzle-orm/d1";
import { describe, expect, it } from "vitest";
import { reviewItems } from "../../src/db/schema.ts";
import { PNG } from "../support/files.ts";
import {
  call,
  createPartner,
  createReviewer,
  createToken,
  sentResults,
  type TestPartner,
} from "../support/poa-client.ts";

const COMPARE = {
  additionalSteps: {
    UTILITY_BILL: { type: "COMPARE", texts: { en: { name: "Bill", description: "" } }, fields: ["address"] },
  },
};

async function queuedItem(partner: TestPartner): Promise<{ scanRef: string }> {
  const token = await createToken(partner, {
    clientId: "c",
    additionalData: { UTILITY_BILL: { address: "Main St 1" } },
  });
  await call("PUT", "/api/v2/session/steps/UTILITY_BILL/file?documentType=OTHER", {
    bearer: token.authToken,
    body: PNG,
  });
  const finish = await call("POST", "/api/v2/session/finish", { bearer: token.authToken });
  expect(finish.status, await finish.clone().text()).toBe(200);
  return token;
}

async function itemIdOf(scanRef: string): Promise<string> {
  const [row] = await drizzle(env.DB).select().from(reviewItems).where(eq(reviewItems.scanRef, scanRef));
  return row?.id as string;
}

describe("the review API", () => {
  it("lets exactly one of two reviewers racing for the same item claim it", async () => {
    const partner = await createPartner(COMPARE);
    const { scanRef } = await queuedItem(partner);
    const id = await itemIdOf(scanRef);
    const [a, b] = await Promise.all([createReviewer(partner, "A"), createReviewer(partner, "B")]);
    const results = await Promise.all([
      call("POST", `/review/v1/items/${id}/claim`, { bearer: a.apiKey }),
      call("POST", `/review/v1/items/${id}/claim`, { bearer: b.apiKey }),
      call("POST", "/review/v1/queue/claim", { bearer: a.apiKey }),
      call("POST", "/review/v1/queue/claim", { bearer: b.apiKey }),
    ]);
    const winners = results.filter((r) => r.status === 200);
    expect(winners, JSON.stringify(results.map((r) => r.status))).toHaveLength(1);
    for (const loser of results.filter((r) => r.status !== 200)) expect([204, 409]).toContain(loser.status);
  });

  it("keeps another reviewer's claim: no detail, file, decision or release for them (409)", async () => {
    const partner = await createPartner(COMPARE);
    const { scanRef } = await queuedItem(partner);
    const id = await itemIdOf(scanRef);
    const holder = await createReviewer(partner, "Holder");
    const other = await createReviewer(partner, "Other");
    expect((await call("POST", `/review/v1/items/${id}/claim`, { bearer: holder.apiKey })).status).toBe(200);
    for (const [method, path, json] of [
      ["GET", `/review/v1/items/${id}`],
      ["GET", `/review/v1/items/${id}/file`],
      ["POST", `/review/v1/items/${id}/decision`, { status: "MATCH" }],
      ["POST", `/review/v1/items/${id}/release`],
      ["POST", `/review/v1/items/${id}/claim`],
    ] as const) {
      const res = await call(method, path, { bearer: other.apiKey, ...(json ? { json } : {}) });
      expect(res.status, `${method} ${path}: ${await res.clone().text()}`).toBe(409);
    }
    // Released, it is claimable again; an expired claim also returns to the queue.
    expect((await call("POST", `/review/v1/items/${id}/release`, { bearer: holder.apiKey })).status).toBe(
      200,
    );
    expect((await call("POST", `/review/v1/items/${id}/claim`, { bearer: other.apiKey })).status).toBe(200);
    await drizzle(env.DB)
      .update(reviewItems)
      .set({ claimExpiresAt: Date.now() - 1 })
      .where(eq(reviewItems.id, id));
    const reclaimed = await call("POST", "/review/v1/queue/claim", { bearer: holder.apiKey });
    expect(await reclaimed.json()).toMatchObject({ id, claimedBy: holder.id });
  });

  it("never shows one partner's queue or items to another partner's reviewer", async () => {
    const owner = await createPartner(COMPARE);
    const { scanRef } = await queuedItem(owner);
    const id = await itemIdOf(scanRef);
    const stranger = await createReviewer(await createPartner(COMPARE), "Stranger");
    expect(await (await call("GET", "/review/v1/queue", { bearer: stranger.apiKey })).json()).toEqual({
      data: [],
    });
    expect((await call("POST", "/review/v1/queue/claim", { bearer: stranger.apiKey })).status).toBe(204);
    for (const path of [`/review/v1/items/${id}/claim`, `/review/v1/items/${id}/release`]) {
      expect((await call("POST", path, { bearer: stranger.apiKey })).status).toBe(404);
    }
    expect((await call("GET", `/review/v1/items/${id}`, { bearer: stranger.apiKey })).status).toBe(404);
  });

  it("refuses missing, wrong, revoked keys and partner credentials with 401", async () => {
    const partner = await createPartner(COMPARE);
    const reviewer = await createReviewer(partner);
    const revoked = await createReviewer(partner, "Gone");
    const revoke = await call("POST", `/api/v2/reviewers/${revoked.id}/revoke`, { basic: partner.basic });
    expect(await revoke.json()).toMatchObject({ id: revoked.id, revokedAt: expect.any(String) });
    for (const bearer of [
      undefined,
      `${reviewer.apiKey.slice(0, -1)}x`,
      revoked.apiKey,
      partner.otherDialectKey,
    ]) {
      const res = await call("GET", "/review/v1/queue", bearer ? { bearer } : {});
      expect(res.status, await res.clone().text()).toBe(401);
      expect(await res.json()).toMatchObject({ identifier: "UNAUTHORIZED" });
    }
    // Basic credentials of the partner do not open the review API either.
    expect((await call("GET", "/review/v1/queue", { basic: partner.basic })).status).toBe(401);
    const list = await (await call("GET", "/api/v2/reviewers", { basic: partner.basic })).json<{
      data: { id: string }[];
    }>();
    expect(list.data.map((r) => r.id).sort()).toEqual([reviewer.id, revoked.id].sort());
    expect(JSON.stringify(list)).not.toContain("rvk_");
  });

  it("refuses malformed decisions: wrong shape, unknown or missing EXTRACT fields", async () => {
    const partner = await createPartner({
      additionalSteps: {
        UTILITY_BILL: {
          type: "EXTRACT",
          texts: { en: { name: "Bill", description: "" } },
          fields: ["address"],
        },
      },
    });
    const { scanRef } = await queuedItem(partner);
    const id = await itemIdOf(scanRef);
    const reviewer = await createReviewer(partner);
    await call("POST", `/review/v1/items/${id}/claim`, { bearer: reviewer.apiKey });
    for (const [json, identifier] of [
      [{ status: "MATCH" }, "BAD_VALUE"],
      [{ values: { address: "x", iban: "y" } }, "BAD_VALUE"],
      [{ values: {} }, "MISSING_VALUE"],
      [{ status: "PERHAPS" }, "BAD_VALUE"],
    ] as const) {
      const res = await call("POST", `/review/v1/items/${id}/decision`, { bearer: reviewer.apiKey, json });
      expect(res.status, `${JSON.stringify(json)}: ${await res.clone().text()}`).toBe(400);
      expect(await res.json()).toMatchObject({ identifier });
    }
    expect(
      sentResults.filter(
        (e) => (e.payload as { scanRef: string }).scanRef === scanRef && e.type.endsWith("final"),
      ),
    ).toHaveLength(0);
  });
});

describe("signed file links", () => {
  it("refuse a tampered signature, an expired link and a link to a replaced file", async () => {
    const partner = await createPartner();
    const token = await createToken(partner);
    await call("PUT", "/api/v2/session/steps/UTILITY_BILL/file?documentType=OTHER", {
      bearer: token.authToken,
      body: PNG,
    });
    const status = await (
      await call("POST", "/api/v2/status", { basic: partner.basic, json: { scanRef: token.scanRef } })
    ).json<{
      additionalStepPdfUrls: Record<string, string>;
    }>();
    const link = new URL(status.additionalStepPdfUrls.UTILITY_BILL as string);
    const path = `${link.pathname}${link.search}`;
    expect((await call("GET", path)).status).toBe(200);
    const sig = link.searchParams.get("signature") as string;
    const tampered = path.replace(sig, `${sig.slice(0, -1)}${sig.endsWith("0") ? "1" : "0"}`);
    expect((await call("GET", tampered)).status).toBe(403);
    const otherStep = path.replace("/UTILITY_BILL?", "/OTHER_STEP?");
    expect((await call("GET", otherStep)).status).toBe(403);
    const later = path.replace(`expires=${link.searchParams.get("expires")}`, "expires=1");
    expect((await call("GET", later)).status).toBe(403);
    await call("PUT", "/api/v2/session/steps/UTILITY_BILL/file?documentType=OTHER", {
      bearer: token.authToken,
      body: PNG,
    });
    expect((await call("GET", path)).status).toBe(404);
  });
});
