import { z } from "@hono/zod-openapi";
import { JWE_CONTENT_ALGORITHMS, JWE_KEY_ALGORITHM } from "../../domain/chip-envelope.ts";
import { APP_MESSAGES } from "../../domain/outcomes.ts";
import { SESSION_STATES, type SessionState } from "../../domain/session-record.ts";
import type { SessionView } from "../../durable/session-object.ts";
import type { NfcServices } from "../../services.ts";

const NEXT_STEPS = ["consent", "challenge", "chip", "selfie", "wait", "done"] as const;

export const AppStatus = z
  .object({
    state: z.enum(SESSION_STATES),
    next_step: z.enum(NEXT_STEPS),
    /** How consent may be given: the scanned MRZ always; typed fields only with force_mrz_consent. */
    consent_modes: z.array(z.enum(["mrz", "manual"])),
    num_images_liveness: z.number().int(),
    /** The key to encrypt the chip upload to (its public JWK is at jwks_url). */
    jwe: z.object({
      kid: z.string(),
      alg: z.literal(JWE_KEY_ALGORITHM),
      enc: z.array(z.string()),
      jwks_url: z.string(),
    }),
    expires_at: z.string().nullable(),
    /** Text to show: the vendor's "please wait", "thank you" or error message; null while the user acts. */
    message: z.string().nullable(),
    /** Where to send the user once the partner confirmed; null = show `message`. */
    redirect_url: z.string().nullable(),
  })
  .openapi("AppSessionStatus");

const NEXT: Record<SessionState, (typeof NEXT_STEPS)[number]> = {
  created: "consent",
  redeemed: "consent",
  consented: "challenge",
  challenged: "chip",
  verifying_chip: "wait",
  chip_verified: "selfie",
  matching: "wait",
  awaiting_confirmation: "wait",
  confirmed: "done",
  rejected: "done",
  confirmation_timeout: "done",
  cancelled: "done",
  expired: "done",
  erased: "done",
};

function message(view: SessionView): { message: string | null; redirect_url: string | null } {
  switch (view.state) {
    case "verifying_chip":
    case "matching":
    case "awaiting_confirmation":
      return { message: APP_MESSAGES.processing, redirect_url: null };
    case "confirmed":
      // "Redirection or messages will appear only after receiving OK from your server."
      return view.redirectUrl
        ? { message: null, redirect_url: view.redirectUrl }
        : { message: APP_MESSAGES.thankYou, redirect_url: null };
    case "rejected":
    case "confirmation_timeout":
    case "cancelled":
    case "expired":
    case "erased":
      return { message: APP_MESSAGES.error, redirect_url: null };
    default:
      return { message: null, redirect_url: null };
  }
}

export async function appStatus(services: NfcServices, view: SessionView) {
  const keys = await services.jweKeys();
  return {
    state: view.state,
    next_step: NEXT[view.state],
    consent_modes: (view.forceMrzConsent ? ["mrz", "manual"] : ["mrz"]) as ("mrz" | "manual")[],
    num_images_liveness: view.numImagesLiveness,
    jwe: {
      kid: keys.currentKid,
      alg: JWE_KEY_ALGORITHM,
      enc: [...JWE_CONTENT_ALGORITHMS],
      jwks_url: "/nfc/v1/app/keys",
    },
    expires_at: view.flowDeadline ? new Date(view.flowDeadline).toISOString() : null,
    ...message(view),
  };
}
