import type { HolderPublicJwk } from "@edgekyc/schemas";
import { maskEmail, maskPhone } from "../audit/audit-log.ts";
import { chooseDestination, type Destination } from "../delivery/otp-destination.ts";
import { emailMessage, smsText, type TransactionDetails, voiceWords } from "../delivery/otp-messages.ts";
import type { InitiateOutcome } from "../limits/subject-machine.ts";
import type { Settings } from "../limits/subject-state.ts";
import type { Subject } from "../subjects/subject-registry.ts";
import { type Answer, type FlowContext, fieldError, findSubject } from "./answers.ts";
import { deliveryFailure, initiateAnswer, recordOutcomeEvents } from "./initiate-answers.ts";

export interface OtpInitiateInput {
  mobileNumber?: string | undefined;
  homeNumber?: string | undefined;
  email?: string | undefined;
  transactionDetails?: TransactionDetails | undefined;
  journeyId?: string | undefined;
  /** EdgeKYC extension: the end user's public key the result's receipt is bound to. */
  holderKey?: HolderPublicJwk | undefined;
}

function hint(destination: Destination): string {
  return destination.channel === "email" ? maskEmail(destination.to) : maskPhone(destination.to);
}

const destinationAad = (subject: Subject) => `ekyc.session.destination:${subject.partnerId}:${subject.id}`;

async function deliver(
  ctx: FlowContext,
  destination: Destination,
  code: string,
  key: string,
  settings: Settings,
  transaction?: TransactionDetails,
) {
  const words = { code, expiresInMs: settings.passcodeExpiryInMilliseconds, transaction };
  const delivery = ctx.services.delivery(ctx.principal);
  if (destination.channel === "voice") {
    await delivery.voice.call({
      to: destination.to,
      passcode: code,
      ...voiceWords(words),
      idempotencyKey: key,
    });
  } else if (destination.channel === "sms") {
    await delivery.messages.send({
      channel: "sms",
      to: destination.to,
      body: smsText(words),
      idempotencyKey: key,
    });
  } else {
    await delivery.messages.send({
      channel: "email",
      to: destination.to,
      ...emailMessage(words),
      idempotencyKey: key,
    });
  }
}

/**
 * Sends the code of an initiate or resend, then audits and reports. A failed delivery takes the code
 * back in the Durable Object (not counted), so a provider outage never costs the customer a code.
 */
async function finish(
  ctx: FlowContext,
  subject: Subject,
  action: "initiate" | "resend",
  outcome: InitiateOutcome,
  destination: Destination,
  settings: Settings,
  transaction: TransactionDetails | undefined,
  holderKey?: HolderPublicJwk,
): Promise<Answer> {
  let result: Answer | null = null;
  if (outcome.status === "initiated") {
    const key = `${outcome.authId}.${outcome.expiresAt}`;
    try {
      await deliver(ctx, destination, outcome.code, key, settings, transaction);
    } catch (error) {
      await ctx.services.subject(subject).cancel("otp", outcome.authId);
      await ctx.services.audit.record(ctx.principal, ctx.requestId, {
        subjectId: subject.id,
        journeyId: outcome.journeyId,
        authId: outcome.authId,
        method: "otp",
        action,
        status: "deliveryFailed",
        channel: destination.channel,
        destinationHint: hint(destination),
      });
      result = deliveryFailure(error, destination.field);
    }
  }
  if (result) return result;
  result = initiateAnswer(outcome, { channel: destination.channel, destination: hint(destination) });
  await ctx.services.audit.record(ctx.principal, ctx.requestId, {
    subjectId: subject.id,
    journeyId: outcome.journeyId,
    authId: "authId" in outcome ? outcome.authId : null,
    method: "otp",
    action,
    status: outcome.status,
    channel: destination.channel,
    destinationHint: hint(destination),
  });
  await recordOutcomeEvents(ctx, subject, "otp", outcome, holderKey);
  return result;
}

export async function initiateOtp(ctx: FlowContext, input: OtpInitiateInput): Promise<Answer> {
  const found = await findSubject(ctx);
  if ("missing" in found) return found.missing;
  const { subject } = found;
  const chosen = chooseDestination(input, await ctx.services.subjects.details(subject));
  if (!chosen.ok) return fieldError(chosen.status, chosen.field, chosen.message, "initiate");
  const { destination } = chosen;
  const journeyId = input.journeyId ?? crypto.randomUUID();
  const settings = await ctx.services.settings(ctx.principal.partnerId);
  const outcome = await ctx.services.subject(subject).initiate(
    "otp",
    {
      journeyId,
      destinationKey: ctx.services.destinationKey(`${destination.channel}:${destination.to}`),
      sealedDestination: await ctx.services.cipher.encryptJson(destination, destinationAad(subject)),
    },
    settings,
  );
  return finish(
    ctx,
    subject,
    "initiate",
    outcome,
    destination,
    settings,
    input.transactionDetails,
    input.holderKey,
  );
}

/** A new code for a live authId, to the same destination as the first (held encrypted in the session). */
export async function resendOtp(
  ctx: FlowContext,
  authId: string,
  input: { transactionDetails?: TransactionDetails | undefined },
): Promise<Answer> {
  const found = await findSubject(ctx);
  if ("missing" in found) return found.missing;
  const { subject } = found;
  const settings = await ctx.services.settings(ctx.principal.partnerId);
  const outcome = await ctx.services.subject(subject).resend("otp", authId, settings);
  if (outcome.status !== "initiated") {
    const result = initiateAnswer(outcome);
    await ctx.services.audit.record(ctx.principal, ctx.requestId, {
      subjectId: subject.id,
      journeyId: "journeyId" in outcome ? outcome.journeyId : null,
      authId,
      method: "otp",
      action: "resend",
      status: outcome.status,
    });
    return result;
  }
  const destination = await ctx.services.cipher.decryptJson<Destination>(
    outcome.sealedDestination,
    destinationAad(subject),
  );
  return finish(ctx, subject, "resend", outcome, destination, settings, input.transactionDetails);
}
