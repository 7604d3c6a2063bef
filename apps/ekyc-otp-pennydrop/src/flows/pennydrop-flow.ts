import type { HolderPublicJwk } from "@edgekyc/schemas";
import { maskBankAccount } from "../audit/audit-log.ts";
import { pennyDropReference } from "../delivery/otp-messages.ts";
import { passesModulusCheck } from "../pennydrop/modulus-check.ts";
import { accountHolderName } from "../subjects/subject-pii.ts";
import type { Subject } from "../subjects/subject-registry.ts";
import { type Answer, answer, type FlowContext, fieldError, findSubject } from "./answers.ts";
import { deliveryFailure, initiateAnswer, recordOutcomeEvents } from "./initiate-answers.ts";

export interface PennyDropInput {
  journeyId?: string | undefined;
  bankAccount: string;
  sortCode: string;
  /** EdgeKYC extension: the end user's public key the result's receipt is bound to. */
  holderKey?: HolderPublicJwk | undefined;
}

/** 1p, by Faster Payments, with the code in the reference. */
const PENNY_DROP_AMOUNT_PENCE = 1;

const NAME_MATCH = {
  match: "match",
  close_match: "closeMatch",
  no_match: "noMatch",
  unavailable: "unavailable",
} as const;

async function audit(
  ctx: FlowContext,
  subject: Subject,
  input: PennyDropInput,
  journeyId: string,
  status: string,
  extra: { authId?: string | null; detail?: string | null } = {},
) {
  await ctx.services.audit.record(ctx.principal, ctx.requestId, {
    subjectId: subject.id,
    journeyId,
    authId: extra.authId ?? null,
    method: "pennydrop",
    action: "initiate",
    status,
    channel: "faster_payments",
    destinationHint: maskBankAccount(input.sortCode, input.bankAccount),
    detail: extra.detail ?? null,
  });
}

/**
 * Penny Drop initiate, in the order that spends least on a request that cannot succeed: the record must
 * have an address (`addressDetailsMissing`); the sort code and account number must pass the UK modulus
 * check; initiates must not be used up or locked; Confirmation of Payee must not answer "no match" for
 * the customer's name (`invalidBankDetails`); then a code is issued in the subject's Durable Object and 1p
 * is paid with it in the reference, under an idempotency key derived from the code's authId, so no retry
 * (ours, the provider client's, or a duplicated request) ever pays twice.
 */
export async function initiatePennyDrop(ctx: FlowContext, input: PennyDropInput): Promise<Answer> {
  const found = await findSubject(ctx);
  if ("missing" in found) return found.missing;
  const { subject } = found;
  const journeyId = input.journeyId ?? crypto.randomUUID();
  if (!subject.hasAddress) {
    await audit(ctx, subject, input, journeyId, "addressDetailsMissing");
    return fieldError(
      "addressDetailsMissing",
      "address",
      `the ${ctx.kind} has no address; register one first`,
      "initiate",
    );
  }
  if (!passesModulusCheck(input.sortCode, input.bankAccount)) {
    await audit(ctx, subject, input, journeyId, "invalidBankDetails", { detail: "modulus" });
    return answer(
      "invalidBankDetails",
      {
        journeyId,
        errors: [
          { field: "bankAccount", message: "the sort code and account number fail the UK modulus check" },
        ],
      },
      { side: "initiate" },
    );
  }
  const settings = await ctx.services.settings(ctx.principal.partnerId);
  const stub = ctx.services.subject(subject);
  const accountKey = ctx.services.destinationKey(`faster_payments:${input.sortCode}${input.bankAccount}`);
  const blocked = await stub.peek("pennydrop", { journeyId, destinationKey: accountKey }, settings);
  if (blocked) {
    await audit(ctx, subject, input, journeyId, blocked.status, {
      authId: "authId" in blocked ? blocked.authId : null,
    });
    return initiateAnswer(blocked);
  }
  const details = await ctx.services.subjects.details(subject);
  const name = accountHolderName(details);
  const banking = ctx.services.banking(ctx.principal);
  const payee = await banking.payee.check({
    sortCode: input.sortCode,
    accountNumber: input.bankAccount,
    name,
  });
  const nameMatch = NAME_MATCH[payee.match];
  if (payee.match === "no_match" || payee.match === "unavailable") {
    await audit(ctx, subject, input, journeyId, "invalidBankDetails", {
      detail: `cop:${payee.reasonCode ?? payee.match}`,
    });
    return answer(
      "invalidBankDetails",
      {
        journeyId,
        nameMatch,
        errors: [
          {
            field: "bankAccount",
            message:
              payee.match === "no_match"
                ? "the account does not match the customer (Confirmation of Payee: no match)"
                : "the account cannot be matched to the customer (Confirmation of Payee not possible for it)",
          },
        ],
      },
      { side: "initiate" },
    );
  }
  const outcome = await stub.initiate(
    "pennydrop",
    {
      journeyId,
      destinationKey: accountKey,
      sealedDestination: await ctx.services.cipher.encryptJson(
        { sortCode: input.sortCode, bankAccount: input.bankAccount },
        `ekyc.session.destination:${subject.partnerId}:${subject.id}`,
      ),
    },
    settings,
  );
  if (outcome.status === "initiated") {
    try {
      await banking.payments.pay({
        destination: { sortCode: input.sortCode, accountNumber: input.bankAccount, name },
        amountPence: PENNY_DROP_AMOUNT_PENCE,
        reference: pennyDropReference(outcome.code),
        idempotencyKey: `pd.${outcome.authId}`,
      });
    } catch (error) {
      await stub.cancel("pennydrop", outcome.authId);
      await audit(ctx, subject, input, journeyId, "paymentFailed", { authId: outcome.authId });
      const failed = deliveryFailure(error, "bankAccount");
      return failed.body.status === "invalid"
        ? answer("invalidBankDetails", { journeyId, errors: failed.body.errors }, { side: "initiate" })
        : failed;
    }
  }
  await audit(ctx, subject, input, journeyId, outcome.status, {
    authId: "authId" in outcome ? outcome.authId : null,
    detail: `cop:${payee.reasonCode ?? payee.match}`,
  });
  await recordOutcomeEvents(ctx, subject, "pennydrop", outcome, input.holderKey);
  return initiateAnswer(outcome, { nameMatch, amount: { value: 0.01, currency: "GBP" } });
}
