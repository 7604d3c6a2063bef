import { type Principal, randomSecret, sha256Hex, timingSafeEqual, toBase64 } from "@edgekyc/platform";
import type { HolderPublicJwk } from "@edgekyc/schemas";
import { and, eq } from "drizzle-orm";
import { smileJobs } from "../db/schema.ts";
import { faceEngineProblem } from "../face/partner-engine.ts";
import { decodeImage } from "../images/image-input.ts";
import { storeImage } from "../images/image-store.ts";
import type { Services } from "../services.ts";
import { IdInfo, IMAGE_KINDS, InfoJson } from "./info-json.ts";
import type { JobType } from "./result-codes.ts";
import { readZip, ZipRejected } from "./zip-reader.ts";

/** How long upload_url stays valid (S3-style pre-signed URLs at Smile ID last about as long). */
const UPLOAD_URL_TTL_MS = 60 * 60_000;

export type SmileJobRow = typeof smileJobs.$inferSelect;

/** A refusal with Smile ID's own code (rendered by the route as `{code, error}`). */
export class SmileIdRefusal extends Error {
  override name = "SmileIdRefusal";
  constructor(
    readonly code: string,
    readonly status: 400 | 404 | 409 | 413,
    message: string,
  ) {
    super(message);
  }
}

export interface NewJob {
  jobId: string;
  userId: string;
  jobType: JobType;
  callbackUrl: string | null;
  partnerParams: Record<string, unknown>;
  idInfo: IdInfo | null;
  /** The end user's public JWK for the receipt's `cnf` (EdgeKYC extension `holder_key`). */
  holderKey?: HolderPublicJwk | null;
}

/** A SmileJobID: 10 digits, like Smile ID's. */
function newSmileJobId(): string {
  const digits = crypto.getRandomValues(new Uint8Array(10));
  return Array.from(digits, (d) => String(d % 10)).join("");
}

/**
 * POST /v1/upload: records the job and answers where to PUT its zip. A job_id the partner already used is
 * refused with Smile ID's 2215, so a retried submission never runs twice.
 */
export async function createJob(
  services: Services,
  principal: Principal,
  job: NewJob,
  baseUrl: string,
): Promise<{ smileJobId: string; uploadUrl: string }> {
  const [existing] = await services.db
    .select({ id: smileJobs.id })
    .from(smileJobs)
    .where(and(eq(smileJobs.partnerId, principal.partnerId), eq(smileJobs.jobId, job.jobId)));
  if (existing)
    throw new SmileIdRefusal(
      "2215",
      400,
      `Job already exists: job_id ${job.jobId} was used before; use a new job_id`,
    );
  const settings = await services.accounts.settings.get(principal.partnerId, "biometric-liveness");
  const problem = faceEngineProblem(services.config, "smile", principal.mode, settings);
  if (problem) throw new SmileIdRefusal("2204", 400, `Invalid request: ${problem}`);
  const token = randomSecret(24);
  const now = services.now();
  for (let attempt = 0; ; attempt++) {
    const id = newSmileJobId();
    try {
      await services.db.insert(smileJobs).values({
        id,
        partnerId: principal.partnerId,
        mode: principal.mode,
        keyId: principal.keyId,
        jobId: job.jobId,
        userId: job.userId,
        jobType: job.jobType,
        status: "awaiting_upload",
        callbackUrl: job.callbackUrl,
        partnerParamsJson: JSON.stringify(job.partnerParams),
        idInfoCiphertext: job.idInfo
          ? await services.cipher.encryptJson(job.idInfo, `smile_jobs.id_info:${id}`)
          : null,
        uploadTokenHash: await sha256Hex(token),
        holderKey: job.holderKey ?? null,
        createdAt: now,
        updatedAt: now,
      });
      return { smileJobId: id, uploadUrl: `${baseUrl}/v1/uploads/${id}/${token}` };
    } catch (error) {
      const message = String((error as Error)?.message ?? "");
      if (message.includes("smile_jobs.partner_id") || message.includes("smile_jobs_partner_job")) {
        throw new SmileIdRefusal(
          "2215",
          400,
          `Job already exists: job_id ${job.jobId} was used before; use a new job_id`,
        );
      }
      // A SmileJobID collision: draw again (10^10 ids, so this is rare).
      if (attempt >= 3 || !message.includes("UNIQUE")) throw error;
    }
  }
}

async function jobForUpload(services: Services, smileJobId: string, token: string): Promise<SmileJobRow> {
  const [row] = await services.db.select().from(smileJobs).where(eq(smileJobs.id, smileJobId));
  // The same answer for an unknown job and a wrong token: upload URLs are capabilities.
  const valid = row ? await timingSafeEqual(await sha256Hex(token), row.uploadTokenHash) : false;
  if (!row || !valid) throw new SmileIdRefusal("2203", 404, "unknown upload URL");
  if (services.now() - row.createdAt > UPLOAD_URL_TTL_MS) {
    throw new SmileIdRefusal(
      "2203",
      404,
      "this upload URL has expired; submit the job again with a new job_id",
    );
  }
  if (row.status !== "awaiting_upload") {
    throw new SmileIdRefusal("2215", 409, "this job's zip was already uploaded");
  }
  return row;
}

interface ZipImage {
  name: string;
  bytes: Uint8Array;
  contentType: string;
}

/** The images listed in info.json, from base64 or from zip entries; every listed file must be there. */
function imagesOf(info: InfoJson, files: Map<string, Uint8Array>): ZipImage[] {
  const counters: Record<string, number> = {};
  return info.images.map((entry, index) => {
    const kind = IMAGE_KINDS[entry.image_type_id];
    if (!kind) throw new ZipRejected(`images.${index}.image_type_id ${entry.image_type_id} is not 0-7`);
    let value: string;
    if (kind.base64) {
      if (!entry.image)
        throw new ZipRejected(
          `images.${index}: image_type_id ${entry.image_type_id} needs the base64 image in "image"`,
        );
      value = entry.image;
    } else {
      const file = files.get(entry.file_name);
      if (!file)
        throw new ZipRejected(
          `images.${index}: file ${entry.file_name || "(no file_name)"} is not in the zip`,
        );
      value = toBase64(file);
    }
    let image: { bytes: Uint8Array; contentType: string };
    try {
      image = decodeImage(value, `images.${index}`);
    } catch (error) {
      throw new ZipRejected((error as Error).message);
    }
    const count = counters[kind.name] ?? 0;
    counters[kind.name] = count + 1;
    const name =
      kind.name === "liveness" ? `liveness-${count}` : count === 0 ? kind.name : `${kind.name}-${count}`;
    return { name, ...image };
  });
}

/**
 * The PUT of the zip to upload_url: read with limits (zip-reader.ts), checked (info.json, a selfie, the
 * id_info a Biometric KYC job needs), images stored encrypted, then the job is queued for processing.
 */
export async function acceptUpload(
  services: Services,
  smileJobId: string,
  token: string,
  zip: Uint8Array,
): Promise<void> {
  const row = await jobForUpload(services, smileJobId, token);
  let images: ZipImage[];
  let idInfo: IdInfo | null = null;
  try {
    const files = readZip(zip);
    const raw = files.get("info.json");
    if (!raw) throw new ZipRejected("the zip has no info.json");
    let json: unknown;
    try {
      json = JSON.parse(new TextDecoder().decode(raw));
    } catch {
      throw new ZipRejected("info.json is not JSON");
    }
    const info = InfoJson.safeParse(json);
    if (!info.success) {
      const issue = info.error.issues[0];
      throw new ZipRejected(
        `info.json ${issue?.path.join(".") || ""}: ${issue?.message ?? "is invalid"}`.replace(" :", ":"),
      );
    }
    images = imagesOf(info.data, files);
    idInfo = info.data.id_info ? IdInfo.parse(info.data.id_info) : null;
  } catch (error) {
    if (error instanceof ZipRejected) throw new SmileIdRefusal("2213", 400, `Invalid zip: ${error.message}`);
    throw error;
  }
  if (!images.some((image) => image.name === "selfie")) {
    throw new SmileIdRefusal("2213", 400, "Invalid zip: no selfie (image_type_id 0 or 2)");
  }
  const stored = row.idInfoCiphertext
    ? await services.cipher.decryptJson<IdInfo>(row.idInfoCiphertext, `smile_jobs.id_info:${row.id}`)
    : null;
  const effective = idInfo?.id_number ? idInfo : stored;
  if (row.jobType === 1 && (!effective?.country || !effective.id_type || !effective.id_number)) {
    throw new SmileIdRefusal(
      "2204",
      400,
      "Biometric KYC (job_type 1) needs id_info with country, id_type and id_number",
    );
  }
  for (const image of images) {
    await storeImage(services, { partnerId: row.partnerId, folderId: row.id, ownerId: row.id, ...image });
  }
  const now = services.now();
  const updated = await services.db
    .update(smileJobs)
    .set({
      status: "queued",
      updatedAt: now,
      idInfoCiphertext: effective
        ? await services.cipher.encryptJson(effective, `smile_jobs.id_info:${row.id}`)
        : null,
    })
    .where(and(eq(smileJobs.id, row.id), eq(smileJobs.status, "awaiting_upload")))
    .returning({ id: smileJobs.id });
  if (updated.length === 0) throw new SmileIdRefusal("2215", 409, "this job's zip was already uploaded");
  await services.schedule("job", row.id);
}
