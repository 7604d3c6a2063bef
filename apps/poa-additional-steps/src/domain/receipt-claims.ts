// What the verification receipt of a final proof-of-address result says (docs/receipts/claims.md,
// poa-additional-steps): built from the same report as the final callback, so a receipt never claims more
// than the result. Step and compare statuses are always disclosed; every compared or extracted value, and
// the partner's client id, only selectively. Pure: no I/O.
import {
  type HolderPublicJwk,
  type Mode,
  type ReceiptIssueRequest,
  ReceiptIssueRequest as ReceiptIssueSchema,
  type ReceiptRevokeRequest,
  receiptRevokeRequest,
} from "@edgekyc/schemas";

const CAPABILITY = "poa-additional-steps";

export interface ReceiptVerification {
  scanRef: string;
  partnerId: string;
  mode: Mode;
  clientId: string;
  externalRef: string | null;
  status: string;
  revision: number;
  finalAt: number | null;
}

export interface ReceiptReport {
  statuses: Record<string, string>;
  aggregate: string | null;
  additionalData: Record<string, Record<string, { value: string | null; status: string | null }>>;
}

/** A result revised after it was final (a partner re-upload) is a new verification with its own receipt. */
function receiptSubjectRef(scanRef: string, revision: number): string {
  return revision === 0 ? scanRef : `${scanRef}.r${revision}`;
}

/** `UTILITY_BILL` + `address` → `utility_bill_address`: a claim name the receipt schema accepts. */
function valueClaimName(step: string, field: string): string {
  const name = `${step}_${field}`
    .replace(/([a-z0-9])([A-Z])/g, "$1_$2")
    .toLowerCase()
    .replace(/[^a-z0-9_]/g, "_");
  return (/^[a-z]/.test(name) ? name : `s_${name}`).slice(0, 64);
}

export function poaReceiptRequest(
  row: ReceiptVerification,
  report: ReceiptReport,
  steps: Record<string, { type: string }>,
  options: { holderKey: HolderPublicJwk | null; webhookUrl: string | null; now: number },
): ReceiptIssueRequest {
  const passed = row.status === "APPROVED";
  const reviewed = Object.values(steps).some((step) => step.type !== "UPLOAD");
  const comparedFields: Record<string, Record<string, string | null>> = {};
  const disclosable: Record<string, string | null> = { client_id: row.clientId };
  for (const [step, fields] of Object.entries(report.additionalData)) {
    comparedFields[step] = {};
    for (const [field, { value, status }] of Object.entries(fields)) {
      comparedFields[step][field] = status;
      disclosable[valueClaimName(step, field)] = value;
    }
  }
  return ReceiptIssueSchema.parse({
    kind: "issue",
    specVersion: "1",
    partnerId: row.partnerId,
    capability: CAPABILITY,
    subjectRef: receiptSubjectRef(row.scanRef, row.revision),
    mode: row.mode,
    ...(row.externalRef ? { partnerReference: row.externalRef } : {}),
    method: reviewed ? "poa.document.human_review" : "poa.document.upload",
    outcome: passed ? "passed" : "failed",
    verifiedAt: new Date(row.finalAt ?? options.now).toISOString(),
    assurance: assurance(passed, reviewed),
    claims: {
      overall_status: row.status,
      additional_steps: report.aggregate,
      step_statuses: report.statuses,
      step_types: Object.fromEntries(Object.entries(steps).map(([name, step]) => [name, step.type])),
      compared_fields: comparedFields,
      revision: row.revision,
    },
    disclosable,
    ...(options.holderKey ? { holderKey: options.holderKey } : {}),
    ...(options.webhookUrl ? { webhookUrl: options.webhookUrl } : {}),
  });
}

function assurance(passed: boolean, reviewed: boolean): ReceiptIssueRequest["assurance"] {
  if (!passed) {
    return {
      level: "low",
      summary: "A reviewer found at least one document that does not support the data: see step_statuses.",
    };
  }
  if (!reviewed) {
    return {
      level: "low",
      summary: "The user uploaded every requested document; nobody compared them with the data.",
    };
  }
  return {
    level: "substantial",
    summary:
      "A human reviewer compared each uploaded document with the data given (or extracted it) and found every step valid; the documents' authenticity was not checked with their issuers.",
  };
}

/** Revoke requests for every revision of an erased verification (or one superseded revision). */
export function poaRevokeRequests(
  row: { scanRef: string; partnerId: string },
  revisions: number[],
  reason: "erased" | "withdrawn",
): ReceiptRevokeRequest[] {
  return revisions.map((revision) =>
    receiptRevokeRequest(
      {
        partnerId: row.partnerId,
        capability: CAPABILITY,
        subjectRef: receiptSubjectRef(row.scanRef, revision),
      },
      reason,
    ),
  );
}
