import { getDecrypted, objectKey, putEncrypted } from "@edgekyc/platform";
import { and, eq } from "drizzle-orm";
import { images } from "../db/schema.ts";
import type { Services } from "../services.ts";

export const CAPABILITY = "biometric-liveness";

export interface StoredImage {
  name: string;
  contentType: string;
  bytes: number;
  r2Key: string;
}

/**
 * Stores an image encrypted in R2 under `partners/<partnerId>/biometric-liveness/<folderId>/<ownerId>.<name>`
 * (folder = the dossier or the Smile ID job, so erasing it is one prefix delete) and records it in D1.
 * Storing the same name again replaces the image.
 */
export async function storeImage(
  services: Pick<Services, "db" | "cipher" | "uploads" | "now">,
  input: {
    partnerId: string;
    folderId: string;
    ownerId: string;
    name: string;
    bytes: Uint8Array;
    contentType: string;
  },
): Promise<StoredImage> {
  const r2Key = objectKey(input.partnerId, CAPABILITY, input.folderId, `${input.ownerId}.${input.name}`);
  await putEncrypted(services.uploads, services.cipher, r2Key, input.bytes, {
    contentType: input.contentType,
  });
  const row = {
    id: `${input.ownerId}:${input.name}`,
    partnerId: input.partnerId,
    ownerId: input.ownerId,
    name: input.name,
    r2Key,
    contentType: input.contentType,
    bytes: input.bytes.length,
    createdAt: services.now(),
  };
  await services.db
    .insert(images)
    .values(row)
    .onConflictDoUpdate({
      target: images.id,
      set: { r2Key, contentType: row.contentType, bytes: row.bytes, createdAt: row.createdAt },
    });
  return { name: row.name, contentType: row.contentType, bytes: row.bytes, r2Key };
}

export async function listImages(services: Pick<Services, "db">, ownerId: string): Promise<StoredImage[]> {
  return services.db
    .select({ name: images.name, contentType: images.contentType, bytes: images.bytes, r2Key: images.r2Key })
    .from(images)
    .where(eq(images.ownerId, ownerId));
}

/** The decrypted image with its content type, or null when the owner has none of that name. */
export async function loadImage(
  services: Pick<Services, "db" | "cipher" | "uploads">,
  ownerId: string,
  name: string,
): Promise<{ bytes: Uint8Array; contentType: string } | null> {
  const [row] = await services.db
    .select({ r2Key: images.r2Key, contentType: images.contentType })
    .from(images)
    .where(and(eq(images.ownerId, ownerId), eq(images.name, name)));
  if (!row) return null;
  const bytes = await getDecrypted(services.uploads, services.cipher, row.r2Key);
  return bytes ? { bytes, contentType: row.contentType } : null;
}
