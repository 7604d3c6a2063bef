import type { Mode } from "@edgekyc/schemas";

/**
 * Every external effect (messages, payments, confirmation of payee, ID authorities, face engines) is an
 * interface with a real client and a sandbox. The key's mode picks one: test-mode keys never reach a real
 * provider, so the whole platform runs on one machine with no account anywhere.
 */
export function selectProvider<T>(mode: Mode, providers: { live: () => T; sandbox: () => T }): T {
  return mode === "live" ? providers.live() : providers.sandbox();
}
