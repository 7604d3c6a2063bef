import { type Cipher, isUniqueViolation, newId, type Page, toPage } from "@edgekyc/platform";
import { DIALECTS, type Mode } from "@edgekyc/schemas";
import { desc, eq, lt } from "drizzle-orm";
import type { Credentials } from "../credentials.ts";
import {
  apiKeys,
  partnerSettings,
  partners,
  replayGuard,
  webhookEndpointSecrets,
  webhookEndpoints,
} from "../schema.ts";
import { type PartnerRow, type PartnerView, toPartnerView } from "../views.ts";
import type { AccountsDb } from "./accounts-db.ts";
import { forgetPartnerKeys } from "./auth-key-cache.ts";
import { newKeyRow } from "./keys.ts";

/** An 8-digit Smile ID partner_id (Smile ID's own are short numbers; the SDK takes them as strings). */
function newSmileIdPartnerId(): string {
  const [value] = crypto.getRandomValues(new Uint32Array(1));
  return String(10_000_000 + ((value as number) % 90_000_000));
}

/** Partners: creation with a key per dialect, listing, lookup and erasure. */
export class PartnerRepository {
  constructor(
    private readonly db: AccountsDb,
    private readonly cipher: Cipher,
    private readonly now: () => number,
  ) {}

  /**
   * Creates a partner with one key per dialect for `mode`, all in one D1 batch (a failure writes
   * nothing). The secrets are returned only here.
   */
  async create(input: {
    name: string;
    mode: Mode;
  }): Promise<{ partner: PartnerView; mode: Mode; credentials: Credentials }> {
    // The Smile ID partner_id is short, so a collision is possible: draw again.
    for (let attempt = 1; ; attempt++) {
      const now = this.now();
      const partner: PartnerRow = {
        id: newId("ptn"),
        name: input.name,
        smileIdPartnerId: newSmileIdPartnerId(),
        ndtMerchantId: crypto.randomUUID(),
        createdAt: now,
        erasedAt: null,
      };
      const issued = await Promise.all(
        DIALECTS.map((dialect) => newKeyRow(this.cipher, partner, dialect, input.mode, now)),
      );
      try {
        await this.db.batch([
          this.db.insert(partners).values(partner),
          ...issued.map(({ row }) => this.db.insert(apiKeys).values(row)),
        ]);
      } catch (error) {
        if (attempt < 3 && isUniqueViolation(error)) continue;
        throw error;
      }
      const credentials = Object.fromEntries(
        issued.map(({ row, credentials }) => [row.dialect, credentials]),
      ) as Credentials;
      return { partner: toPartnerView(partner), mode: input.mode, credentials };
    }
  }

  async list(options: { limit: number; cursor?: string | undefined }): Promise<Page<PartnerView>> {
    const rows = await this.db
      .select()
      .from(partners)
      .where(options.cursor ? lt(partners.id, options.cursor) : undefined)
      .orderBy(desc(partners.id))
      .limit(options.limit + 1);
    return toPage(rows, options.limit, (row) => row.id, toPartnerView);
  }

  /** The partner, erased or not; null when there is no such partner. */
  async get(partnerId: string): Promise<PartnerView | null> {
    const [row] = await this.db.select().from(partners).where(eq(partners.id, partnerId));
    return row ? toPartnerView(row) : null;
  }

  /** The partner when it exists and was not erased. */
  async getActive(partnerId: string): Promise<PartnerView | null> {
    const partner = await this.get(partnerId);
    return partner && partner.erasedAt === null ? partner : null;
  }

  /**
   * Erases a partner's account data: keys, settings, webhook endpoints and their secrets are deleted and
   * the name is blanked; the row stays (with `erased_at`) so its ids are never handed out again.
   */
  async erase(partnerId: string): Promise<boolean> {
    const partner = await this.getActive(partnerId);
    if (!partner) return false;
    await this.db.batch([
      this.db.delete(replayGuard).where(eq(replayGuard.partnerId, partnerId)),
      this.db.delete(webhookEndpointSecrets).where(eq(webhookEndpointSecrets.partnerId, partnerId)),
      this.db.delete(webhookEndpoints).where(eq(webhookEndpoints.partnerId, partnerId)),
      this.db.delete(partnerSettings).where(eq(partnerSettings.partnerId, partnerId)),
      this.db.delete(apiKeys).where(eq(apiKeys.partnerId, partnerId)),
      this.db.update(partners).set({ name: "", erasedAt: this.now() }).where(eq(partners.id, partnerId)),
    ]);
    forgetPartnerKeys(partnerId);
    return true;
  }
}
