import { and, eq, inArray } from "drizzle-orm";
import { reviews, smileJobs } from "../db/schema.ts";
import type { FaceComparison, FaceEngine, LivenessCheck } from "../face/face-engine.ts";
import { partnerFaceEngine } from "../face/partner-engine.ts";
import { listImages, loadImage } from "../images/image-store.ts";
import type { Services } from "../services.ts";
import type { IdInfo } from "./info-json.ts";
import {
  echoedPartnerParams,
  publishResult,
  registeredJob,
  registerUser,
  type SmileResult,
} from "./job-results.ts";
import { type Judgement, judge, notApplicable } from "./judgement.ts";
import { APPROVED_CODES, type JobType, RESULT_CODES, type ResultCode } from "./result-codes.ts";
import type { SmileJobRow } from "./upload.ts";

/** The engine scores at most this many frames per liveness check (MAX_LIVENESS_FRAMES of the face engine). */
const MAX_FRAMES = 8;

function resultBody(
  row: SmileJobRow,
  code: ResultCode,
  actions: Record<string, string>,
  confidence: number,
  extra: Record<string, unknown> = {},
): SmileResult {
  return {
    Actions: actions,
    ConfidenceValue: String(confidence),
    PartnerParams: echoedPartnerParams(row),
    ResultCode: code,
    ResultText: RESULT_CODES[code],
    SmileJobID: row.id,
    Source: "WebAPI",
    IsFinalResult: String(!code.endsWith("2") || !code.startsWith("08")),
    ...extra,
  };
}

/** Liveness over the selfie and its liveness frames (at most 8 frames in all, spread over the capture). */
async function livenessOf(
  services: Services,
  engine: FaceEngine,
  row: SmileJobRow,
  selfie: Uint8Array,
): Promise<LivenessCheck> {
  const names = (await listImages(services, row.id))
    .map((image) => image.name)
    .filter((name) => name.startsWith("liveness-"))
    .sort((a, b) => Number(a.slice(9)) - Number(b.slice(9)));
  const step = Math.max(1, Math.ceil(names.length / (MAX_FRAMES - 1)));
  const frames = [selfie];
  for (let i = 0; i < names.length && frames.length < MAX_FRAMES; i += step) {
    const frame = await loadImage(services, row.id, names[i] as string);
    if (frame) frames.push(frame.bytes);
  }
  return engine.liveness(frames);
}

type Outcome =
  | { judgement: Judgement; extra?: Record<string, unknown>; register?: boolean }
  | { code: ResultCode; actions: Record<string, string>; extra?: Record<string, unknown> };

async function biometricKyc(
  services: Services,
  engine: FaceEngine,
  row: SmileJobRow,
  selfie: Uint8Array,
  settings: Parameters<typeof judge>[0]["settings"],
  finalAttempt: boolean,
): Promise<Outcome> {
  const idInfo = row.idInfoCiphertext
    ? await services.cipher.decryptJson<IdInfo>(row.idInfoCiphertext, `smile_jobs.id_info:${row.id}`)
    : null;
  const actions = notApplicable();
  actions.Selfie_Provided = "Passed";
  const authority = services.idAuthority(row.mode, row.partnerId);
  const answer = await authority.lookup({
    country: idInfo?.country ?? "",
    idType: idInfo?.id_type ?? "",
    idNumber: idInfo?.id_number ?? "",
    ...(idInfo?.first_name ? { firstName: idInfo.first_name } : {}),
    ...(idInfo?.last_name ? { lastName: idInfo.last_name } : {}),
    ...(idInfo?.dob ? { dob: idInfo.dob } : {}),
    reference: row.id,
  });
  const idFields = { Country: idInfo?.country, IDType: idInfo?.id_type, IDNumber: idInfo?.id_number };
  if (answer.outcome === "not_found")
    return { code: "1013", actions: { ...actions, Verify_ID_Number: "Not Verified" }, extra: idFields };
  if (answer.outcome === "unsupported_id_type")
    return { code: "1014", actions: { ...actions, Verify_ID_Number: "Not Done" }, extra: idFields };
  if (answer.outcome === "unavailable") {
    if (!finalAttempt) throw new Error("ID authority unavailable");
    return { code: "1015", actions: { ...actions, Verify_ID_Number: "Issuer Unavailable" }, extra: idFields };
  }
  const person = answer.person;
  const liveness = await livenessOf(services, engine, row, selfie);
  const comparison: FaceComparison | null = person.photo ? await engine.compare(selfie, person.photo) : null;
  const judgement = judge({ jobType: 1, liveness, comparison, referenceMissing: !person.photo, settings });
  judgement.actions.Verify_ID_Number = "Verified";
  judgement.actions.Return_Personal_Info = "Returned";
  const fullName = [person.firstName, person.middleName, person.lastName].filter(Boolean).join(" ");
  return {
    judgement,
    register: true,
    extra: {
      ...idFields,
      FullName: fullName,
      DOB: person.dob ?? "Not Available",
      Gender: person.gender ?? "Not Available",
    },
  };
}

async function evaluate(
  services: Services,
  row: SmileJobRow,
  selfie: Uint8Array,
  finalAttempt: boolean,
): Promise<Outcome> {
  const stored = await services.accounts.settings.get(row.partnerId, "biometric-liveness");
  const settings = { minConfidence: stored.liveness.minConfidence, ...stored.facetec };
  const engine = partnerFaceEngine(services.faceEngine, services.config, {
    mode: row.mode,
    settings: stored,
    referenceId: `smile-${row.id}`,
  });
  const jobType = row.jobType as JobType;
  if (jobType === 1) return biometricKyc(services, engine, row, selfie, settings, finalAttempt);
  const registered = await registeredJob(services, row.partnerId, row.userId);
  if (jobType === 4) {
    if (registered)
      return {
        code: "0845",
        actions: { ...notApplicable(), Selfie_Provided: "Passed", Register_Selfie: "Not Applicable" },
      };
    const idCard = await loadImage(services, row.id, "id_card");
    const liveness = await livenessOf(services, engine, row, selfie);
    const comparison = idCard ? await engine.compare(selfie, idCard.bytes) : null;
    return { judgement: judge({ jobType, liveness, comparison, settings }), register: true };
  }
  const reference = registered ? await loadImage(services, registered, "selfie") : null;
  if (!reference) return { code: "0826", actions: { ...notApplicable(), Selfie_Provided: "Passed" } };
  const liveness = await livenessOf(services, engine, row, selfie);
  const comparison = await engine.compare(selfie, reference.bytes);
  return { judgement: judge({ jobType, liveness, comparison, settings }) };
}

/**
 * Runs a queued Smile ID job (types 1, 2, 4): liveness and face comparison by the engine, the ID
 * authority for job 1, the machine judgement by the partner's thresholds. Approved registrations register
 * the user's selfie; provisional results open a human review; every result goes to the callback. A job in
 * any other state is left alone. Dependencies failing throw (the Durable Object retries) until the final
 * attempt, which answers the authority's unavailability (1015) rather than retrying forever.
 */
export async function processSmileJob(
  services: Services,
  smileJobId: string,
  options: { finalAttempt: boolean },
): Promise<void> {
  const claimed = await services.db
    .update(smileJobs)
    .set({ status: "processing", updatedAt: services.now() })
    .where(and(eq(smileJobs.id, smileJobId), inArray(smileJobs.status, ["queued", "processing"])))
    .returning();
  const row = claimed[0];
  if (!row) return;
  const selfie = await loadImage(services, row.id, "selfie");
  if (!selfie) throw new Error("the job's selfie is missing from storage");
  const outcome = await evaluate(services, row, selfie.bytes, options.finalAttempt);
  if ("code" in outcome) {
    await publishResult(
      services,
      row,
      resultBody(row, outcome.code, outcome.actions, 0, outcome.extra),
      "complete",
    );
    return;
  }
  const { judgement } = outcome;
  const approved = APPROVED_CODES.has(judgement.code);
  if (approved && outcome.register) {
    await registerUser(services, row);
    judgement.actions.Register_Selfie = "Approved";
  }
  const result = resultBody(row, judgement.code, judgement.actions, judgement.confidence, outcome.extra);
  if (judgement.outcome === "provisional") {
    await services.db
      .insert(reviews)
      .values({
        smileJobId: row.id,
        partnerId: row.partnerId,
        status: "pending",
        reason: [judgement.review.compare ? "compare" : "", judgement.review.liveness ? "liveness" : ""]
          .filter(Boolean)
          .join(","),
        createdAt: services.now(),
      })
      .onConflictDoNothing();
    await publishResult(services, row, result, "in_review");
    return;
  }
  await publishResult(services, row, result, "complete");
  services.log.info("job completed", { smileJobId: row.id, outcome: judgement.outcome });
}
