import { ApiError, fromBase64, objectKey, putEncrypted, utf8 } from "@edgekyc/platform";
import { createRoute, type RouteHandler, z } from "@hono/zod-openapi";
import { verifyChipUpload } from "../../domain/chip-verification.ts";
import type { Consent } from "../../domain/consent.ts";
import { NfcError, type OutcomeKey, unwrap } from "../../domain/outcomes.ts";
import { CAPABILITY, publishFailure } from "../../domain/result-publisher.ts";
import type { ChipSummary, SessionRecord } from "../../domain/session-record.ts";
import type { ChipVerification } from "../../domain/verify-chip.ts";
import type { NfcAppEnv } from "../../nfc-env.ts";
import type { NfcServices } from "../../services.ts";
import { CHIP_MAX_BODY_BYTES, limitBody } from "../body-limits.ts";
import { msErrors, msOk, ok, withNfcErrors } from "../machinesense.ts";
import { APP_SECURITY, appSessionAuth, appSessionOf } from "./app-session.ts";
import { AppStatus, appStatus } from "./app-status.ts";

/** Outcomes of an authentic document whose data may go to the partner with the failure. */
const DATA_WITH_FAILURE = new Set(["lost_or_stolen", "document_expired"]);

export const route = createRoute({
  method: "post",
  path: "/nfc/v1/app/chip",
  tags: ["Reader app"],
  summary: "Upload the chip data, encrypted (compact JWE)",
  description: `Body: a compact JWE (Content-Type application/jose, at most ${CHIP_MAX_BODY_BYTES} bytes) encrypted to the key of /nfc/v1/app/keys with \`kid\` and \`sid\` in the protected header. Its plaintext is JSON: \`{session_id, challenge, aa_signature, files: {EF_COM, EF_SOD, DG1, DG2, DG11?, DG12?, DG15?, …}}\`, every value base64. The server verifies passive authentication (SOD signature, data-group hashes, DSC → CSCA chain, CRL, issuing state), Active Authentication against the challenge it issued, the consent, the document's expiry and the partner's lost/stolen list. An upload that cannot be opened may be retried with a new challenge (3 attempts); a document that fails verification ends the session and the partner gets the failure by webhook.`,
  security: APP_SECURITY,
  middleware: [appSessionAuth(), limitBody(CHIP_MAX_BODY_BYTES)] as const,
  request: {
    body: {
      required: true,
      content: { "application/jose": { schema: z.string().openapi({ description: "compact JWE" }) } },
    },
  },
  responses: {
    200: {
      description: "Authentic and matching; next: selfie.",
      content: { "application/json": { schema: msOk(AppStatus) } },
    },
    ...msErrors(401, 404, 409, 410, 413, 415, 422, 503),
  },
});

export const handler: RouteHandler<typeof route, NfcAppEnv> = withNfcErrors(async (c) => {
  const session = appSessionOf(c);
  const { services } = c.var;
  const type = (c.req.header("content-type") ?? "").split(";")[0]?.trim().toLowerCase();
  if (type !== "application/jose")
    throw new ApiError("unsupported_media_type", "Content-Type must be application/jose (a compact JWE)");
  // Read as bytes: the runtime warns when .text() reads a body whose type is not text/*.
  const jwe = new TextDecoder().decode(await c.req.arrayBuffer());
  const stub = services.sessions.session(session.sessionId);
  const begun = unwrap(await stub.beginChip(session.tokenHash));
  const record = begun.session as SessionRecord;
  const now = Date.now();

  let decided: { outcome: OutcomeKey | null; chip: ChipSummary; verification: ChipVerification };
  try {
    decided = await decide(services, record, begun, jwe, now);
  } catch (error) {
    // Nothing was decided: give the session back (with a count, so garbage cannot be sent forever).
    const ended = unwrap(await stub.rejectChipUpload());
    if (error instanceof NfcError && ended)
      throw new NfcError("tampered", "too many unreadable uploads; the session ended");
    throw error;
  }
  const { outcome, chip, verification } = decided;
  if (outcome) {
    const data = DATA_WITH_FAILURE.has(outcome) && verification.data ? verification.data : {};
    const result = await publishFailure(services.env, record, outcome, now, {
      data,
      checks: verification.checks,
    });
    unwrap(await stub.resultSent(result, chip));
    throw new NfcError(outcome, failedChecks(verification.checks));
  }
  unwrap(await stub.acceptChip(chip));
  return c.json(ok(await appStatus(services, unwrap(await stub.appView(session.tokenHash)))), 200);
});

async function decide(
  services: NfcServices,
  record: SessionRecord,
  begun: { consent: Consent; challenge: string },
  jwe: string,
  now: number,
) {
  const verification = await verifyChipUpload(
    {
      keys: await services.jweKeys(),
      verifier: await services.verifier(),
      lostStolen: services.lostStolen,
      now: new Date(now),
    },
    {
      jwe,
      sessionId: record.id,
      partnerId: record.partnerId,
      consent: begun.consent,
      issuedChallenge: fromBase64(begun.challenge),
    },
  );
  const put = async (name: string, bytes: Uint8Array, contentType: string) => {
    const key = objectKey(record.partnerId, CAPABILITY, record.id, name);
    await putEncrypted(services.env.UPLOADS, services.cipher, key, bytes, { contentType });
    return key;
  };
  const portrait = verification.verdict.portrait;
  // DG2 is mandatory (ICAO 9303-10); without a portrait there is nothing to compare the selfie with.
  const outcome: OutcomeKey | null = verification.outcome ?? (portrait ? null : "document_not_supported");
  const chip: ChipSummary = {
    dataKey: await put(
      "chip-data.json",
      utf8(JSON.stringify({ data: verification.data })),
      "application/json",
    ),
    portraitKey: portrait ? await put("chip-portrait", portrait.bytes, portrait.mediaType) : null,
    checks: verification.checks,
  };
  return { outcome, chip, verification };
}

function failedChecks(checks: Record<string, { ran: boolean; passed: boolean }>): string | undefined {
  const failed = Object.entries(checks)
    .filter(([, check]) => check.ran && !check.passed)
    .map(([name]) => name);
  return failed.length ? `failed checks: ${failed.join(", ")}` : undefined;
}
