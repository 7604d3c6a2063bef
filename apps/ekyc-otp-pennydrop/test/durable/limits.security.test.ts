import { runDurableObjectAlarm } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import {
  call,
  codeIn,
  createPartner,
  json,
  lastMessage,
  putSettings,
  registerApplication,
  type TestPartner,
} from "../support/harness.ts";
import { advance, storedState, subjectStub } from "../support/subject-clock.ts";

const base = (id: string) => `/acquisition/v2/applications/${id}/kycauthentications`;

async function start(partner: TestPartner, id: string, journeyId = "j") {
  const res = await call(partner, "POST", `${base(id)}/otp`, { body: { journeyId } });
  const body = await json(res);
  if (res.status !== 201) throw new Error(`initiate: ${res.status} ${JSON.stringify(body)}`);
  const code = codeIn((await lastMessage(partner, "+447400123456")).body);
  return { authId: body.authId as string, code };
}

function wrong(code: string): string {
  return code.replace(/^./, (d) => String((Number(d) + 1) % 10));
}

async function validate(partner: TestPartner, id: string, authId: string, passcode: string) {
  const res = await call(partner, "POST", `${base(id)}/otp/${authId}/validate`, { body: { passcode } });
  return { http: res.status, body: await json(res) };
}

function tally(statuses: string[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const status of statuses) counts[status] = (counts[status] ?? 0) + 1;
  return counts;
}

// 50 concurrent requests through authentication, D1 and the object: generous time on a loaded machine.
describe("exact limits under concurrency", { timeout: 60_000 }, () => {
  it("counts 50 concurrent wrong validations exactly, and the right code still works under the limit", async () => {
    const partner = await createPartner();
    await putSettings(partner, {
      maximumNumberOfInvalidValidates: 100,
      maximumNumberOfInvalidValidatesPerSession: 100,
    });
    await registerApplication(partner, "c-50");
    const { authId, code } = await start(partner, "c-50");
    const results = await Promise.all(
      Array.from({ length: 50 }, () => validate(partner, "c-50", authId, wrong(code))),
    );
    expect(tally(results.map((r) => r.body.status))).toEqual({ invalid: 50 });
    // Each answer saw a different count: remainingAttempts 99, 98, …, 50, each exactly once.
    expect(new Set(results.map((r) => r.body.remainingAttempts)).size).toBe(50);
    const summary = await json(await call(partner, "GET", base("c-50")));
    expect(summary).toMatchObject({
      otp: { invalidValidates: 50, validationAttempts: 50, status: "initiated" },
    });
    expect((await validate(partner, "c-50", authId, code)).body.status).toBe("authenticated");
    // Every answered validation has its audit row: the summary copied the 50 to D1, the alarm the last.
    expect(await runDurableObjectAlarm(subjectStub(partner, "c-50"))).toBe(true);
    const audit = await env.DB.prepare(
      "SELECT status, count(*) AS n FROM audit_events WHERE partner_id = ? AND action = 'validate' GROUP BY status",
    )
      .bind(partner.id)
      .all<{ status: string; n: number }>();
    expect(Object.fromEntries(audit.results.map((row) => [row.status, row.n]))).toEqual({
      invalid: 50,
      authenticated: 1,
    });
    const [journey] = summary.journeys as { events: { action: string }[] }[];
    expect(journey?.events.filter((event) => event.action === "validate")).toHaveLength(50);
  });

  it("fails exactly at maximumNumberOfInvalidValidates under 50 concurrent attempts; the right code is then refused", async () => {
    const partner = await createPartner();
    await putSettings(partner, {
      maximumNumberOfInvalidValidates: 30,
      maximumNumberOfInvalidValidatesPerSession: 30,
    });
    await registerApplication(partner, "c-lock");
    const { authId, code } = await start(partner, "c-lock");
    const results = await Promise.all(
      Array.from({ length: 50 }, () => validate(partner, "c-lock", authId, wrong(code))),
    );
    expect(tally(results.map((r) => r.body.status))).toEqual({ invalid: 29, failed: 21 });
    const state = await storedState(partner, "c-lock");
    expect(state.methods.otp).toMatchObject({ invalidCount: 30, validationAttempts: 50 });
    expect(state.methods.otp.failedAt).not.toBeNull();

    const right = await validate(partner, "c-lock", authId, code);
    expect(right.body).toMatchObject({ status: "failed", remainingPasscodes: 0 });
    const initiate = await call(partner, "POST", `${base("c-lock")}/otp`, { body: { journeyId: "next" } });
    expect(initiate.status).toBe(403);
    expect(await json(initiate)).toMatchObject({ status: "failed" });
    const events = await env.DB.prepare(
      "SELECT type, payload FROM result_events WHERE partner_id = ? AND type NOT LIKE 'receipt.%'",
    )
      .bind(partner.id)
      .all<{ type: string; payload: string }>();
    expect(events.results.map((row) => row.type)).toEqual(["ekyc.otp.failed"]);
    expect(JSON.parse(events.results[0]?.payload ?? "{}")).toMatchObject({ scope: "application", authId });
  });

  it("ends one code at maximumNumberOfInvalidValidatesPerSession; a new code can still be requested", async () => {
    const partner = await createPartner();
    await putSettings(partner, {
      maximumNumberOfInvalidValidates: 10,
      maximumNumberOfInvalidValidatesPerSession: 3,
    });
    await registerApplication(partner, "c-session");
    const { authId, code } = await start(partner, "c-session");
    const statuses: string[] = [];
    for (let i = 0; i < 4; i++)
      statuses.push((await validate(partner, "c-session", authId, wrong(code))).body.status);
    expect(statuses).toEqual(["invalid", "invalid", "failed", "notFound"]);
    expect((await validate(partner, "c-session", authId, code)).body.status).toBe("notFound");
    const next = await start(partner, "c-session", "j2");
    expect((await validate(partner, "c-session", next.authId, next.code)).body.status).toBe("authenticated");
  });
});

describe("windows, locks and expiry, moved through time by the alarm", () => {
  it("locks initiates when the window's last code is issued, and the alarm unlocks them", async () => {
    const partner = await createPartner();
    await putSettings(partner, {
      maximumNumberOfInitiatesPerDuration: 3,
      tempLockEnabledOnInitiateApplication: true,
      tempLockDurationOnInitiateApplicationInSeconds: 600,
    });
    await registerApplication(partner, "w-lock");
    const remaining: unknown[] = [];
    for (const journeyId of ["a", "b", "c"]) {
      const res = await call(partner, "POST", `${base("w-lock")}/otp`, { body: { journeyId } });
      remaining.push((await json(res)).remainingPasscodes);
    }
    expect(remaining).toEqual([2, 1, 0]);
    const refused = await call(partner, "POST", `${base("w-lock")}/otp`, { body: { journeyId: "d" } });
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get("retry-after"))).toBeGreaterThan(500);
    expect(await json(refused)).toMatchObject({ status: "noMoreCodes", remainingPasscodes: 0 });
    const locked = await env.DB.prepare(
      "SELECT type FROM result_events WHERE partner_id = ? AND type NOT LIKE 'receipt.%'",
    )
      .bind(partner.id)
      .all<{ type: string }>();
    expect(locked.results.map((row) => row.type)).toEqual(["ekyc.otp.locked"]);
    expect(await json(await call(partner, "GET", base("w-lock")))).toMatchObject({
      otp: { status: "locked", locked: true },
    });

    // 10 s short of the lock's end (a margin for slow machines): the alarm runs and keeps the lock.
    await advance(partner, "w-lock", 590_000);
    expect(await runDurableObjectAlarm(subjectStub(partner, "w-lock"))).toBe(true);
    expect((await storedState(partner, "w-lock")).methods.otp.lockedUntil).not.toBeNull();

    await advance(partner, "w-lock", 10_000);
    expect(await runDurableObjectAlarm(subjectStub(partner, "w-lock"))).toBe(true);
    const after = (await storedState(partner, "w-lock")).methods.otp;
    expect(after).toMatchObject({ lockedUntil: null, windowEndsAt: null, initiatesInWindow: 0 });
    const again = await call(partner, "POST", `${base("w-lock")}/otp`, { body: { journeyId: "e" } });
    expect(await json(again)).toMatchObject({ status: "initiated", remainingPasscodes: 2 });
  });

  it("without the lock, noMoreCodes lasts until the window ends, and the alarm opens a new one", async () => {
    const partner = await createPartner();
    await putSettings(partner, {
      maximumNumberOfInitiatesPerDuration: 1,
      tempLockEnabledOnInitiateApplication: false,
      initiatesDurationInMilliseconds: 3_600_000,
    });
    await registerApplication(partner, "w-window");
    expect(
      (await json(await call(partner, "POST", `${base("w-window")}/otp`, { body: { journeyId: "a" } })))
        .status,
    ).toBe("initiated");
    expect(
      (await json(await call(partner, "POST", `${base("w-window")}/otp`, { body: { journeyId: "b" } })))
        .status,
    ).toBe("noMoreCodes");
    await advance(partner, "w-window", 3_600_000);
    expect(await runDurableObjectAlarm(subjectStub(partner, "w-window"))).toBe(true);
    expect((await storedState(partner, "w-window")).methods.otp).toMatchObject({
      windowEndsAt: null,
      initiatesInWindow: 0,
    });
    expect(
      (await json(await call(partner, "POST", `${base("w-window")}/otp`, { body: { journeyId: "b" } })))
        .status,
    ).toBe("initiated");
  });

  it("answers expired codes, fails past maximumNumberOfExpiredValidates, and never compares an expired code", async () => {
    const partner = await createPartner();
    await putSettings(partner, { maximumNumberOfExpiredValidates: 1, passcodeExpiryInMilliseconds: 60_000 });
    await registerApplication(partner, "x-exp");
    const { authId, code } = await start(partner, "x-exp");
    await advance(partner, "x-exp", 60_000);
    expect((await validate(partner, "x-exp", authId, code)).body.status).toBe("expired");
    const resend = await call(partner, "POST", `${base("x-exp")}/otp/${authId}/resend`, { body: {} });
    expect(resend.status).toBe(410);
    expect(await json(resend)).toMatchObject({ status: "expired" });
    expect((await validate(partner, "x-exp", authId, code)).body.status).toBe("failed");
  });
});
