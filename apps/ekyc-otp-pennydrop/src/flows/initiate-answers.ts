import { ApiError } from "@edgekyc/platform";
import { InvalidMessageError, ProviderError } from "@edgekyc/provider-clients";
import type { HolderPublicJwk } from "@edgekyc/schemas";
import { receiptDraft } from "../events/receipt-drafts.ts";
import type { InitiateOutcome } from "../limits/subject-machine.ts";
import type { Method } from "../limits/subject-state.ts";
import type { Subject } from "../subjects/subject-registry.ts";
import { type Answer, answer, type FlowContext } from "./answers.ts";

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

/** The wire answer of an initiate or resend outcome. */
export function initiateAnswer(outcome: InitiateOutcome, extra: Record<string, unknown> = {}): Answer {
  switch (outcome.status) {
    case "initiated":
      return answer(
        "initiated",
        {
          authId: outcome.authId,
          journeyId: outcome.journeyId,
          remainingPasscodes: outcome.remainingPasscodes,
          expiresAt: iso(outcome.expiresAt),
          ...extra,
        },
        { side: "initiate" },
      );
    case "duplicate":
      return answer(
        "duplicate",
        {
          authId: outcome.authId,
          journeyId: outcome.journeyId,
          remainingPasscodes: outcome.remainingPasscodes,
          expiresAt: iso(outcome.expiresAt),
          ...extra,
        },
        { side: "initiate" },
      );
    case "noMoreCodes": {
      const retryAfter =
        outcome.retryAt === null ? null : Math.max(1, Math.ceil((outcome.retryAt - Date.now()) / 1000));
      return answer(
        "noMoreCodes",
        { journeyId: outcome.journeyId, remainingPasscodes: 0, retryAt: iso(outcome.retryAt) },
        {
          side: "initiate",
          ...(retryAfter === null ? {} : { headers: { "retry-after": String(retryAfter) } }),
        },
      );
    }
    case "authenticated":
    case "failed":
      return answer(
        outcome.status,
        { journeyId: outcome.journeyId, remainingPasscodes: outcome.remainingPasscodes },
        { side: "initiate" },
      );
    case "notFound":
    case "expired":
      return answer(
        outcome.status,
        {
          authId: outcome.authId,
          journeyId: outcome.journeyId,
          remainingPasscodes: outcome.remainingPasscodes,
        },
        { side: "initiate" },
      );
  }
}

/**
 * A delivery (message, call or payment) that failed. The provider refusing the recipient is the
 * customer's to fix (`invalid`, 422); anything else is ours or the provider's (503, try again).
 */
export function deliveryFailure(error: unknown, field: string): Answer {
  if (
    error instanceof ProviderError &&
    !error.retryable &&
    error.status !== null &&
    error.status < 500 &&
    error.status !== 401 &&
    error.status !== 403
  ) {
    return answer(
      "invalid",
      {
        errors: [{ field, message: "the provider refused this destination" }],
        detail: `${error.provider}:${error.providerCode ?? error.status}`,
      },
      { side: "initiate" },
    );
  }
  if (error instanceof InvalidMessageError) {
    return answer(
      "invalid",
      { errors: error.issues.map((issue) => ({ field, message: issue.message })) },
      { side: "initiate" },
    );
  }
  // Not the customer's to fix, and nothing was counted: 503 in the dialect, try again.
  throw new ApiError(
    "unavailable",
    `the code could not be delivered (${error instanceof ProviderError ? error.message : "provider failure"}); nothing was counted, try again`,
    { headers: { "retry-after": "5" } },
  );
}

/**
 * Binds the initiate's holder key (EdgeKYC extension) to the new code, then emits a `locked` event when
 * this initiate used the last code of the window and locked initiates.
 */
export async function recordOutcomeEvents(
  ctx: FlowContext,
  subject: Subject,
  method: Method,
  outcome: InitiateOutcome,
  holderKey?: HolderPublicJwk,
): Promise<void> {
  if (outcome.status === "initiated" && holderKey) {
    await ctx.services.subject(subject).bindHolderKey(outcome.authId, holderKey);
  }
  if (outcome.status === "initiated" && outcome.lockedUntil !== null) {
    const result = {
      status: "locked" as const,
      method,
      kind: ctx.kind,
      externalId: ctx.externalId,
      authId: outcome.authId,
      journeyId: outcome.journeyId,
      lockedUntil: outcome.lockedUntil,
    };
    await ctx.services.events.emit(ctx.principal, result, await receiptDraft(ctx, subject, result));
  }
}
