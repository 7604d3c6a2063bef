import { receiptDraft } from "../events/receipt-drafts.ts";
import type { Method } from "../limits/subject-state.ts";
import { type Answer, answer, type FlowContext, fieldError, findSubject } from "./answers.ts";

/** Validate a passcode (OTP) or the code from the penny drop's payment reference. */
export async function validateCode(
  ctx: FlowContext,
  method: Method,
  authId: string,
  passcode: string,
): Promise<Answer> {
  const found = await findSubject(ctx);
  if ("missing" in found) return found.missing;
  const { subject } = found;
  const settings = await ctx.services.settings(ctx.principal.partnerId);
  // The object counts the attempt and writes its audit row in one step (no D1 round trip here).
  const outcome = await ctx.services.subject(subject).validate(method, { authId, passcode }, settings, {
    partnerId: ctx.principal.partnerId,
    mode: ctx.principal.mode,
    subjectId: subject.id,
    requestId: ctx.requestId,
  });
  if (outcome.status === "sessionIdNotFound") {
    return fieldError("sessionIdNotFound", "authId", `no code with this authId for this ${ctx.kind}`);
  }
  if (outcome.transition) {
    const result = {
      status: outcome.transition,
      method,
      kind: ctx.kind,
      externalId: ctx.externalId,
      authId,
      journeyId: outcome.journeyId,
      ...(outcome.transition === "failed"
        ? { scope: outcome.methodFailed ? ("application" as const) : ("session" as const) }
        : {}),
    };
    await ctx.services.events.emit(ctx.principal, result, await receiptDraft(ctx, subject, result));
  }
  return answer(outcome.status, {
    authId,
    journeyId: outcome.journeyId,
    remainingPasscodes: outcome.remainingPasscodes,
    remainingAttempts: outcome.remainingAttempts,
  });
}

/** The summary: per method, the lock state, remaining codes and counters, and the latest journeys' audit. */
export async function summary(ctx: FlowContext): Promise<Answer> {
  const found = await findSubject(ctx);
  if ("missing" in found) return found.missing;
  const { subject } = found;
  const settings = await ctx.services.settings(ctx.principal.partnerId);
  const methods = await ctx.services.subject(subject).summary(settings);
  const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());
  const view = (m: (typeof methods)["otp"]) => ({
    status: m.status,
    locked: m.status === "locked",
    lockedUntil: iso(m.lockedUntil),
    remainingPasscodes: m.remainingPasscodes,
    initiatesInWindow: m.initiatesInWindow,
    windowEndsAt: iso(m.windowEndsAt),
    invalidValidates: m.invalidValidates,
    expiredValidates: m.expiredValidates,
    validationAttempts: m.validationAttempts,
    failedAt: iso(m.failedAt),
    lastAuthenticatedAt: iso(m.lastAuthenticatedAt),
    activeAuthId: m.activeAuthId,
    activeJourneyId: m.activeJourneyId,
    activeExpiresAt: iso(m.activeExpiresAt),
  });
  return {
    httpStatus: 200,
    body: {
      [ctx.kind === "application" ? "applicationId" : "accountId"]: ctx.externalId,
      otp: view(methods.otp),
      pennyDrop: view(methods.pennydrop),
      journeys: await ctx.services.audit.journeys(subject.id),
    },
  };
}
