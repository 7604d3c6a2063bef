import { deletePrefix, newId, objectKey, putEncrypted } from "@edgekyc/platform";
import { and, desc, eq } from "drizzle-orm";
import { sandboxIdentities } from "../db/schema.ts";
import { CAPABILITY } from "../images/image-store.ts";
import type { Services } from "../services.ts";
import { idNumberHash, type StoredPerson } from "./d1-identity-store.ts";

export interface IdentityInput {
  country: string;
  idType: string;
  idNumber: string;
  firstName: string;
  lastName: string;
  middleName?: string | null;
  dob?: string | null;
  gender?: string | null;
  photo?: { bytes: Uint8Array; contentType: string } | null;
}

export interface IdentityView {
  id: string;
  country: string;
  idType: string;
  idNumber: string;
  firstName: string;
  lastName: string;
  middleName: string | null;
  dob: string | null;
  gender: string | null;
  hasPhoto: boolean;
  createdAt: string;
}

/** Sandbox identities live under this folder of the partner's prefix (erased with it). */
const FOLDER = "sandbox-id-authority";

/** Adds (or replaces) a test identity of the sandbox ID authority for one partner. */
export async function putIdentity(
  services: Services,
  partnerId: string,
  input: IdentityInput,
): Promise<IdentityView> {
  const hash = await idNumberHash(partnerId, input.idNumber);
  await removeIdentity(services, partnerId, { country: input.country, idType: input.idType, hash });
  const id = newId("sid");
  const person: StoredPerson = {
    idNumber: input.idNumber,
    firstName: input.firstName,
    lastName: input.lastName,
    middleName: input.middleName ?? null,
    dob: input.dob ?? null,
    gender: input.gender ?? null,
  };
  let photoR2Key: string | null = null;
  if (input.photo) {
    photoR2Key = objectKey(partnerId, CAPABILITY, FOLDER, `${id}.photo`);
    await putEncrypted(services.uploads, services.cipher, photoR2Key, input.photo.bytes, {
      contentType: input.photo.contentType,
    });
  }
  const now = services.now();
  await services.db.insert(sandboxIdentities).values({
    id,
    partnerId,
    country: input.country,
    idType: input.idType,
    idNumberHash: hash,
    personCiphertext: await services.cipher.encryptJson(person, `sandbox_identities.person:${id}`),
    photoR2Key,
    createdAt: now,
  });
  return {
    id,
    country: input.country,
    idType: input.idType,
    ...person,
    hasPhoto: Boolean(photoR2Key),
    createdAt: new Date(now).toISOString(),
  };
}

async function removeIdentity(
  services: Services,
  partnerId: string,
  key: { country: string; idType: string; hash: string },
) {
  const rows = await services.db
    .select()
    .from(sandboxIdentities)
    .where(
      and(
        eq(sandboxIdentities.partnerId, partnerId),
        eq(sandboxIdentities.country, key.country),
        eq(sandboxIdentities.idType, key.idType),
        eq(sandboxIdentities.idNumberHash, key.hash),
      ),
    );
  for (const row of rows) {
    if (row.photoR2Key) await services.uploads.delete(row.photoR2Key);
    await services.db.delete(sandboxIdentities).where(eq(sandboxIdentities.id, row.id));
  }
}

export async function listIdentities(services: Services, partnerId: string): Promise<IdentityView[]> {
  const rows = await services.db
    .select()
    .from(sandboxIdentities)
    .where(eq(sandboxIdentities.partnerId, partnerId))
    .orderBy(desc(sandboxIdentities.createdAt))
    .limit(200);
  return Promise.all(
    rows.map(async (row) => {
      const person = await services.cipher.decryptJson<StoredPerson>(
        row.personCiphertext,
        `sandbox_identities.person:${row.id}`,
      );
      return {
        id: row.id,
        country: row.country,
        idType: row.idType,
        ...person,
        hasPhoto: Boolean(row.photoR2Key),
        createdAt: new Date(row.createdAt).toISOString(),
      };
    }),
  );
}

/** Deletes one identity (true) or every identity of the partner (id omitted). */
export async function deleteIdentities(services: Services, partnerId: string, id?: string): Promise<number> {
  if (!id) {
    await deletePrefix(services.uploads, `partners/${partnerId}/${CAPABILITY}/${FOLDER}/`);
    const deleted = await services.db
      .delete(sandboxIdentities)
      .where(eq(sandboxIdentities.partnerId, partnerId))
      .returning({ id: sandboxIdentities.id });
    return deleted.length;
  }
  const [row] = await services.db
    .select()
    .from(sandboxIdentities)
    .where(and(eq(sandboxIdentities.partnerId, partnerId), eq(sandboxIdentities.id, id)));
  if (!row) return 0;
  if (row.photoR2Key) await services.uploads.delete(row.photoR2Key);
  await services.db.delete(sandboxIdentities).where(eq(sandboxIdentities.id, id));
  return 1;
}
