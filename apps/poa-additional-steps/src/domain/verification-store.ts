import { getDecrypted, objectKey, putEncrypted } from "@edgekyc/platform";
import { and, eq } from "drizzle-orm";
import { stepFiles, verifications } from "../db/schema.ts";
import type { PoaServices } from "../services.ts";
import type { PrivateData } from "./private-data.ts";
import { openPrivate, sealPrivate } from "./private-data.ts";
import { CAPABILITY } from "./token-creation.ts";

export type Verification = typeof verifications.$inferSelect;
export type StepFile = typeof stepFiles.$inferSelect;

/** The partner's verification by scanRef; null when it is another partner's or does not exist. */
export async function findVerification(
  services: PoaServices,
  partnerId: string,
  scanRef: string,
): Promise<Verification | null> {
  const [row] = await services.db
    .select()
    .from(verifications)
    .where(and(eq(verifications.scanRef, scanRef), eq(verifications.partnerId, partnerId)));
  return row ?? null;
}

export async function readPrivate(services: PoaServices, row: Verification): Promise<PrivateData | null> {
  return row.privateCiphertext ? openPrivate(services.cipher, row.scanRef, row.privateCiphertext) : null;
}

export async function writePrivate(services: PoaServices, scanRef: string, data: PrivateData): Promise<void> {
  await services.db
    .update(verifications)
    .set({ privateCiphertext: await sealPrivate(services.cipher, scanRef, data) })
    .where(eq(verifications.scanRef, scanRef));
}

export async function filesOf(services: PoaServices, scanRef: string): Promise<StepFile[]> {
  return services.db.select().from(stepFiles).where(eq(stepFiles.scanRef, scanRef));
}

export async function fileOf(services: PoaServices, scanRef: string, step: string): Promise<StepFile | null> {
  const [row] = await services.db
    .select()
    .from(stepFiles)
    .where(and(eq(stepFiles.scanRef, scanRef), eq(stepFiles.step, step)));
  return row ?? null;
}

/**
 * Stores a step's file encrypted under the partner's prefix and records it, replacing the earlier one.
 * The object key carries the version, so a reader of the old record never gets the new bytes half-written.
 */
export async function storeStepFile(
  services: PoaServices,
  row: Verification,
  input: {
    step: string;
    bytes: Uint8Array;
    contentType: string;
    source: StepFile["source"];
    documentType: string | null;
  },
): Promise<StepFile> {
  const uploadedAt = services.now();
  const key = objectKey(row.partnerId, CAPABILITY, row.scanRef, `${input.step}-${uploadedAt}`);
  await putEncrypted(services.uploads, services.cipher, key, input.bytes, { contentType: input.contentType });
  const previous = await fileOf(services, row.scanRef, input.step);
  const record: StepFile = {
    scanRef: row.scanRef,
    step: input.step,
    partnerId: row.partnerId,
    r2Key: key,
    contentType: input.contentType,
    size: input.bytes.byteLength,
    source: input.source,
    documentType: input.documentType,
    uploadedAt,
  };
  await services.db
    .insert(stepFiles)
    .values(record)
    .onConflictDoUpdate({ target: [stepFiles.scanRef, stepFiles.step], set: record });
  if (previous && previous.r2Key !== key) await services.uploads.delete(previous.r2Key);
  return record;
}

export async function readStepFile(services: PoaServices, file: StepFile): Promise<Uint8Array | null> {
  return getDecrypted(services.uploads, services.cipher, file.r2Key);
}
