// What a session's verification receipt says (docs/receipts/claims.md, nfc-session): built from the very
// webhook payload the partner gets, so the receipt never claims more than the result. Pure: no I/O.
import {
  type HolderPublicJwk,
  type Mode,
  type ReceiptIssueRequest,
  ReceiptIssueRequest as ReceiptIssueSchema,
  type ReceiptRevokeRequest,
  receiptRevokeRequest,
} from "@edgekyc/schemas";

const CAPABILITY = "nfc-session";

/** The face engine's confidences are 0–100 with 50 at its calibrated decision threshold. */
const FACE_DECISION_CONFIDENCE = 50;

const CHIP_CHECKS = [
  "signature",
  "hashes",
  "chain",
  "crl",
  "issuing_state",
  "active_authentication",
] as const;

/** DG1 fields of the webhook's `data` that a receipt may disclose, under the same names. */
const DISCLOSABLE_DATA = [
  "given_names",
  "surname",
  "document_number",
  "document_type",
  "nationality",
  "issuing_state",
  "date_of_birth",
  "date_of_expiry",
  "sex",
] as const;

type CheckVerdict = "passed" | "failed" | "not_run";

export interface ReceiptSession {
  id: string;
  partnerId: string;
  mode: Mode;
  ref: string;
  webhookUrl: string | null;
  holderKey?: HolderPublicJwk | null | undefined;
}

function chipVerdict(check: unknown): CheckVerdict {
  const result = check as { ran?: boolean; passed?: boolean } | undefined;
  if (!result?.ran) return "not_run";
  return result.passed ? "passed" : "failed";
}

function scoreVerdict(confidence: unknown): CheckVerdict {
  if (typeof confidence !== "number") return "not_run";
  return confidence >= FACE_DECISION_CONFIDENCE ? "passed" : "failed";
}

/** Whole years between an ISO birth date and `at` (UTC), or null when the date is not a full date. */
export function ageAt(dateOfBirth: string, at: Date): number | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(dateOfBirth);
  if (!match) return null;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  // MRZ dates may carry unknown parts (e.g. "<<"); only a real calendar date gives an age.
  if (!(month >= 1 && month <= 12 && day >= 1 && day <= 31)) return null;
  let age = at.getUTCFullYear() - year;
  const beforeBirthday =
    at.getUTCMonth() + 1 < month || (at.getUTCMonth() + 1 === month && at.getUTCDate() < day);
  if (beforeBirthday) age -= 1;
  return age;
}

/**
 * The receipt request of a session's final webhook payload (success or failure). The checks and scores
 * are always disclosed; every document field, the derived ages and the issuing state only selectively.
 */
export function nfcReceiptRequest(
  session: ReceiptSession,
  payload: Record<string, unknown>,
  now: number,
): ReceiptIssueRequest {
  const checks = (payload.checks ?? {}) as Record<string, unknown>;
  const verdicts: Record<string, CheckVerdict> = {};
  for (const name of CHIP_CHECKS) verdicts[name] = chipVerdict(checks[name]);
  verdicts.face_match = scoreVerdict(payload.face_match_confidence);
  verdicts.liveness = scoreVerdict(payload.liveness_confidence);

  const documentOk = payload.result === "Ok";
  const passed = documentOk && verdicts.face_match === "passed" && verdicts.liveness === "passed";
  const activeAuth = verdicts.active_authentication === "passed";

  const data = (payload.data ?? {}) as Record<string, unknown>;
  const disclosable: Record<string, string | boolean> = {};
  for (const name of DISCLOSABLE_DATA) {
    const value = data[name];
    if (typeof value === "string" && value !== "") disclosable[name] = value;
  }
  const age = typeof data.date_of_birth === "string" ? ageAt(data.date_of_birth, new Date(now)) : null;
  if (age !== null) {
    disclosable.age_over_18 = age >= 18;
    disclosable.age_over_21 = age >= 21;
  }

  const claims: Record<string, unknown> = {
    result_code: typeof payload.code === "number" ? payload.code : null,
    document_authentic: documentOk,
    checks: verdicts,
    face_match_confidence:
      typeof payload.face_match_confidence === "number" ? payload.face_match_confidence : null,
    liveness_confidence: typeof payload.liveness_confidence === "number" ? payload.liveness_confidence : null,
  };

  return ReceiptIssueSchema.parse({
    kind: "issue",
    specVersion: "1",
    partnerId: session.partnerId,
    capability: CAPABILITY,
    subjectRef: session.id,
    mode: session.mode,
    ...(session.ref ? { partnerReference: session.ref.slice(0, 256) } : {}),
    method: activeAuth ? "nfc.chip.passive_active.face" : "nfc.chip.passive.face",
    outcome: passed ? "passed" : "failed",
    verifiedAt: new Date(now).toISOString(),
    assurance: assurance(passed, activeAuth),
    claims,
    disclosable,
    ...(session.holderKey ? { holderKey: session.holderKey } : {}),
    ...(session.webhookUrl ? { webhookUrl: session.webhookUrl } : {}),
  });
}

function assurance(passed: boolean, activeAuth: boolean): ReceiptIssueRequest["assurance"] {
  if (!passed) {
    return {
      level: "low",
      summary: "The verification did not pass: see checks for what failed or did not run.",
    };
  }
  if (activeAuth) {
    return {
      level: "high",
      summary:
        "The chip's data was signed by its issuing state (passive authentication to a trusted CSCA, CRL checked), the chip proved it is genuine (Active Authentication), and the holder's live selfie matched the chip portrait.",
    };
  }
  return {
    level: "substantial",
    summary:
      "The chip's data was signed by its issuing state (passive authentication to a trusted CSCA, CRL checked) and the holder's live selfie matched the chip portrait; the chip offered no Active Authentication, so a cloned chip is not excluded.",
  };
}

/** The revoke request of an erased session. */
export function nfcRevokeRequest(session: { id: string; partnerId: string }): ReceiptRevokeRequest {
  return receiptRevokeRequest(
    { partnerId: session.partnerId, capability: CAPABILITY, subjectRef: session.id },
    "erased",
  );
}
