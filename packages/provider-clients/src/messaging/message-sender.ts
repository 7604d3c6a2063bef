import { z } from "zod";

export const E164 = z
  .string()
  .regex(/^\+[1-9]\d{6,14}$/, "must be a phone number in E.164 form, e.g. +447700900123");
export const EmailAddress = z.email("must be an email address").max(254);

export const OutgoingMessage = z.discriminatedUnion("channel", [
  z.strictObject({
    channel: z.literal("sms"),
    to: E164,
    body: z.string().min(1).max(1600),
    idempotencyKey: z.string().min(1).max(128),
  }),
  z.strictObject({
    channel: z.literal("voice"),
    to: E164,
    body: z.string().min(1).max(1000),
    idempotencyKey: z.string().min(1).max(128),
  }),
  z.strictObject({
    channel: z.literal("email"),
    to: EmailAddress,
    subject: z.string().min(1).max(200),
    body: z.string().min(1).max(20_000),
    idempotencyKey: z.string().min(1).max(128),
  }),
]);
export type OutgoingMessage = z.infer<typeof OutgoingMessage>;

export interface SentMessage {
  providerMessageId: string;
  acceptedAt: string;
}

/** SMS, automated voice call, or email carrying a one-time passcode. */
export interface MessageSender {
  send(message: OutgoingMessage): Promise<SentMessage>;
}
