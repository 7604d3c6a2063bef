import { z } from "zod";
import { readProviderJson } from "../http/provider-response.ts";
import { type FetchFn, type ResilientFetchOptions, resilientFetch } from "../http/resilient-fetch.ts";
import { E164PhoneNumber, type SentMessage } from "../messaging/message-sender.ts";
import {
  type PasscodeCall,
  type PasscodeCaller,
  parsePasscodeCall,
  spokenDigits,
} from "./passcode-caller.ts";

export const TwilioVoiceConfig = z.strictObject({
  accountSid: z.string().regex(/^AC[0-9a-fA-F]{32}$/, "must be a Twilio Account SID (AC + 32 hex)"),
  authToken: z.string().min(1),
  /** Caller id: a Twilio number or a verified caller id. */
  from: E164PhoneNumber,
  baseUrl: z.url({ protocol: /^https?$/ }).default("https://api.twilio.com"),
  /** Text-to-speech voice and language, e.g. Amazon Polly's British English "Polly.Amy". */
  voice: z.string().min(1).max(64).default("Polly.Amy"),
  language: z.string().min(2).max(16).default("en-GB"),
  /** Seconds the phone rings before Twilio gives up. */
  ringTimeoutSeconds: z.number().int().min(5).max(600).default(30),
});
export type TwilioVoiceConfig = z.input<typeof TwilioVoiceConfig>;

export type TwilioVoiceHttpOptions = Pick<
  ResilientFetchOptions,
  "timeoutMs" | "retries" | "backoff" | "sleep" | "random"
> & { fetcher?: FetchFn };

const TwilioCall = z.object({ sid: z.string().min(1), date_created: z.string().nullish() });

function escapeXml(text: string): string {
  return text.replace(/[<>&'"]/g, (c) => `&#${c.charCodeAt(0)};`);
}

/**
 * Passcode calls through Twilio Programmable Voice: `POST /2010-04-01/Accounts/{Sid}/Calls.json` with
 * inline TwiML (no webhook server needed). What it adds over a plain `<Say>`:
 *
 * - `MachineDetection=DetectMessageEnd`: when an answering machine picks up (common on landlines), Twilio
 *   starts the TwiML after the greeting's beep, so the recording holds the whole code.
 * - The code is read digit by digit with pauses, twice, in the configured voice and language.
 * - `I-Twilio-Idempotency-Token` carries the idempotency key on every attempt, so a retried request never
 *   rings the customer twice.
 */
export class TwilioVoiceCaller implements PasscodeCaller {
  readonly provider = "twilio";
  private readonly config: z.output<typeof TwilioVoiceConfig>;
  private readonly http: TwilioVoiceHttpOptions;

  constructor(config: TwilioVoiceConfig, http: TwilioVoiceHttpOptions = {}) {
    this.config = TwilioVoiceConfig.parse(config);
    this.http = http;
  }

  /** The TwiML of a call: intro, the digits, a pause, the digits again, then the outro. */
  twiml(input: PasscodeCall): string {
    const call = parsePasscodeCall(input);
    const attributes = ` voice="${escapeXml(this.config.voice)}" language="${escapeXml(this.config.language)}"`;
    const say = (text: string) => `<Say${attributes}>${escapeXml(text)}</Say>`;
    const digits = spokenDigits(call.passcode);
    return [
      "<Response>",
      say(call.intro),
      '<Pause length="1"/>',
      say(`${digits}.`),
      '<Pause length="2"/>',
      say(`I repeat, ${digits}.`),
      call.outro ? say(call.outro) : "",
      "</Response>",
    ].join("");
  }

  async call(input: PasscodeCall): Promise<SentMessage> {
    const call = parsePasscodeCall(input);
    const { accountSid, authToken, baseUrl } = this.config;
    const form = new URLSearchParams({
      To: call.to,
      From: this.config.from,
      Twiml: this.twiml(call),
      MachineDetection: "DetectMessageEnd",
      Timeout: String(this.config.ringTimeoutSeconds),
    });
    const request = new Request(
      `${baseUrl.replace(/\/+$/, "")}/2010-04-01/Accounts/${accountSid}/Calls.json`,
      {
        method: "POST",
        headers: {
          accept: "application/json",
          authorization: `Basic ${btoa(`${accountSid}:${authToken}`)}`,
          "content-type": "application/x-www-form-urlencoded",
        },
        body: form,
      },
    );
    const response = await resilientFetch(request, {
      ...this.http,
      provider: this.provider,
      idempotencyKey: call.idempotencyKey,
      idempotencyHeader: "I-Twilio-Idempotency-Token",
    });
    const created = await readProviderJson(response, {
      provider: this.provider,
      schema: TwilioCall,
      errorCode: (body) => {
        const code = (body as { code?: unknown } | null)?.code;
        return typeof code === "number" ? code : null;
      },
    });
    const at = created.date_created ? Date.parse(created.date_created) : Number.NaN;
    return {
      providerMessageId: created.sid,
      acceptedAt: new Date(Number.isNaN(at) ? Date.now() : at).toISOString(),
    };
  }
}
