// Finding and creating sessions: init codes (one Durable Object each), session objects, and the D1 row
// that maps a partner's init code to its session once the code is released.
import { ID_PREFIXES, newId } from "@edgekyc/platform";
import type { Mode } from "@edgekyc/schemas";
import { and, desc, eq } from "drizzle-orm";
import { drizzle } from "drizzle-orm/d1";
import { sessions } from "../db/schema.ts";
import { randomInitCode } from "../domain/init-code.ts";
import { NfcError, unwrap } from "../domain/outcomes.ts";
import { APP_FLOW_MS, type SessionOptions, type SessionRecord } from "../domain/session-record.ts";

/** Draws before giving up; with 14.7 M codes, even a million live ones make ten misses in a row ~1e-12. */
const MAX_DRAWS = 10;

export class SessionDirectory {
  private readonly db;
  constructor(private readonly env: Env) {
    this.db = drizzle(env.DB);
  }

  session(sessionId: string) {
    return this.env.SESSIONS.get(this.env.SESSIONS.idFromName(sessionId));
  }

  initCode(code: string) {
    return this.env.INIT_CODES.get(this.env.INIT_CODES.idFromName(code));
  }

  async create(
    partnerId: string,
    mode: Mode,
    options: SessionOptions,
    now = Date.now(),
  ): Promise<{ sessionId: string; initCode: string; expiresAt: number }> {
    const sessionId = newId(ID_PREFIXES.nfcSession);
    const initCodeExpiresAt = now + options.initCodeTtlMs;
    // The code stays reserved until the session ends (released then), at most this long.
    const reservedUntil = initCodeExpiresAt + APP_FLOW_MS + options.confirmationTimeoutMs + 60_000;
    for (let draw = 0; draw < MAX_DRAWS; draw++) {
      const code = randomInitCode();
      const reserved = await this.initCode(code).reserve(
        { sessionId, partnerId, redeemableUntil: initCodeExpiresAt, redeemed: false, reservedUntil },
        now,
      );
      if (!reserved) continue;
      const record: SessionRecord = {
        ...options,
        id: sessionId,
        partnerId,
        mode,
        initCode: code,
        createdAt: now,
        initCodeExpiresAt,
        state: "created",
        appTokenHash: null,
        flowDeadline: null,
        consent: null,
        challenge: null,
        chipAttempts: 0,
        chip: null,
        result: null,
        confirmationDeadline: null,
        endedAt: null,
      };
      await this.db
        .insert(sessions)
        .values({ id: sessionId, partnerId, mode, initCode: code, createdAt: now });
      unwrap(await this.session(sessionId).create(record));
      return { sessionId, initCode: code, expiresAt: initCodeExpiresAt };
    }
    throw new NfcError("processing_failed", "no free init code was found; try again");
  }

  /** The partner's most recent session with this init code (another partner's codes are not found). */
  async findForPartner(partnerId: string, initCode: string): Promise<string> {
    const [row] = await this.db
      .select({ id: sessions.id })
      .from(sessions)
      .where(and(eq(sessions.partnerId, partnerId), eq(sessions.initCode, initCode)))
      .orderBy(desc(sessions.createdAt), desc(sessions.id))
      .limit(1);
    if (!row) throw new NfcError("invalid_init_code", "no session of yours has this init code");
    return row.id;
  }

  async markErased(sessionId: string, now = Date.now()): Promise<void> {
    await this.db.update(sessions).set({ erasedAt: now }).where(eq(sessions.id, sessionId));
  }
}
