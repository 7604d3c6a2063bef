import { type Cipher, ID_PREFIXES, newId, type Principal } from "@edgekyc/platform";
import { and, eq } from "drizzle-orm";
import type { DrizzleD1Database } from "drizzle-orm/d1";
import { auditEvents, type SubjectKind, subjects } from "../db/schema.ts";
import { IsolateCache } from "./isolate-cache.ts";
import type { SubjectDetails } from "./subject-pii.ts";

export interface Subject {
  id: string;
  partnerId: string;
  mode: "test" | "live";
  kind: SubjectKind;
  externalId: string;
  hasAddress: boolean;
  createdAt: number;
  updatedAt: number;
}

/**
 * Records that exist, per isolate, for 30 s (like the key cache): the hot path (validate) then needs no
 * D1 read to know the application is there. Only found records are cached, so a cached entry never turns
 * "not found" into a hit for another partner; registration and erasure drop the entry in their isolate.
 */
const found = new IsolateCache<Subject>(30_000);
const cacheKey = (principal: Principal, kind: SubjectKind, externalId: string) =>
  `${principal.partnerId}:${principal.mode}:${kind}:${externalId}`;

const piiAad = (row: { id: string; partnerId: string }) => `ekyc.subjects.pii:${row.partnerId}:${row.id}`;

/**
 * Applications and accounts, always looked up under the caller's partner and key mode: another partner's
 * id is simply not found, exactly like an id nobody registered.
 */
export class SubjectRegistry {
  constructor(
    private readonly db: DrizzleD1Database<Record<string, unknown>>,
    private readonly cipher: Cipher,
    private readonly now: () => number = Date.now,
  ) {}

  async find(principal: Principal, kind: SubjectKind, externalId: string): Promise<Subject | null> {
    const cached = found.get(cacheKey(principal, kind, externalId));
    if (cached) return cached;
    const [row] = await this.db
      .select({
        id: subjects.id,
        partnerId: subjects.partnerId,
        mode: subjects.mode,
        kind: subjects.kind,
        externalId: subjects.externalId,
        hasAddress: subjects.hasAddress,
        createdAt: subjects.createdAt,
        updatedAt: subjects.updatedAt,
      })
      .from(subjects)
      .where(
        and(
          eq(subjects.partnerId, principal.partnerId),
          eq(subjects.mode, principal.mode),
          eq(subjects.kind, kind),
          eq(subjects.externalId, externalId),
        ),
      );
    if (row) found.set(cacheKey(principal, kind, externalId), row);
    return row ?? null;
  }

  async details(subject: Subject): Promise<SubjectDetails> {
    const [row] = await this.db
      .select({ pii: subjects.piiCiphertext })
      .from(subjects)
      .where(eq(subjects.id, subject.id));
    if (!row) throw new Error("subject disappeared");
    return this.cipher.decryptJson<SubjectDetails>(row.pii, piiAad(subject));
  }

  /** Creates or replaces the details; `created` tells which. */
  async upsert(
    principal: Principal,
    kind: SubjectKind,
    externalId: string,
    details: SubjectDetails,
  ): Promise<{ subject: Subject; created: boolean }> {
    found.delete(cacheKey(principal, kind, externalId));
    const existing = await this.find(principal, kind, externalId);
    const now = this.now();
    const id = existing?.id ?? newId(ID_PREFIXES.ekycSubject);
    const piiCiphertext = await this.cipher.encryptJson(
      details,
      piiAad({ id, partnerId: principal.partnerId }),
    );
    const hasAddress = details.address !== undefined;
    if (existing) {
      await this.db
        .update(subjects)
        .set({ piiCiphertext, hasAddress, updatedAt: now })
        .where(eq(subjects.id, id));
      return { subject: { ...existing, hasAddress, updatedAt: now }, created: false };
    }
    const row = {
      id,
      partnerId: principal.partnerId,
      mode: principal.mode,
      kind,
      externalId,
      piiCiphertext,
      hasAddress,
      createdAt: now,
      updatedAt: now,
    };
    // Two concurrent first PUTs: the unique index keeps one; the loser updates it instead.
    const inserted = await this.db
      .insert(subjects)
      .values(row)
      .onConflictDoNothing()
      .returning({ id: subjects.id });
    if (inserted.length === 0) return this.upsert(principal, kind, externalId, details);
    const { piiCiphertext: _pii, ...subject } = row;
    return { subject, created: true };
  }

  /** Erasure: the record and its audit trail. */
  async erase(subject: Subject): Promise<void> {
    found.delete(`${subject.partnerId}:${subject.mode}:${subject.kind}:${subject.externalId}`);
    await this.db.batch([
      this.db.delete(auditEvents).where(eq(auditEvents.subjectId, subject.id)),
      this.db.delete(subjects).where(eq(subjects.id, subject.id)),
    ]);
  }
}
