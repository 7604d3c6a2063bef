import type { Mode } from "@edgekyc/schemas";

/**
 * The mode of the API key behind a request. `test` → the sandbox implementation, `live` → the real
 * provider. Test-mode keys never reach a real provider, so the whole platform runs on one machine with no
 * account anywhere.
 */
export type ProviderMode = Mode;

export type ProviderTarget = "real" | "sandbox";

/** Which implementation a mode gets. Anything but exactly "live" gets the sandbox: failing safe. */
export function providerTarget(mode: ProviderMode): ProviderTarget {
  return mode === "live" ? "real" : "sandbox";
}

/**
 * What every external effect implementation has (messages, payments, confirmation of payee, ID
 * authorities, face engines): an interface for the effect that extends this, a real client for a named
 * provider, and a sandbox that behaves like it locally.
 */
export interface ExternalEffect {
  /** Who performs the effect ("twilio", "postmark", "sandbox"…), for logs and audit records. */
  readonly provider: string;
}

/**
 * Picks the implementation of an effect for a key's mode. Both are factories, so a test-mode request never
 * builds the real client and never needs its credentials.
 *
 * ```ts
 * const sender = selectProvider<MessageSender>({
 *   mode: principal.mode,
 *   real: () => new TwilioMessageSender({ accountSid: env.TWILIO_ACCOUNT_SID, ... }),
 *   sandbox: () => new SandboxMessageSender(new D1SandboxOutbox(env.DB, principal.partnerId)),
 * });
 * ```
 */
export function selectProvider<T extends ExternalEffect>(options: {
  mode: ProviderMode;
  real: () => T;
  sandbox: () => T;
}): T {
  return providerTarget(options.mode) === "real" ? options.real() : options.sandbox();
}
