import type { Principal } from "@edgekyc/platform";
import type { SubjectKind } from "../db/schema.ts";
import type { EkycServices } from "../services.ts";
import type { Subject } from "../subjects/subject-registry.ts";

/** Every status of NDT's eKYC table, and the HTTP status each is answered with (README: "Statuses"). */
const HTTP_STATUS = {
  initiated: 201,
  duplicate: 200,
  authenticated: 200,
  invalid: 200,
  expired: 200,
  failed: 200,
  noMoreCodes: 429,
  notFound: 404,
  sessionIdNotFound: 404,
  applicationIdNotFound: 404,
  accountIdNotFound: 404,
  invalidBankDetails: 422,
  addressDetailsMissing: 422,
} as const;
export type EkycStatus = keyof typeof HTTP_STATUS | "invalidRequest";

/** Initiate-side answers that differ from validate's: refusals are 4xx there. */
const INITIATE_HTTP_OVERRIDES: Partial<Record<EkycStatus, number>> = {
  failed: 403,
  invalid: 422,
  expired: 410,
};

export interface Answer {
  httpStatus: number;
  body: { status?: EkycStatus } & Record<string, unknown>;
  headers?: Record<string, string>;
}

export function answer(
  status: EkycStatus,
  fields: Record<string, unknown> = {},
  options: { side?: "initiate" | "validate"; headers?: Record<string, string> } = {},
): Answer {
  const base = status === "invalidRequest" ? 422 : HTTP_STATUS[status];
  const httpStatus = options.side === "initiate" ? (INITIATE_HTTP_OVERRIDES[status] ?? base) : base;
  return {
    httpStatus,
    body: { status, ...fields },
    ...(options.headers ? { headers: options.headers } : {}),
  };
}

export function fieldError(
  status: EkycStatus,
  field: string,
  message: string,
  side?: "initiate" | "validate",
): Answer {
  return answer(status, { errors: [{ field, message }] }, side ? { side } : {});
}

export interface FlowContext {
  services: EkycServices;
  principal: Principal;
  requestId: string;
  kind: SubjectKind;
  externalId: string;
}

const SUBJECT_PARAM: Record<SubjectKind, "applicationId" | "accountId"> = {
  application: "applicationId",
  account: "accountId",
};

/** The caller's own application/account, or the seed's not-found answer (another partner's id looks missing). */
export async function findSubject(ctx: FlowContext): Promise<{ subject: Subject } | { missing: Answer }> {
  const subject = await ctx.services.subjects.find(ctx.principal, ctx.kind, ctx.externalId);
  if (subject) return { subject };
  const field = SUBJECT_PARAM[ctx.kind];
  const status = ctx.kind === "application" ? "applicationIdNotFound" : "accountIdNotFound";
  return { missing: fieldError(status, field, `no ${ctx.kind} with this ${field}`) };
}
