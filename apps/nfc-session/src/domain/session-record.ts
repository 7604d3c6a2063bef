// The state of one NFC session, kept in its SessionObject. Personal data never sits here longer than
// needed: consent is dropped once the chip agreed with it, and chip data lives encrypted in R2.
import type { HolderPublicJwk, Mode } from "@edgekyc/schemas";
import type { Consent } from "./consent.ts";
import type { ResultChecks } from "./result-payload.ts";

export const SESSION_STATES = [
  "created", // init code shown to the user, not yet typed into the app
  "redeemed", // the app holds the session; consent next
  "consented", // consent accepted; the app asks for the Active Authentication challenge
  "challenged", // challenge issued; the app reads the chip and uploads it
  "verifying_chip", // an upload is being verified (one at a time)
  "chip_verified", // the document is authentic and matches the consent; selfie next
  "matching", // selfie and liveness frames are being scored
  "awaiting_confirmation", // the webhook is on its way; waiting for webhook_confirmation
  "confirmed", // the partner answered OK
  "rejected", // the partner answered ERR
  "confirmation_timeout", // no confirmation in time
  "cancelled", // cancelled by the partner
  "expired", // the user did not finish in time
  "erased", // the partner erased the session's data
] as const;
export type SessionState = (typeof SESSION_STATES)[number];

export const TERMINAL_STATES: ReadonlySet<SessionState> = new Set([
  "confirmed",
  "rejected",
  "confirmation_timeout",
  "cancelled",
  "expired",
  "erased",
]);

export const SUPPORTED_METHODS = ["enroll"] as const;
export type SessionMethod = (typeof SUPPORTED_METHODS)[number];

/** What session_init decided, with account settings and per-call options merged. */
export interface SessionOptions {
  ref: string;
  method: SessionMethod;
  sendScan: ("selfie" | "docface")[];
  forceMrzConsent: boolean;
  numImagesLiveness: number;
  webhookUrl: string | null;
  redirectUrl: string | null;
  initCodeTtlMs: number;
  confirmationTimeoutMs: number;
  /** The end user's public key the receipt is bound to (`cnf`), from session_init's `holder_key`. */
  holderKey?: HolderPublicJwk | null;
}

/** How long the user has, from redeeming the code, to finish the app flow. */
export const APP_FLOW_MS = 20 * 60_000;
/** Chip uploads that fail to decrypt or parse before the session ends as tampered. */
export const MAX_CHIP_ATTEMPTS = 3;

export interface ChipSummary {
  /** R2 key of the encrypted verified data (DG1/DG11/DG12 fields and the checks). */
  dataKey: string;
  /** R2 key of the encrypted chip portrait; null when DG2 held none. */
  portraitKey: string | null;
  checks: ResultChecks;
}

export interface SessionResult {
  result: "Ok" | "Err";
  code: number;
  message: string;
  eventId: string;
  sentAt: number;
}

export interface SessionRecord extends SessionOptions {
  id: string;
  partnerId: string;
  mode: Mode;
  initCode: string;
  createdAt: number;
  initCodeExpiresAt: number;
  state: SessionState;
  appTokenHash: string | null;
  flowDeadline: number | null;
  consent: Consent | null;
  /** Base64 of the current Active Authentication challenge; single use. */
  challenge: string | null;
  chipAttempts: number;
  chip: ChipSummary | null;
  result: SessionResult | null;
  confirmationDeadline: number | null;
  endedAt: number | null;
}

/** The moment the session's alarm must fire next, or null when nothing is pending. */
export function nextDeadline(record: SessionRecord): number | null {
  switch (record.state) {
    case "created":
      return record.initCodeExpiresAt;
    case "redeemed":
    case "consented":
    case "challenged":
    case "verifying_chip":
    case "chip_verified":
    case "matching":
      return record.flowDeadline;
    case "awaiting_confirmation":
      return record.confirmationDeadline;
    default:
      return null;
  }
}
