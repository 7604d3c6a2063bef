import { z } from "zod";
import { readProviderJson } from "../http/provider-response.ts";
import { type FetchFn, type ResilientFetchOptions, resilientFetch } from "../http/resilient-fetch.ts";
import {
  acceptMessage,
  E164PhoneNumber,
  type MessageChannel,
  type MessageSender,
  type OutboundMessage,
  type SentMessage,
} from "./message-sender.ts";

export const TwilioConfig = z
  .strictObject({
    /** Account SID (AC + 32 hex); the Basic auth username and part of every URL. */
    accountSid: z.string().regex(/^AC[0-9a-fA-F]{32}$/, "must be a Twilio Account SID (AC + 32 hex)"),
    authToken: z.string().min(1),
    /** Sender number for SMS (unless messagingServiceSid is set) and caller id for voice calls. */
    from: E164PhoneNumber.optional(),
    /** Messaging Service (MG + 32 hex) that picks the SMS sender; voice still needs `from`. */
    messagingServiceSid: z
      .string()
      .regex(/^MG[0-9a-fA-F]{32}$/, "must be a Messaging Service SID (MG + 32 hex)")
      .optional(),
    /** For a regional edge or a local fake; default https://api.twilio.com. */
    baseUrl: z.url({ protocol: /^https?$/ }).default("https://api.twilio.com"),
    /** `<Say>` voice and language for calls, e.g. "Polly.Amy" and "en-GB". */
    voice: z
      .strictObject({
        voice: z.string().min(1).max(64).optional(),
        language: z.string().min(2).max(16).optional(),
        /** Times the text is read, with a pause in between. */
        repeat: z.number().int().min(1).max(5).default(2),
      })
      .prefault({}),
  })
  .check((ctx) => {
    if (ctx.issues.length === 0 && !ctx.value.from && !ctx.value.messagingServiceSid) {
      ctx.issues.push({
        code: "custom",
        input: ctx.value,
        path: ["from"],
        message: "set from or messagingServiceSid",
      });
    }
  });
export type TwilioConfig = z.input<typeof TwilioConfig>;

export type TwilioHttpOptions = Pick<
  ResilientFetchOptions,
  "timeoutMs" | "retries" | "backoff" | "sleep" | "random"
> & {
  fetcher?: FetchFn;
};

/** A Twilio Message or Call resource; only what we read. */
const TwilioResource = z.object({
  sid: z.string().min(1),
  /** RFC 2822, e.g. "Thu, 30 Jul 2015 20:12:31 +0000". */
  date_created: z.string().nullish(),
});

function escapeXml(text: string): string {
  return text.replace(/[<>&'"]/g, (c) => `&#${c.charCodeAt(0)};`);
}

function twilioErrorCode(body: unknown): number | null {
  const code = (body as { code?: unknown } | null)?.code;
  return typeof code === "number" ? code : null;
}

/**
 * SMS through Twilio's Messages API and voice calls through its Calls API with inline TwiML, both
 * `POST /2010-04-01/Accounts/{AccountSid}/{Messages|Calls}.json`, form-encoded, HTTP Basic auth
 * (Account SID : Auth Token). `I-Twilio-Idempotency-Token` carries the message's idempotency key on
 * every attempt, which is what makes retrying these POSTs safe.
 */
export class TwilioMessageSender implements MessageSender {
  readonly provider = "twilio";
  readonly channels: readonly MessageChannel[];
  private readonly config: z.output<typeof TwilioConfig>;
  private readonly http: TwilioHttpOptions;

  /** Throws a ZodError naming the wrong config field (values are not echoed). */
  constructor(config: TwilioConfig, http: TwilioHttpOptions = {}) {
    this.config = TwilioConfig.parse(config);
    this.http = http;
    this.channels = this.config.from ? ["sms", "voice"] : ["sms"];
  }

  async send(input: OutboundMessage): Promise<SentMessage> {
    const message = acceptMessage(this, input);
    const { accountSid, authToken, baseUrl } = this.config;
    const resource = message.channel === "voice" ? "Calls" : "Messages";
    const url = `${baseUrl.replace(/\/+$/, "")}/2010-04-01/Accounts/${accountSid}/${resource}.json`;
    const request = new Request(url, {
      method: "POST",
      headers: {
        accept: "application/json",
        authorization: `Basic ${btoa(`${accountSid}:${authToken}`)}`,
        "content-type": "application/x-www-form-urlencoded",
      },
      body: this.form(message),
    });
    const response = await resilientFetch(request, {
      ...this.http,
      provider: this.provider,
      idempotencyKey: message.idempotencyKey,
      idempotencyHeader: "I-Twilio-Idempotency-Token",
    });
    const resource_ = await readProviderJson(response, {
      provider: this.provider,
      schema: TwilioResource,
      errorCode: twilioErrorCode,
    });
    const created = resource_.date_created ? Date.parse(resource_.date_created) : Number.NaN;
    return {
      providerMessageId: resource_.sid,
      acceptedAt: new Date(Number.isNaN(created) ? Date.now() : created).toISOString(),
    };
  }

  private form(message: OutboundMessage): URLSearchParams {
    const form = new URLSearchParams({ To: message.to });
    if (message.channel === "voice") {
      // Guaranteed by `channels`: voice is only offered when `from` is configured.
      form.set("From", this.config.from as string);
      form.set("Twiml", this.twiml(message.body));
    } else if (this.config.messagingServiceSid) {
      form.set("MessagingServiceSid", this.config.messagingServiceSid);
      form.set("Body", message.body);
    } else {
      form.set("From", this.config.from as string);
      form.set("Body", message.body);
    }
    return form;
  }

  private twiml(text: string): string {
    const { voice, language, repeat } = this.config.voice;
    const attributes = [
      voice ? ` voice="${escapeXml(voice)}"` : "",
      language ? ` language="${escapeXml(language)}"` : "",
    ].join("");
    const say = `<Say${attributes}>${escapeXml(text)}</Say>`;
    return `<Response>${Array.from({ length: repeat }, () => say).join('<Pause length="1"/>')}</Response>`;
  }
}
