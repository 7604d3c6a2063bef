import { z } from "zod";
import {
  E164PhoneNumber,
  InvalidMessageError,
  MessageIdempotencyKey,
  type SentMessage,
} from "../messaging/message-sender.ts";
import type { ExternalEffect } from "../provider.ts";

/**
 * An automated call that reads a one-time passcode to a phone, typically a landline that cannot receive
 * SMS. `intro` says who is calling and why (merchant, transaction); the passcode is read digit by digit,
 * twice, so it can be written down.
 */
export const PasscodeCall = z.strictObject({
  to: E164PhoneNumber,
  /** Digits only: a code read out loud must not carry anything a text-to-speech engine interprets. */
  passcode: z.string().regex(/^\d{4,10}$/, "must be 4 to 10 digits"),
  /** Spoken before the code, e.g. "This is Acme. Your code to approve a payment of £12.50 is". */
  intro: z.string().min(1).max(300),
  /** Spoken after the code, e.g. "Never share this code.". */
  outro: z.string().max(300).default(""),
  idempotencyKey: MessageIdempotencyKey,
});
export type PasscodeCall = z.input<typeof PasscodeCall>;
export type ParsedPasscodeCall = z.output<typeof PasscodeCall>;

export interface PasscodeCaller extends ExternalEffect {
  /**
   * Places the call; resolves when the provider accepted it (not when it was answered). Throws
   * InvalidMessageError (bad input, before any request) or ProviderError.
   */
  call(input: PasscodeCall): Promise<SentMessage>;
}

export function parsePasscodeCall(input: unknown): ParsedPasscodeCall {
  const result = PasscodeCall.safeParse(input);
  if (result.success) return result.data;
  throw new InvalidMessageError(
    result.error.issues.map((issue) => ({ path: issue.path.join(".") || "(call)", message: issue.message })),
  );
}

/** "4, 8, 2, 9, 1, 3": commas make text-to-speech engines pause between digits instead of reading a number. */
export function spokenDigits(passcode: string): string {
  return passcode.split("").join(", ");
}

/** The words of the call, as the sandbox records them and as a transcript of what the real call says. */
export function passcodeScript(call: ParsedPasscodeCall): string {
  const digits = spokenDigits(call.passcode);
  return [`${call.intro} ${digits}.`, `I repeat, ${digits}.`, call.outro].filter(Boolean).join(" ");
}
