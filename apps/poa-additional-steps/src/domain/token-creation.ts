import { objectKey } from "@edgekyc/platform";
import type { Mode } from "@edgekyc/schemas";
import { verifications } from "../db/schema.ts";
import { badValue } from "../idenfy-errors.ts";
import type { PoaServices } from "../services.ts";
import type { TokenRequest, TokenResponse } from "../wire/token.ts";
import { type PrivateData, sealPrivate } from "./private-data.ts";
import { newAuthToken, newDigitString, secretHash } from "./secrets.ts";
import { allStepNames, resolveSteps, StepResolutionError, utilityBillFlag } from "./step-resolution.ts";

export const CAPABILITY = "poa-additional-steps";

/** The R2 prefix of one verification's files: erasure by scanRef is a prefix delete. */
export const verificationPrefix = (partnerId: string, scanRef: string) =>
  objectKey(partnerId, CAPABILITY, scanRef, "x").slice(0, -1);

/** Creates a token (and the verification it starts) as iDenfy's POST /api/v2/token does. */
export async function createToken(
  services: PoaServices,
  principal: { partnerId: string; mode: Mode },
  request: TokenRequest,
): Promise<TokenResponse> {
  const settings = await services.accounts.settings.get(principal.partnerId, CAPABILITY);
  let steps: ReturnType<typeof resolveSteps>;
  try {
    steps = resolveSteps(settings.additionalSteps, request.additionalSteps);
  } catch (error) {
    if (error instanceof StepResolutionError) throw badValue(error.message);
    throw error;
  }
  const names = allStepNames(steps);
  for (const step of Object.keys(request.additionalData ?? {})) {
    if (!names.has(step)) {
      throw badValue(
        `additionalData.${step}: the token has no step ${step} (its steps: ${[...names.keys()].join(", ") || "none"})`,
      );
    }
  }

  const now = services.now();
  const scanRef = crypto.randomUUID();
  const authToken = newAuthToken();
  const digitString = request.generateDigitString ? newDigitString() : null;
  const expiryTime = request.expiryTime ?? settings.expiryTime;
  const sessionLength = request.sessionLength ?? settings.sessionLength;
  const documents = request.documents ?? settings.documents;
  const additionalData = request.additionalData ?? null;
  const privateData: PrivateData = {
    firstName: request.firstName ?? null,
    lastName: request.lastName ?? null,
    dateOfBirth: request.dateOfBirth ?? null,
    dateOfExpiry: request.dateOfExpiry ?? null,
    dateOfIssue: request.dateOfIssue ?? null,
    nationality: request.nationality ?? null,
    personalNumber: request.personalNumber ?? null,
    documentNumber: request.documentNumber ?? null,
    sex: request.sex ?? null,
    address: request.address ?? null,
    successUrl: request.successUrl ?? null,
    errorUrl: request.errorUrl ?? null,
    unverifiedUrl: request.unverifiedUrl ?? null,
    callbackUrl: request.callbackUrl ?? null,
    additionalData,
    digitString,
    holderKey: request.holderKey ?? null,
  };
  await services.db.insert(verifications).values({
    scanRef,
    partnerId: principal.partnerId,
    mode: principal.mode,
    clientId: request.clientId,
    externalRef: request.externalRef ?? null,
    authTokenHash: await secretHash(authToken),
    status: "ACTIVE",
    locale: request.locale ?? null,
    country: request.country ?? null,
    steps,
    documents: [...documents],
    showInstructions: request.showInstructions ?? true,
    tokenType: request.tokenType ?? "IDENTIFICATION",
    scope: null,
    privateCiphertext: await sealPrivate(services.cipher, scanRef, privateData),
    expiryTime,
    sessionLength,
    createdAt: now,
    tokenExpiresAt: now + expiryTime * 1000,
    retainUntil: now + settings.retentionDays * 86_400_000,
  });

  return {
    message: "Token created successfully",
    authToken,
    scanRef,
    clientId: request.clientId,
    personScanRef: request.clientId,
    firstName: privateData.firstName,
    lastName: privateData.lastName,
    successUrl: privateData.successUrl,
    errorUrl: privateData.errorUrl,
    unverifiedUrl: privateData.unverifiedUrl,
    callbackUrl: privateData.callbackUrl,
    locale: request.locale ?? null,
    country: request.country ?? null,
    expiryTime,
    sessionLength,
    documents: [...documents],
    dateOfBirth: privateData.dateOfBirth,
    dateOfExpiry: privateData.dateOfExpiry,
    dateOfIssue: privateData.dateOfIssue,
    nationality: privateData.nationality,
    personalNumber: privateData.personalNumber,
    documentNumber: privateData.documentNumber,
    sex: privateData.sex,
    address: privateData.address,
    showInstructions: request.showInstructions ?? true,
    tokenType: request.tokenType ?? "IDENTIFICATION",
    utilityBill: utilityBillFlag(steps),
    additionalSteps: steps,
    additionalData,
    externalRef: request.externalRef ?? null,
    digitString,
  };
}
