// Gathers what a result's receipt needs besides the outcome: how the code went out (the audit trail's
// channel and masked destination) and the holder key bound to the code, if any. Never fatal: a receipt
// that cannot be built (a bug) is logged and left out, while the result event still goes out.
import type { FlowContext } from "../flows/answers.ts";
import type { Subject } from "../subjects/subject-registry.ts";
import { ekycReceiptRequest, type Possession, type ReceiptOutcome } from "./receipt-claims.ts";
import type { ReceiptDraft } from "./result-events.ts";

const CHANNELS = new Set<Possession["channel"]>(["sms", "voice", "email", "faster_payments"]);

export async function receiptDraft(
  ctx: FlowContext,
  subject: Subject,
  outcome: ReceiptOutcome,
): Promise<ReceiptDraft | undefined> {
  try {
    return await draft(ctx, subject, outcome);
  } catch (error) {
    ctx.services.log.error("receipt request not built", {
      errorName: (error as Error)?.name ?? "unknown",
      // Paths only: a value in a zod issue could be personal.
      paths: ((error as { issues?: { path: PropertyKey[] }[] }).issues ?? []).map((i) => i.path.join(".")),
    });
    return undefined;
  }
}

async function draft(ctx: FlowContext, subject: Subject, outcome: ReceiptOutcome): Promise<ReceiptDraft> {
  const [sent, holderKey] = outcome.authId
    ? await Promise.all([
        ctx.services.audit.possession(subject.id, outcome.authId),
        ctx.services.subject(subject).holderKey(outcome.authId),
      ])
    : [null, null];
  const possession =
    sent && CHANNELS.has(sent.channel as Possession["channel"])
      ? { channel: sent.channel as Possession["channel"], destinationHint: sent.destinationHint }
      : null;
  return {
    subjectId: subject.id,
    request: ekycReceiptRequest({
      partnerId: ctx.principal.partnerId,
      mode: ctx.principal.mode,
      outcome,
      possession,
      holderKey,
      now: Date.now(),
    }),
  };
}
