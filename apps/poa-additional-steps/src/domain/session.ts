import { and, eq, isNull } from "drizzle-orm";
import { verifications } from "../db/schema.ts";
import { badValue, IdenfyError, tokenNotValid } from "../idenfy-errors.ts";
import type { PoaServices } from "../services.ts";
import { acceptedTypesText, detectStepFileType } from "./file-type.ts";
import { finalizeIfComplete, queueReviews } from "./finalization.ts";
import { sendCallback, stepsOf } from "./result-callback.ts";
import { secretHash } from "./secrets.ts";
import { ALL, needsScope, stepText } from "./step-resolution.ts";
import { CAPABILITY } from "./token-creation.ts";
import { filesOf, readPrivate, storeStepFile, type Verification } from "./verification-store.ts";

// The end user's side, by authToken: the token can start a session until tokenExpiresAt; a started
// session lasts sessionLength seconds; a finished or erased verification takes no more input.

type SessionState = "ACTIVE" | "FINISHED";

async function byToken(services: PoaServices, authToken: string): Promise<Verification> {
  const [row] = await services.db
    .select()
    .from(verifications)
    .where(eq(verifications.authTokenHash, await secretHash(authToken)));
  if (!row || row.erasedAt !== null) throw tokenNotValid();
  return row;
}

/** Opens the session (starting its clock on first use) and checks both deadlines. */
export async function openSession(services: PoaServices, authToken: string): Promise<Verification> {
  let row = await byToken(services, authToken);
  const now = services.now();
  if (row.finishedAt !== null) return row;
  if (row.sessionStartedAt === null) {
    if (now > row.tokenExpiresAt || row.status === "EXPIRED")
      throw tokenNotValid("Verification token has expired.");
    await services.db
      .update(verifications)
      .set({ sessionStartedAt: now, sessionExpiresAt: now + row.sessionLength * 1000 })
      .where(and(eq(verifications.scanRef, row.scanRef), isNull(verifications.sessionStartedAt)));
    row = await byToken(services, authToken);
  }
  if (row.sessionExpiresAt !== null && now > row.sessionExpiresAt) {
    throw tokenNotValid("The verification session has ended (sessionLength).");
  }
  return row;
}

/** A session that still takes input. */
async function activeSession(services: PoaServices, authToken: string): Promise<Verification> {
  const row = await openSession(services, authToken);
  if (row.finishedAt !== null) throw tokenNotValid("This verification is already finished.");
  return row;
}

function scopeNeeded(row: Verification): { country: boolean; documentType: boolean } {
  const needs = needsScope(row.steps);
  return {
    country: needs.country && !row.country && !row.scope,
    documentType: needs.documentType && !row.scope,
  };
}

/** What the page shows: steps with texts in the session's locale (fallback en), and what is left to do. */
export async function sessionView(services: PoaServices, row: Verification, requestedLocale: string | null) {
  const settings = await services.accounts.settings.get(row.partnerId, CAPABILITY);
  const locale = requestedLocale ?? row.locale ?? "en";
  const files = new Map((await filesOf(services, row.scanRef)).map((f) => [f.step, f]));
  const needs = scopeNeeded(row);
  const ready = !needs.country && !needs.documentType;
  const steps = ready
    ? Object.entries(stepsOf(row)).map(([name, step]) => ({
        name,
        type: step.type,
        title: stepText(step, locale).name,
        description: stepText(step, locale).description,
        settings: step.settings,
        selectDocumentType: name === "UTILITY_BILL",
        uploaded: files.has(name),
        contentType: files.get(name)?.contentType ?? null,
        documentType: files.get(name)?.documentType ?? null,
      }))
    : [];
  const priv = await readPrivate(services, row);
  return {
    state: (row.finishedAt === null ? "ACTIVE" : "FINISHED") as SessionState,
    locale,
    showInstructions: row.showInstructions,
    sessionExpiresAt: row.sessionExpiresAt === null ? null : new Date(row.sessionExpiresAt).toISOString(),
    scopeNeeded: needs,
    countries: needs.country ? Object.keys(row.steps ?? {}).filter((c) => c !== ALL) : [],
    documents: needs.documentType ? row.documents : [],
    poaDocuments: settings.poaDocuments,
    steps,
    redirectUrl: row.finishedAt === null ? null : (priv?.successUrl ?? null),
  };
}

export async function chooseScope(
  services: PoaServices,
  authToken: string,
  choice: { country?: string | undefined; documentType?: string | undefined },
): Promise<Verification> {
  const row = await activeSession(services, authToken);
  const needs = needsScope(row.steps);
  const country = row.country ?? (needs.country ? choice.country : ALL) ?? null;
  const documentType = (needs.documentType ? choice.documentType : ALL) ?? null;
  if (!country) throw new IdenfyError("MISSING_VALUE", 400, "Missing mandatory parameter: country.");
  if (!documentType)
    throw new IdenfyError("MISSING_VALUE", 400, "Missing mandatory parameter: documentType.");
  if (documentType !== ALL && !row.documents.includes(documentType)) {
    throw badValue(`documentType: must be one of ${row.documents.join(", ")}`);
  }
  await services.db
    .update(verifications)
    .set({ scope: { country, documentType } })
    .where(eq(verifications.scanRef, row.scanRef));
  return { ...row, scope: { country, documentType } };
}

/** Checks a file against the step's settings and its bytes, then stores it encrypted (replacing any earlier). */
export async function uploadStepFile(
  services: PoaServices,
  authToken: string,
  input: { step: string; bytes: Uint8Array; source: "UPLOAD" | "CAPTURE"; documentType: string | null },
) {
  const row = await activeSession(services, authToken);
  const needs = scopeNeeded(row);
  if (needs.country || needs.documentType) throw badValue("Choose the country and document type first.", 409);
  const step = stepsOf(row)[input.step];
  if (!step) throw badValue(`step: this verification has no step ${input.step}.`, 404);
  if (input.source === "UPLOAD" && !step.settings.canUpload)
    throw badValue("This step does not allow uploading a file; capture a photo instead.");
  if (input.source === "CAPTURE" && !step.settings.canCapture)
    throw badValue("This step does not allow capturing a photo; upload a file instead.");
  if (input.step === "UTILITY_BILL") {
    const settings = await services.accounts.settings.get(row.partnerId, CAPABILITY);
    if (!input.documentType)
      throw new IdenfyError("MISSING_VALUE", 400, "Missing mandatory parameter: documentType.");
    if (!settings.poaDocuments.includes(input.documentType as never)) {
      throw badValue(`documentType: must be one of ${settings.poaDocuments.join(", ")}`);
    }
  }
  const pdfAllowed = input.source === "UPLOAD" && step.settings.canUploadPDF;
  const type = detectStepFileType(input.bytes);
  if (!type || (type === "application/pdf" && !pdfAllowed)) {
    throw new IdenfyError("BAD_VALUE", 415, `The file must be ${acceptedTypesText(pdfAllowed)}.`);
  }
  const file = await storeStepFile(services, row, {
    step: input.step,
    bytes: input.bytes,
    contentType: type,
    source: input.source,
    documentType: input.step === "UTILITY_BILL" ? input.documentType : null,
  });
  return {
    step: input.step,
    contentType: file.contentType,
    size: file.size,
    documentType: file.documentType,
  };
}

/**
 * Finishes the session once every step has a file: queues the reviews, marks it finished and sends the
 * first callback (final when nothing needs review). A repeated finish only repeats the callback send.
 */
export async function finishSession(services: PoaServices, authToken: string, origin: string) {
  let row = await openSession(services, authToken);
  if (row.finishedAt === null) {
    const needs = scopeNeeded(row);
    if (needs.country || needs.documentType)
      throw badValue("Choose the country and document type first.", 409);
    const files = new Set((await filesOf(services, row.scanRef)).map((f) => f.step));
    const missing = Object.keys(stepsOf(row)).filter((name) => !files.has(name));
    if (missing.length > 0) throw badValue(`These steps have no file yet: ${missing.join(", ")}.`, 409);
    const reviews = await queueReviews(services, row);
    const now = services.now();
    await services.db
      .update(verifications)
      .set({ finishedAt: now, status: "REVIEWING" })
      .where(and(eq(verifications.scanRef, row.scanRef), isNull(verifications.finishedAt)));
    [row] = (await services.db
      .select()
      .from(verifications)
      .where(eq(verifications.scanRef, row.scanRef))) as [Verification];
    if (reviews > 0) await sendCallback(services, row, origin);
  } else if (row.finalAt === null) {
    await sendCallback(services, row, origin);
  }
  row = await finalizeIfComplete(services, row.scanRef, origin);
  const priv = await readPrivate(services, row);
  return { status: row.status, final: row.finalAt !== null, redirectUrl: priv?.successUrl ?? null };
}
