import { env } from "cloudflare:workers";
import { Cipher } from "@edgekyc/platform";
import { describe, expect, it } from "vitest";
import { storeDeadLetter } from "../../src/delivery/dead-letters.ts";
import { admin } from "./support/admin-client.ts";

describe("GET /admin/v1/dead-letters", () => {
  it("lists dead letters newest first with their reason, never their body", async () => {
    const cipher = await Cipher.fromKeyRing(env.ENCRYPTION_KEYS);
    const older = await storeDeadLetter(
      env.DB,
      cipher,
      {
        queue: "kyc-results",
        reason: "envelope invalid: payload missing",
        partnerId: null,
        eventId: null,
        body: { secret: "BODY-SECRET-OLDER" },
      },
      Date.now() - 1000,
    );
    const newer = await storeDeadLetter(
      env.DB,
      cipher,
      {
        queue: "kyc-deliveries",
        reason: "retries exhausted",
        partnerId: "ptn_01kbz3c6q4y8w2m5n7p9r1t3v5",
        eventId: "evt-9",
        body: { secret: "BODY-SECRET-NEWER" },
      },
      Date.now(),
    );
    const res = await admin("GET", "/admin/v1/dead-letters?limit=10");
    expect(res.status, await res.clone().text()).toBe(200);
    const text = await res.text();
    // Markers that cannot occur in ids (lowercase base32) or timestamps by chance.
    expect(text).not.toContain("BODY-SECRET");
    const { data } = JSON.parse(text) as { data: { id: string }[] };
    const ids = data.map((letter) => letter.id);
    expect(ids.indexOf(newer)).toBeLessThan(ids.indexOf(older));
    expect(data.find((letter) => letter.id === newer)).toEqual({
      id: newer,
      queue: "kyc-deliveries",
      reason: "retries exhausted",
      partnerId: "ptn_01kbz3c6q4y8w2m5n7p9r1t3v5",
      eventId: "evt-9",
      createdAt: expect.any(String),
    });
  });

  it("answers 400 naming a bad cursor", async () => {
    const res = await admin("GET", "/admin/v1/dead-letters?cursor=yesterday");
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ errors: [{ path: "cursor" }] });
  });
});
