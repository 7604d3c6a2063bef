import { ProviderError } from "../http/provider-error.ts";
import type { SentMessage } from "../messaging/message-sender.ts";
import type { SandboxOutbox } from "../messaging/sandbox-outbox.ts";
import { SANDBOX_REJECTED_RECIPIENTS } from "../messaging/sandbox-sender.ts";
import {
  type PasscodeCall,
  type PasscodeCaller,
  parsePasscodeCall,
  passcodeScript,
} from "./passcode-caller.ts";

/**
 * The test-mode passcode caller: validates like the real one, then records the call's words (what the
 * customer would hear) in the outbox as a `voice` message, idempotent on the key like Twilio's token.
 */
export class SandboxPasscodeCaller implements PasscodeCaller {
  readonly provider = "sandbox";
  private readonly outbox: SandboxOutbox;
  private readonly now: () => Date;

  constructor(outbox: SandboxOutbox, options: { now?: () => Date } = {}) {
    this.outbox = outbox;
    this.now = options.now ?? (() => new Date());
  }

  async call(input: PasscodeCall): Promise<SentMessage> {
    const call = parsePasscodeCall(input);
    const rejection = SANDBOX_REJECTED_RECIPIENTS[call.to];
    if (rejection) {
      throw new ProviderError({ provider: this.provider, kind: "http", retryable: false, ...rejection });
    }
    const stored = await this.outbox.record({
      id: `sbx_call_${crypto.randomUUID().replaceAll("-", "")}`,
      channel: "voice",
      to: call.to,
      subject: null,
      body: passcodeScript(call),
      idempotencyKey: call.idempotencyKey,
      createdAt: this.now().toISOString(),
    });
    return { providerMessageId: stored.id, acceptedAt: stored.createdAt };
  }
}
