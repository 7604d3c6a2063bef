// The e-passport trust store in nfc-session's D1: CSCA certificates, CRLs and the roots pinned for
// master-list signers, managed through the admin API. Verification uses a TrustStore (@edgekyc/emrtd)
// built from the rows once per isolate and rebuilt only when the rows change (a cheap version query), so
// parsed CSCAs and DSCs already chained stay cached across documents.
import {
  type ParsedTrustAnchorFile,
  parseTrustAnchorFile,
  type StoredTrustAnchorEntry,
  type TrustStore,
  TrustStoreCache,
} from "@edgekyc/emrtd";
import { fromBase64, ID_PREFIXES, newId, toBase64 } from "@edgekyc/platform";
import { and, desc, eq, lt, sql } from "drizzle-orm";
import { drizzle } from "drizzle-orm/d1";
import { type TrustAnchorKind, type TrustImportKind, trustAnchors, trustImports } from "../db/schema.ts";

export interface TrustAnchorView {
  id: string;
  import_id: string;
  kind: TrustAnchorKind;
  country: string | null;
  subject: string;
  fingerprint: string;
  not_before: string | null;
  not_after: string | null;
  source: string;
  created_at: string;
}

export interface TrustImportView {
  id: string;
  kind: TrustImportKind;
  label: string | null;
  anchor_count: number;
  warnings: string[];
  anchors: TrustAnchorView[];
}

/** One parsed store per isolate (and D1 binding); a failed load is not kept. */
const caches = new WeakMap<D1Database, TrustStoreCache>();

type AnchorRow = typeof trustAnchors.$inferSelect;

function view(row: AnchorRow): TrustAnchorView {
  return {
    id: row.id,
    import_id: row.importId,
    kind: row.kind,
    country: row.country,
    subject: row.subject,
    fingerprint: row.fingerprint,
    not_before: row.notBefore,
    not_after: row.notAfter,
    source: row.source,
    created_at: new Date(row.createdAt).toISOString(),
  };
}

export class TrustStoreRepository {
  private readonly db;
  constructor(private readonly d1: D1Database) {
    this.db = drizzle(d1);
  }

  /** The verification store for the current rows (pinned roots are not anchors for documents). */
  async store(): Promise<TrustStore> {
    const [stamp] = await this.db
      .select({ count: sql<number>`count(*)`, last: sql<number>`coalesce(max(rowid), 0)` })
      .from(trustAnchors);
    const version = `${stamp?.count ?? 0}:${stamp?.last ?? 0}`;
    let cache = caches.get(this.d1);
    if (!cache) {
      cache = new TrustStoreCache();
      caches.set(this.d1, cache);
    }
    return cache.get(version, () => this.entries());
  }

  private async entries(): Promise<StoredTrustAnchorEntry[]> {
    const rows = await this.db.select().from(trustAnchors).where(sql`${trustAnchors.kind} != 'pinned_root'`);
    return rows.map((row) => ({
      kind: row.kind as "csca" | "crl",
      fingerprint: row.fingerprint,
      country: row.country ?? "",
      subject: row.subject,
      ...(row.skid ? { skid: row.skid } : {}),
      ...(row.serial ? { serial: row.serial } : {}),
      notBefore: row.notBefore ?? "",
      ...(row.notAfter ? { notAfter: row.notAfter } : {}),
      der: fromBase64(row.der),
      source: row.source,
    }));
  }

  private async pinnedRoots(): Promise<Uint8Array[]> {
    const rows = await this.db
      .select({ der: trustAnchors.der })
      .from(trustAnchors)
      .where(eq(trustAnchors.kind, "pinned_root"));
    return rows.map((row) => fromBase64(row.der));
  }

  /**
   * Parses and stores a file. `kind` says what the operator meant to import; a file of another kind is
   * refused (EmrtdError from the parser, or a mismatch error) before anything is written.
   */
  async import(
    kind: TrustImportKind,
    bytes: Uint8Array,
    label: string | null,
    now = Date.now(),
  ): Promise<TrustImportView> {
    let parsed: ParsedTrustAnchorFile;
    if (kind === "master_list") {
      const pinnedRoots = await this.pinnedRoots();
      if (pinnedRoots.length === 0)
        throw new TrustImportError(
          "pin a master-list signer root first (POST /nfc/admin/v1/trust/pinned-roots)",
        );
      parsed = await parseTrustAnchorFile(bytes, { pinnedRoots, now: new Date(now) });
      if (parsed.format !== "master-list")
        throw new TrustImportError(`this is a ${parsed.format} file, not a master list`);
    } else {
      parsed = await parseTrustAnchorFile(bytes);
      if (parsed.format === "master-list")
        throw new TrustImportError("this is a master list; import it as one");
      const wanted = kind === "crl" ? "crl" : "csca";
      const other = parsed.entries.find((entry) => entry.kind !== wanted);
      if (other)
        throw new TrustImportError(
          `the file holds a ${other.kind === "crl" ? "CRL" : "certificate"}, not ${kind === "crl" ? "a CRL" : "a certificate"}`,
        );
    }
    if (parsed.entries.length === 0) throw new TrustImportError("the file holds no certificate or CRL");
    const importId = newId(ID_PREFIXES.trustImport);
    const unique = new Map(parsed.entries.map((entry) => [entry.fingerprint, entry]));
    const rows = [...unique.values()].map((entry) => ({
      id: newId(ID_PREFIXES.trustAnchor),
      importId,
      kind: (kind === "pinned_root" ? "pinned_root" : entry.kind) as TrustAnchorKind,
      country: entry.country || null,
      subject: entry.subject,
      fingerprint: entry.fingerprint,
      skid: entry.skid ?? null,
      serial: entry.serial ?? null,
      notBefore: entry.notBefore || null,
      notAfter: entry.notAfter ?? null,
      der: toBase64(entry.der),
      source: kind === "pinned_root" ? "pinned master-list signer root" : entry.source,
      createdAt: now,
    }));
    // One batch: the import and all its anchors, or nothing (D1 batches are transactions).
    const statements = [
      this.db
        .insert(trustImports)
        .values({ id: importId, kind, label, verifiedBy: null, anchorCount: rows.length, createdAt: now }),
      // D1 allows at most 100 bound parameters per statement: 14 columns, so 7 rows each.
      ...chunk(rows, 7).map((part) => this.db.insert(trustAnchors).values(part)),
    ];
    await this.db.batch(statements as [(typeof statements)[0], ...typeof statements]);
    return {
      id: importId,
      kind,
      label,
      anchor_count: rows.length,
      warnings: parsed.warnings,
      anchors: rows.map((row) => view(row as AnchorRow)),
    };
  }

  async list(filter: {
    kind?: TrustAnchorKind | undefined;
    country?: string | undefined;
    limit: number;
    before?: string | undefined;
  }): Promise<TrustAnchorView[]> {
    const rows = await this.db
      .select()
      .from(trustAnchors)
      .where(
        and(
          filter.kind ? eq(trustAnchors.kind, filter.kind) : undefined,
          filter.country ? eq(trustAnchors.country, filter.country) : undefined,
          filter.before ? lt(trustAnchors.id, filter.before) : undefined,
        ),
      )
      .orderBy(desc(trustAnchors.id))
      .limit(filter.limit);
    return rows.map(view);
  }

  async removeAnchor(id: string): Promise<boolean> {
    const deleted = await this.db
      .delete(trustAnchors)
      .where(eq(trustAnchors.id, id))
      .returning({ id: trustAnchors.id });
    return deleted.length > 0;
  }

  /** Removes an import and every anchor it brought (the same certificate from another import stays). */
  async removeImport(id: string): Promise<number | null> {
    const [existing] = await this.db
      .select({ id: trustImports.id })
      .from(trustImports)
      .where(eq(trustImports.id, id));
    if (!existing) return null;
    const anchors = await this.db
      .delete(trustAnchors)
      .where(eq(trustAnchors.importId, id))
      .returning({ id: trustAnchors.id });
    await this.db.delete(trustImports).where(eq(trustImports.id, id));
    return anchors.length;
  }
}

export class TrustImportError extends Error {
  override name = "TrustImportError";
}

function chunk<T>(list: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < list.length; i += size) out.push(list.slice(i, i + size));
  return out;
}
