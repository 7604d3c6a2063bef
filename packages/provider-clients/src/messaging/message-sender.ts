import { z } from "zod";
import type { ExternalEffect } from "../provider.ts";

export const MESSAGE_CHANNELS = ["sms", "voice", "email"] as const;
export const MessageChannel = z.enum(MESSAGE_CHANNELS);
export type MessageChannel = z.infer<typeof MessageChannel>;

/** E.164: "+", a country code that does not start with 0, at most 15 digits in all. */
export const E164PhoneNumber = z
  .string()
  .regex(/^\+[1-9]\d{6,14}$/, "must be a phone number in E.164 form, e.g. +447700900123");

export const EmailAddress = z
  .email({ error: "must be an email address, e.g. anna@example.org" })
  .max(254, "must be at most 254 characters");

/** Providers dedupe on it (Twilio) or record it (Postmark metadata); the sandbox dedupes on it. */
export const MessageIdempotencyKey = z
  .string()
  .regex(/^[A-Za-z0-9_.:-]{1,128}$/, "must be 1 to 128 characters of A-Z a-z 0-9 _ . : -");

const SmsMessage = z.strictObject({
  channel: z.literal("sms"),
  to: E164PhoneNumber,
  /** Twilio's limit for one message (it splits into segments). */
  body: z.string().min(1).max(1600),
  idempotencyKey: MessageIdempotencyKey,
});

const VoiceMessage = z.strictObject({
  channel: z.literal("voice"),
  to: E164PhoneNumber,
  /** Read out by text-to-speech; spell codes out digit by digit ("1 2 3 4 5 6"). */
  body: z.string().min(1).max(1000),
  idempotencyKey: MessageIdempotencyKey,
});

const EmailMessage = z.strictObject({
  channel: z.literal("email"),
  to: EmailAddress,
  subject: z.string().min(1).max(200),
  /** Plain text. */
  body: z.string().min(1).max(20_000),
  idempotencyKey: MessageIdempotencyKey,
});

/** One message to one recipient. `subject` is required for email and not allowed otherwise. */
export const OutboundMessage = z.discriminatedUnion("channel", [SmsMessage, VoiceMessage, EmailMessage]);
export type OutboundMessage = z.infer<typeof OutboundMessage>;

export interface SentMessage {
  /** The provider's id for the message or call (Twilio SM…/CA…, Postmark MessageID, sandbox id). */
  providerMessageId: string;
  /** When the provider accepted it (ISO 8601), which is not when it was delivered. */
  acceptedAt: string;
}

/** An SMS, automated voice call or email, typically carrying a one-time passcode. */
export interface MessageSender extends ExternalEffect {
  /** Channels this sender delivers; `send` refuses the others with UnsupportedChannelError. */
  readonly channels: readonly MessageChannel[];
  /**
   * Throws InvalidMessageError (bad input, before any request), UnsupportedChannelError, or
   * ProviderError (the provider refused, failed or could not be reached).
   */
  send(message: OutboundMessage): Promise<SentMessage>;
}

/** A message that fails OutboundMessage. Issues name fields, never their values. */
export class InvalidMessageError extends Error {
  override readonly name = "InvalidMessageError";
  constructor(readonly issues: { path: string; message: string }[]) {
    super(`invalid message: ${issues.map((issue) => `${issue.path}: ${issue.message}`).join("; ")}`);
  }
}

export class UnsupportedChannelError extends Error {
  override readonly name = "UnsupportedChannelError";
  constructor(
    readonly provider: string,
    readonly channel: string,
  ) {
    super(`${provider} does not send ${channel} messages`);
  }
}

/** Validates a message the same way in every sender, so the sandbox refuses exactly what the real ones do. */
export function parseOutboundMessage(input: unknown): OutboundMessage {
  const result = OutboundMessage.safeParse(input);
  if (result.success) return result.data;
  throw new InvalidMessageError(
    result.error.issues.map((issue) => ({
      path: issue.path.join(".") || "(message)",
      message: issue.message,
    })),
  );
}

/** Validates, then checks that the sender delivers the message's channel. */
export function acceptMessage(sender: MessageSender, input: unknown): OutboundMessage {
  const message = parseOutboundMessage(input);
  if (!sender.channels.includes(message.channel)) {
    throw new UnsupportedChannelError(sender.provider, message.channel);
  }
  return message;
}
