// What the verification receipt of an OTP or Penny Drop result says (docs/receipts/claims.md,
// ekyc-otp-pennydrop): the outcome and how possession was (or was not) proven are always disclosed; the
// masked phone, email or bank account and the partner's customer id only selectively. Pure: no I/O.
import {
  type HolderPublicJwk,
  type Mode,
  type ReceiptIssueRequest,
  ReceiptIssueRequest as ReceiptIssueSchema,
  type ReceiptRevokeRequest,
  receiptRevokeRequest,
} from "@edgekyc/schemas";
import type { SubjectKind } from "../db/schema.ts";
import type { Method } from "../limits/subject-state.ts";

const CAPABILITY = "ekyc-otp-pennydrop";

/** The channel the code went by and its masked destination, as the audit trail recorded them. */
export interface Possession {
  channel: "sms" | "voice" | "email" | "faster_payments";
  destinationHint: string | null;
}

export interface ReceiptOutcome {
  status: "authenticated" | "failed" | "locked";
  method: Method;
  kind: SubjectKind;
  externalId: string;
  authId: string | null;
  journeyId: string | null;
  scope?: "session" | "application" | undefined;
  lockedUntil?: number | undefined;
}

const POSSESSION_OF: Record<Possession["channel"], { type: string; claim: string }> = {
  sms: { type: "phone", claim: "phone_number_masked" },
  voice: { type: "phone", claim: "phone_number_masked" },
  email: { type: "email", claim: "email_masked" },
  faster_payments: { type: "bank_account", claim: "bank_account_masked" },
};

/**
 * One receipt per result: authenticated and failed end an authId (one or the other), a lock is its own
 * result on the authId whose initiate used the last code, so it gets a subject of its own.
 */
function receiptSubjectRef(
  outcome: Pick<ReceiptOutcome, "status" | "authId" | "journeyId" | "lockedUntil">,
): string {
  const id = outcome.authId ?? outcome.journeyId ?? "unknown";
  return outcome.status === "locked"
    ? `${id}.locked.${outcome.lockedUntil ?? 0}`.slice(0, 128)
    : id.slice(0, 128);
}

export function ekycReceiptRequest(input: {
  partnerId: string;
  mode: Mode;
  outcome: ReceiptOutcome;
  possession: Possession | null;
  holderKey: HolderPublicJwk | null;
  now: number;
}): ReceiptIssueRequest {
  const { outcome, possession } = input;
  const passed = outcome.status === "authenticated";
  const proven = possession ? POSSESSION_OF[possession.channel] : null;
  const channel = possession?.channel ?? null;
  const base = outcome.method === "otp" ? "otp" : "pennydrop";
  const disclosable: Record<string, string> = {
    [outcome.kind === "application" ? "application_id" : "account_id"]: outcome.externalId,
  };
  if (proven && possession?.destinationHint) disclosable[proven.claim] = possession.destinationHint;
  return ReceiptIssueSchema.parse({
    kind: "issue",
    specVersion: "1",
    partnerId: input.partnerId,
    capability: CAPABILITY,
    subjectRef: receiptSubjectRef(outcome),
    mode: input.mode,
    ...(outcome.journeyId ? { partnerReference: outcome.journeyId.slice(0, 256) } : {}),
    method: channel ? `${base}.${channel}` : base,
    outcome: passed ? "passed" : "failed",
    verifiedAt: new Date(input.now).toISOString(),
    assurance: assurance(outcome, channel),
    claims: {
      result: outcome.status,
      possession_proven: passed,
      possession_type: proven?.type ?? null,
      channel,
      subject_kind: outcome.kind,
      ...(outcome.scope ? { failure_scope: outcome.scope } : {}),
      ...(outcome.lockedUntil ? { locked_until: new Date(outcome.lockedUntil).toISOString() } : {}),
    },
    disclosable,
    ...(input.holderKey ? { holderKey: input.holderKey } : {}),
  });
}

function assurance(
  outcome: ReceiptOutcome,
  channel: Possession["channel"] | null,
): ReceiptIssueRequest["assurance"] {
  if (outcome.status === "locked") {
    return {
      level: "low",
      summary:
        "Every code of the window was used without success; further codes are locked until locked_until.",
    };
  }
  if (outcome.status === "failed") {
    return {
      level: "low",
      summary: "The customer did not enter the right code within the attempts allowed.",
    };
  }
  if (channel === "faster_payments") {
    return {
      level: "substantial",
      summary:
        "The customer read back a code that was paid by Faster Payments into the bank account, so they can see that account's transactions; Confirmation of Payee did not answer no match for the customer's name.",
    };
  }
  return {
    level: "low",
    summary:
      "The customer entered a one-time code sent to the phone or email address on record: possession of that destination at that time, one factor, no identity document.",
  };
}

/** The revoke request of a receipt of an erased customer. */
export function ekycRevokeRequest(partnerId: string, subjectRef: string): ReceiptRevokeRequest {
  return receiptRevokeRequest({ partnerId, capability: CAPABILITY, subjectRef }, "erased");
}
