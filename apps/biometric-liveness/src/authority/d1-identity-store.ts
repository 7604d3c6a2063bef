import { getDecrypted, sha256Hex } from "@edgekyc/platform";
import type { IdAuthorityPerson, SandboxIdentity, SandboxIdentityStore } from "@edgekyc/provider-clients";
import { and, eq } from "drizzle-orm";
import { sandboxIdentities } from "../db/schema.ts";
import type { Services } from "../services.ts";

/** Stored person fields (the photo is in R2). */
export type StoredPerson = Omit<IdAuthorityPerson, "photo"> & { idNumber: string };

/** Looked up by a hash that includes the partner, so equal numbers of two partners never share a row key. */
export function idNumberHash(partnerId: string, idNumber: string): Promise<string> {
  return sha256Hex(`sandbox-id:${partnerId}:${idNumber}`);
}

/** The sandbox authority's identities of one partner, in D1 (encrypted) and R2 (photo, encrypted). */
export class D1SandboxIdentityStore implements SandboxIdentityStore {
  constructor(
    private readonly services: Pick<Services, "db" | "cipher" | "uploads">,
    private readonly partnerId: string,
  ) {}

  async find(country: string, idType: string, idNumber: string): Promise<SandboxIdentity | null> {
    const { db, cipher, uploads } = this.services;
    const [row] = await db
      .select()
      .from(sandboxIdentities)
      .where(
        and(
          eq(sandboxIdentities.partnerId, this.partnerId),
          eq(sandboxIdentities.country, country),
          eq(sandboxIdentities.idType, idType),
          eq(sandboxIdentities.idNumberHash, await idNumberHash(this.partnerId, idNumber)),
        ),
      );
    if (!row) return null;
    const person = await cipher.decryptJson<StoredPerson>(
      row.personCiphertext,
      `sandbox_identities.person:${row.id}`,
    );
    const photo = row.photoR2Key ? await getDecrypted(uploads, cipher, row.photoR2Key) : null;
    const { idNumber: _number, ...fields } = person;
    return { country, idType, idNumber, person: { ...fields, photo } };
  }
}
