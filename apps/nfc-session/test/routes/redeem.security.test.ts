import { describe, expect, it } from "vitest";
import { createPartner, post, readerApp, sessionInit } from "../support/nfc-harness.ts";

// vitest.config.ts sets REDEEM_CLIENT_FAILURES=5 and REDEEM_GLOBAL_FAILURES=40 for these tests.

/** A code that no live session holds in this test file (sessions here are few; collisions are ~1e-6). */
function wrongCode(i: number): string {
  return `Q${String(i).padStart(3, "0")}`;
}

describe("init-code guessing", () => {
  it("locks a client out after 5 wrong codes, even for a right one, with Retry-After; other clients go on", async () => {
    const partner = await createPartner();
    const initCode = await sessionInit(partner);
    const guesser = readerApp("203.0.113.7");
    for (let i = 0; i < 4; i++)
      expect(await guesser.redeem(wrongCode(i))).toMatchObject({ status: 404, code: 2012 });
    const fifth = await guesser.redeem(wrongCode(4));
    expect(fifth).toMatchObject({ status: 429, code: 2011 });
    const locked = await post(
      "/nfc/v1/app/redeem",
      { init_code: initCode },
      { "cf-connecting-ip": "203.0.113.7" },
    );
    expect(locked.status).toBe(429);
    expect(Number(locked.headers.get("retry-after"))).toBeGreaterThan(500);
    // The same /64 is the same client for IPv6.
    const v6a = readerApp("2001:db8:7:7::1");
    for (let i = 0; i < 5; i++) await v6a.redeem(wrongCode(10 + i));
    expect(await readerApp("2001:db8:7:7:ffff::2").redeem(initCode)).toMatchObject({ status: 429 });
    // Someone else still redeems the code.
    expect(await readerApp("203.0.113.8").redeem(initCode)).toMatchObject({ status: 200, result: "Ok" });
  });

  it("pauses redemption for everyone once the global limit of wrong codes is reached", async () => {
    const partner = await createPartner();
    const initCode = await sessionInit(partner);
    let locked = false;
    // 40 failures globally (this file's earlier test made 10): spread over many addresses, 2 each.
    for (let i = 0; i < 40 && !locked; i++) {
      const answer = await readerApp(`192.0.2.${i + 1}`).redeem(wrongCode(100 + i));
      locked = answer.status === 429;
    }
    expect(locked).toBe(true);
    const innocent = await readerApp("198.18.0.1").redeem(initCode);
    expect(innocent).toMatchObject({ status: 429, code: 2011 });
  });
});

describe("another partner's sessions", () => {
  it("are not found by status, confirmation, cancellation or erasure", async () => {
    const owner = await createPartner("Owner");
    const intruder = await createPartner("Intruder");
    const initCode = await sessionInit(owner);
    for (const path of ["session_status", "session_cancel", "session_erase"]) {
      const res = await post(`/nfc/v1/${path}`, { api_key: intruder.apiKey, init_code: initCode });
      expect(res.status, path).toBe(404);
      expect(await res.json()).toMatchObject({ result: "Err", code: 2012 });
    }
    const confirm = await post("/nfc/v1/webhook_confirmation", {
      api_key: intruder.apiKey,
      init_code: initCode,
      recv: "ERR",
    });
    expect(confirm.status).toBe(404);
    const status = await post("/nfc/v1/session_status", { api_key: owner.apiKey, init_code: initCode });
    expect(await status.json()).toMatchObject({ data: { state: "created" } });
  });

  it("refuses a wrong api_key, another dialect's key and no key with 401", async () => {
    const partner = await createPartner();
    for (const api_key of [`${partner.apiKey.slice(0, -4)}AAAA`, "ek_test_abc_def", undefined]) {
      const res = await post("/nfc/v1/session_init", { api_key, method: "enroll" });
      expect(res.status).toBe(401);
      expect(await res.json()).toMatchObject({ result: "Err", code: 1002 });
    }
  });
});
