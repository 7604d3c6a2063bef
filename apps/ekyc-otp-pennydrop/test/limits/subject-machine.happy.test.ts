import { defaultCapabilitySettings } from "@edgekyc/schemas";
import { describe, expect, it } from "vitest";
import {
  cancel,
  initiate,
  type PasscodeCrypto,
  resend,
  summarise,
  validate,
} from "../../src/limits/subject-machine.ts";
import { emptySubjectState, nextAlarmAt, runAlarm, type Settings } from "../../src/limits/subject-state.ts";

/** Deterministic codes (1000, 1001, …) so the rules, not randomness, are under test. */
function fakeCrypto(): PasscodeCrypto {
  let next = 0;
  return {
    newAuthId: () => `auth-${++next}`,
    issue: (authId) => ({ code: String(1000 + next), codeHash: `${authId}:${1000 + next}`, kid: "k" }),
    matches: (session, candidate) => session.codeHash === `${session.authId}:${candidate}`,
  };
}

const settings = (overrides: Partial<Settings> = {}): Settings => ({
  ...defaultCapabilitySettings("ekyc-otp-pennydrop"),
  ...overrides,
});
const T0 = 1_700_000_000_000;
const dest = { destinationKey: "d", sealedDestination: "s" };

describe("initiate", () => {
  it("counts codes in a window, locks at the last one when locking is on, and the alarm clears both", () => {
    const state = emptySubjectState();
    const crypto = fakeCrypto();
    const s = settings({
      maximumNumberOfInitiatesPerDuration: 2,
      tempLockDurationOnInitiateApplicationInSeconds: 60,
    });
    const first = initiate(state, "otp", { journeyId: "a", ...dest }, s, T0, crypto);
    expect(first).toMatchObject({ status: "initiated", remainingPasscodes: 1, lockedUntil: null });
    const second = initiate(state, "otp", { journeyId: "b", ...dest }, s, T0, crypto);
    expect(second).toMatchObject({ status: "initiated", remainingPasscodes: 0, lockedUntil: T0 + 60_000 });
    expect(initiate(state, "otp", { journeyId: "c", ...dest }, s, T0 + 1, crypto)).toMatchObject({
      status: "noMoreCodes",
      retryAt: T0 + 60_000,
    });
    expect(nextAlarmAt(state)).toBe(T0 + 60_000);
    expect(runAlarm(state, T0 + 60_000)).toEqual({ unlocked: ["otp"] });
    expect(state.methods.otp).toMatchObject({ lockedUntil: null, initiatesInWindow: 0, windowEndsAt: null });
    // The penny drop method has its own counters.
    expect(summarise(state, "pennydrop", s, T0).remainingPasscodes).toBe(2);
  });

  it("a failed delivery (cancel) gives the code back", () => {
    const state = emptySubjectState();
    const s = settings();
    const crypto = fakeCrypto();
    const started = initiate(state, "otp", { journeyId: "a", ...dest }, s, T0, crypto);
    if (started.status !== "initiated") throw new Error(started.status);
    expect(cancel(state, "otp", started.authId)).toBe(true);
    expect(summarise(state, "otp", s, T0)).toMatchObject({ remainingPasscodes: 3, activeAuthId: null });
    expect(
      validate(state, "otp", { authId: started.authId, passcode: started.code }, s, T0, crypto).status,
    ).toBe("notFound");
  });

  it("a newer code supersedes the live one", () => {
    const state = emptySubjectState();
    const s = settings();
    const crypto = fakeCrypto();
    const a = initiate(state, "otp", { journeyId: "a", ...dest }, s, T0, crypto);
    const b = initiate(state, "otp", { journeyId: "b", ...dest }, s, T0, crypto);
    if (a.status !== "initiated" || b.status !== "initiated") throw new Error("not initiated");
    expect(validate(state, "otp", { authId: a.authId, passcode: a.code }, s, T0, crypto).status).toBe(
      "notFound",
    );
    expect(validate(state, "otp", { authId: b.authId, passcode: b.code }, s, T0, crypto).status).toBe(
      "authenticated",
    );
  });
});

describe("validate", () => {
  it("resets the invalid and expired counters on success, and a repeat of the accepted code is idempotent", () => {
    const state = emptySubjectState();
    const s = settings({ maximumNumberOfInvalidValidates: 5, maximumNumberOfInvalidValidatesPerSession: 5 });
    const crypto = fakeCrypto();
    const a = initiate(state, "otp", { journeyId: "a", ...dest }, s, T0, crypto);
    if (a.status !== "initiated") throw new Error(a.status);
    expect(validate(state, "otp", { authId: a.authId, passcode: "0" }, s, T0, crypto)).toMatchObject({
      status: "invalid",
      remainingAttempts: 4,
    });
    expect(validate(state, "otp", { authId: a.authId, passcode: a.code }, s, T0, crypto)).toMatchObject({
      status: "authenticated",
      transition: "authenticated",
    });
    expect(state.methods.otp.invalidCount).toBe(0);
    expect(validate(state, "otp", { authId: a.authId, passcode: a.code }, s, T0, crypto)).toMatchObject({
      status: "authenticated",
      transition: null,
    });
    expect(validate(state, "otp", { authId: a.authId, passcode: "0" }, s, T0, crypto).status).toBe(
      "notFound",
    );
  });

  it("with maximumNumberOfExpiredValidates 0 the first expired attempt fails the method", () => {
    const state = emptySubjectState();
    const s = settings({ maximumNumberOfExpiredValidates: 0 });
    const crypto = fakeCrypto();
    const a = initiate(state, "otp", { journeyId: "a", ...dest }, s, T0, crypto);
    if (a.status !== "initiated") throw new Error(a.status);
    expect(
      validate(state, "otp", { authId: a.authId, passcode: a.code }, s, a.expiresAt, crypto),
    ).toMatchObject({
      status: "failed",
      methodFailed: true,
    });
  });

  it("resend: a fresh code for the same authId, counted; refused once expired", () => {
    const state = emptySubjectState();
    const s = settings();
    const crypto = fakeCrypto();
    const a = initiate(state, "otp", { journeyId: "a", ...dest }, s, T0, crypto);
    if (a.status !== "initiated") throw new Error(a.status);
    const r = resend(state, "otp", a.authId, s, T0 + 1000, crypto);
    expect(r).toMatchObject({
      status: "initiated",
      authId: a.authId,
      remainingPasscodes: 1,
      resent: true,
      sealedDestination: "s",
    });
    expect(resend(state, "otp", a.authId, s, T0 + s.passcodeExpiryInMilliseconds + 1000, crypto).status).toBe(
      "expired",
    );
    expect(resend(state, "otp", "nope", s, T0, crypto).status).toBe("notFound");
  });
});
