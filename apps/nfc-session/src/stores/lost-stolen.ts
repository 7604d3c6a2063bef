// The partner-managed lost/stolen list. Document numbers are personal data: a row is found by a keyed
// digest (HMAC-SHA256 under each key of ENCRYPTION_KEYS, so a rotated ring still finds old rows) and
// the number itself is stored encrypted, readable only for the partner's own listing.
import { type Cipher, fromBase64, hmacSha256, ID_PREFIXES, newId, toHex } from "@edgekyc/platform";
import { and, desc, eq, inArray, lt } from "drizzle-orm";
import { drizzle } from "drizzle-orm/d1";
import { type LOST_STOLEN_REASONS, lostStolen } from "../db/schema.ts";
import { normaliseDocumentNumber } from "../domain/consent.ts";
import type { LostStolenLookup } from "../domain/verify-chip.ts";

export type LostStolenReason = (typeof LOST_STOLEN_REASONS)[number];

export interface LostStolenEntry {
  id: string;
  issuing_state: string;
  document_number: string;
  reason: LostStolenReason;
  created_at: string;
}

/** The raw keys of ENCRYPTION_KEYS (`kid:base64,…`, validated by the app's config), current first. */
function lookupKeys(spec: string): Uint8Array[] {
  return spec
    .split(",")
    .map((entry) => entry.trim())
    .filter(Boolean)
    .map((entry) => fromBase64(entry.slice(entry.indexOf(":") + 1)));
}

function subject(issuingState: string, documentNumber: string): string {
  return `${issuingState.toUpperCase().replace(/</g, "")}|${normaliseDocumentNumber(documentNumber)}`;
}

export class LostStolenList implements LostStolenLookup {
  private readonly db;
  constructor(
    d1: D1Database,
    private readonly cipher: Cipher,
    private readonly keyRing: string,
  ) {
    this.db = drizzle(d1);
  }

  /** Digests of one document under every key of the ring, the current key's first. */
  private async digests(issuingState: string, documentNumber: string): Promise<string[]> {
    const text = subject(issuingState, documentNumber);
    return Promise.all(
      lookupKeys(this.keyRing).map(async (key) => toHex(await hmacSha256(key, `lost-stolen:${text}`))),
    );
  }

  async isListed(partnerId: string, issuingState: string, documentNumber: string): Promise<boolean> {
    const digests = await this.digests(issuingState, documentNumber);
    const rows = await this.db
      .select({ id: lostStolen.id })
      .from(lostStolen)
      .where(and(eq(lostStolen.partnerId, partnerId), inArray(lostStolen.digest, digests)))
      .limit(1);
    return rows.length > 0;
  }

  /** Adds a document; adding one that is listed already returns the existing entry. */
  async add(
    partnerId: string,
    input: { issuingState: string; documentNumber: string; reason: LostStolenReason },
    now = Date.now(),
  ): Promise<{ entry: LostStolenEntry; created: boolean }> {
    const digests = await this.digests(input.issuingState, input.documentNumber);
    const existing = await this.db
      .select()
      .from(lostStolen)
      .where(and(eq(lostStolen.partnerId, partnerId), inArray(lostStolen.digest, digests)))
      .limit(1);
    if (existing[0]) return { entry: await this.view(existing[0]), created: false };
    const id = newId(ID_PREFIXES.lostStolenEntry);
    const row = {
      id,
      partnerId,
      digest: digests[0] as string,
      issuingState: input.issuingState.toUpperCase(),
      documentNumberCiphertext: await this.cipher.encryptText(
        normaliseDocumentNumber(input.documentNumber),
        id,
      ),
      reason: input.reason,
      createdAt: now,
    };
    // A concurrent add of the same document loses on the unique index and reads the winner's row.
    const inserted = await this.db.insert(lostStolen).values(row).onConflictDoNothing().returning();
    if (inserted[0]) return { entry: await this.view(inserted[0]), created: true };
    return this.add(partnerId, input, now);
  }

  async remove(partnerId: string, id: string): Promise<boolean> {
    const deleted = await this.db
      .delete(lostStolen)
      .where(and(eq(lostStolen.partnerId, partnerId), eq(lostStolen.id, id)))
      .returning({ id: lostStolen.id });
    return deleted.length > 0;
  }

  async list(
    partnerId: string,
    options: { limit: number; before?: string | undefined },
  ): Promise<LostStolenEntry[]> {
    const rows = await this.db
      .select()
      .from(lostStolen)
      .where(
        and(
          eq(lostStolen.partnerId, partnerId),
          options.before ? lt(lostStolen.id, options.before) : undefined,
        ),
      )
      .orderBy(desc(lostStolen.id))
      .limit(options.limit);
    return Promise.all(rows.map((row) => this.view(row)));
  }

  private async view(row: typeof lostStolen.$inferSelect): Promise<LostStolenEntry> {
    return {
      id: row.id,
      issuing_state: row.issuingState,
      document_number: await this.cipher.decryptText(row.documentNumberCiphertext, row.id),
      reason: row.reason,
      created_at: new Date(row.createdAt).toISOString(),
    };
  }
}
