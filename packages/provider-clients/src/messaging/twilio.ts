import { expectJson, resilientFetch } from "../http/resilient-fetch.ts";
import { type MessageSender, OutgoingMessage, type SentMessage } from "./message-sender.ts";

export interface TwilioConfig {
  accountSid: string;
  authToken: string;
  /** Sender number or Messaging Service SID. */
  from: string;
  baseUrl?: string;
  fetcher?: typeof fetch;
}

function escapeXml(text: string): string {
  return text.replace(/[<>&'"]/g, (c) => `&#${c.charCodeAt(0)};`);
}

/**
 * Twilio's REST API: SMS through Messages, voice through Calls with inline TwiML that reads the text
 * twice. `I-Twilio-Idempotency-Token` makes retries safe.
 */
export class TwilioMessageSender implements MessageSender {
  constructor(private readonly config: TwilioConfig) {}

  async send(input: OutgoingMessage): Promise<SentMessage> {
    const message = OutgoingMessage.parse(input);
    if (message.channel === "email")
      throw new Error("Twilio sends sms and voice; use an email sender for email");
    const base = this.config.baseUrl ?? "https://api.twilio.com";
    const resource = message.channel === "sms" ? "Messages" : "Calls";
    const form = new URLSearchParams({ To: message.to, From: this.config.from });
    if (message.channel === "sms") form.set("Body", message.body);
    else
      form.set(
        "Twiml",
        `<Response><Say>${escapeXml(message.body)}</Say><Pause length="1"/><Say>${escapeXml(message.body)}</Say></Response>`,
      );
    const response = await resilientFetch(
      `${base}/2010-04-01/Accounts/${encodeURIComponent(this.config.accountSid)}/${resource}.json`,
      {
        method: "POST",
        headers: {
          authorization: `Basic ${btoa(`${this.config.accountSid}:${this.config.authToken}`)}`,
          "content-type": "application/x-www-form-urlencoded",
        },
        body: form.toString(),
      },
      {
        provider: "twilio",
        idempotencyKey: message.idempotencyKey,
        idempotencyHeader: "I-Twilio-Idempotency-Token",
        ...(this.config.fetcher ? { fetcher: this.config.fetcher } : {}),
      },
    );
    const body = await expectJson<{ sid: string; date_created?: string }>("twilio", response);
    return { providerMessageId: body.sid, acceptedAt: new Date().toISOString() };
  }
}
