import { DurableObject } from "cloudflare:workers";
import type { Consent } from "../domain/consent.ts";
import { guard, NfcError, type Outcome, type OutcomeKey } from "../domain/outcomes.ts";
import { publishFailure } from "../domain/result-publisher.ts";
import {
  APP_FLOW_MS,
  type ChipSummary,
  MAX_CHIP_ATTEMPTS,
  nextDeadline,
  type SessionRecord,
  type SessionResult,
  type SessionState,
  TERMINAL_STATES,
} from "../domain/session-record.ts";
import type { NfcEnv } from "../nfc-env.ts";

const KEY = "session";

/** A copy of the record without the secrets it holds (token hash, consent). */
export type SessionView = Omit<SessionRecord, "appTokenHash" | "consent" | "challenge">;

function view(record: SessionRecord): SessionView {
  const { appTokenHash: _t, consent: _c, challenge: _ch, ...rest } = record;
  return rest;
}

/**
 * One object per session (idFromName(sessionId)): the state machine of the reader-app flow, its
 * deadlines (one alarm: init-code expiry, then the app flow, then the partner's confirmation) and the
 * single-use Active Authentication challenge. Every transition is checked here, one call at a time, so two
 * concurrent uploads or confirmations cannot both succeed.
 */
export class SessionObject extends DurableObject<NfcEnv> {
  private record: SessionRecord | null = null;

  constructor(ctx: DurableObjectState, env: NfcEnv) {
    super(ctx, env);
    ctx.blockConcurrencyWhile(async () => {
      this.record = (await ctx.storage.get<SessionRecord>(KEY)) ?? null;
    });
  }

  private async save(record: SessionRecord): Promise<void> {
    this.record = record;
    await this.ctx.storage.put(KEY, record);
    const deadline = nextDeadline(record);
    if (deadline === null) await this.ctx.storage.deleteAlarm();
    else await this.ctx.storage.setAlarm(deadline);
    if (TERMINAL_STATES.has(record.state)) await this.releaseCode(record);
  }

  private async releaseCode(record: SessionRecord): Promise<void> {
    await this.env.INIT_CODES.get(this.env.INIT_CODES.idFromName(record.initCode)).release(record.id);
  }

  /** The record, refusing what has ended; `token` (sha256 of the app's bearer token) when the app calls. */
  private current(tokenHash?: string): SessionRecord {
    const record = this.record;
    if (!record || record.state === "erased") throw new NfcError("invalid_init_code", "no such session");
    if (tokenHash !== undefined && record.appTokenHash !== tokenHash) {
      throw new NfcError("invalid_init_code", "the session token is not valid");
    }
    return record;
  }

  private expect(record: SessionRecord, allowed: SessionState[], step: string): void {
    if (allowed.includes(record.state)) return;
    if (record.state === "expired") throw new NfcError("session_expired");
    if (record.state === "cancelled") throw new NfcError("session_cancelled");
    if (TERMINAL_STATES.has(record.state) || record.state === "awaiting_confirmation") {
      throw new NfcError(
        "already_received",
        `the session is finished (${record.state}); ${step} is not possible`,
      );
    }
    throw new NfcError("out_of_order", `${step} is not possible while the session is ${record.state}`);
  }

  async create(record: SessionRecord): Promise<Outcome<void>> {
    return guard(async () => {
      if (this.record) throw new NfcError("already_received", "the session exists");
      await this.save(record);
    });
  }

  async get(): Promise<SessionView | null> {
    return this.record ? view(this.record) : null;
  }

  /** The app typed the code: binds the app's token; the app flow's clock starts. */
  async redeem(tokenHash: string, now = Date.now()): Promise<Outcome<SessionView>> {
    return guard(async () => {
      const record = this.current();
      this.expect(record, ["created"], "redeeming the init code");
      if (record.initCodeExpiresAt <= now) throw new NfcError("session_expired");
      await this.save({
        ...record,
        state: "redeemed",
        appTokenHash: tokenHash,
        flowDeadline: now + APP_FLOW_MS,
      });
      return view(this.record as SessionRecord);
    });
  }

  async appView(tokenHash: string): Promise<Outcome<SessionView>> {
    return guard(async () => {
      return view(this.current(tokenHash));
    });
  }

  /** Consent may be given again (e.g. the chip refused the first BAC key); a new consent voids the challenge. */
  async consent(tokenHash: string, consent: Consent): Promise<Outcome<void>> {
    return guard(async () => {
      const record = this.current(tokenHash);
      this.expect(record, ["redeemed", "consented", "challenged"], "consent");
      await this.save({ ...record, state: "consented", consent, challenge: null });
    });
  }

  /** A fresh 8-byte Active Authentication challenge (ICAO 9303-11 §6.1); replaces any earlier one. */
  async issueChallenge(tokenHash: string): Promise<Outcome<string>> {
    return guard(async () => {
      const record = this.current(tokenHash);
      this.expect(record, ["consented", "challenged"], "asking for a challenge");
      const challenge = btoa(String.fromCharCode(...crypto.getRandomValues(new Uint8Array(8))));
      await this.save({ ...record, state: "challenged", challenge });
      return challenge;
    });
  }

  /**
   * Starts verifying an upload: takes (and so uses up) the challenge, and holds the session so a second
   * upload is refused while this one runs.
   */
  async beginChip(
    tokenHash: string,
  ): Promise<Outcome<{ session: SessionView; consent: Consent; challenge: string }>> {
    return guard(async () => {
      const record = this.current(tokenHash);
      this.expect(record, ["challenged"], "uploading chip data");
      const { consent, challenge } = record;
      if (!consent || !challenge)
        throw new NfcError("out_of_order", "consent and a challenge come before the chip");
      await this.save({ ...record, state: "verifying_chip", challenge: null });
      return { session: view(record), consent, challenge };
    });
  }

  /**
   * The upload could not be opened (not a JWE for us, malformed). The user may read the chip again with a
   * new challenge, up to MAX_CHIP_ATTEMPTS; then the session ends as tampered. Returns true when it ended.
   */
  async rejectChipUpload(): Promise<Outcome<boolean>> {
    return guard(async () => {
      const record = this.current();
      this.expect(record, ["verifying_chip"], "rejecting an upload");
      const attempts = record.chipAttempts + 1;
      if (attempts >= MAX_CHIP_ATTEMPTS) {
        await this.endWithFailure({ ...record, chipAttempts: attempts }, "tampered");
        return true;
      }
      await this.save({ ...record, state: "consented", chipAttempts: attempts });
      return false;
    });
  }

  /** The document is authentic and matches the consent: the consent is no longer needed. */
  async acceptChip(chip: ChipSummary): Promise<Outcome<void>> {
    return guard(async () => {
      const record = this.current();
      this.expect(record, ["verifying_chip"], "accepting the chip");
      await this.save({ ...record, state: "chip_verified", chip, consent: null });
    });
  }

  async beginSelfie(tokenHash: string): Promise<Outcome<SessionView>> {
    return guard(async () => {
      const record = this.current(tokenHash);
      this.expect(record, ["chip_verified"], "sending the selfie");
      await this.save({ ...record, state: "matching" });
      return view(record);
    });
  }

  /** The face engine failed: the app may send the selfie again. */
  async abortSelfie(): Promise<Outcome<void>> {
    return guard(async () => {
      const record = this.current();
      this.expect(record, ["matching"], "retrying the selfie");
      await this.save({ ...record, state: "chip_verified" });
    });
  }

  /** The result webhook was queued: wait for the partner's confirmation until the deadline. */
  async resultSent(
    result: SessionResult,
    chip: ChipSummary | null = null,
    now = Date.now(),
  ): Promise<Outcome<void>> {
    return guard(async () => {
      const record = this.current();
      this.expect(record, ["verifying_chip", "matching"], "recording the result");
      await this.save({
        ...record,
        state: "awaiting_confirmation",
        consent: null,
        chip: chip ?? record.chip,
        result,
        confirmationDeadline: now + record.confirmationTimeoutMs,
      });
    });
  }

  /** webhook_confirmation. Repeating the same answer is harmless; changing it is refused. */
  async confirm(partnerId: string, recv: "OK" | "ERR", now = Date.now()): Promise<Outcome<SessionView>> {
    return guard(async () => {
      const record = this.current();
      if (record.partnerId !== partnerId) throw new NfcError("invalid_init_code", "no such session");
      const target = recv === "OK" ? "confirmed" : "rejected";
      if (record.state === target) return view(record);
      if (record.state === "confirmation_timeout") {
        throw new NfcError(
          "session_expired",
          "the confirmation came after the timeout; the app shows the error message",
        );
      }
      this.expect(record, ["awaiting_confirmation"], "confirming the webhook");
      await this.save({ ...record, state: target, endedAt: now });
      return view(this.record as SessionRecord);
    });
  }

  async cancel(partnerId: string, now = Date.now()): Promise<Outcome<SessionView>> {
    return guard(async () => {
      const record = this.current();
      if (record.partnerId !== partnerId) throw new NfcError("invalid_init_code", "no such session");
      if (record.state === "cancelled") return view(record);
      if (TERMINAL_STATES.has(record.state) || record.state === "awaiting_confirmation") {
        throw new NfcError("already_received", `the session is already ${record.state}`);
      }
      await this.save({ ...record, state: "cancelled", consent: null, challenge: null, endedAt: now });
      return view(this.record as SessionRecord);
    });
  }

  /** Forgets everything but the id, partner, state "erased" and times. Data in R2 is erased by the caller. */
  async erase(partnerId: string, now = Date.now()): Promise<Outcome<SessionView>> {
    return guard(async () => {
      const record = this.current();
      if (record.partnerId !== partnerId) throw new NfcError("invalid_init_code", "no such session");
      if (!TERMINAL_STATES.has(record.state)) await this.releaseCode(record);
      const tombstone: SessionRecord = {
        ...record,
        ref: "",
        holderKey: null,
        webhookUrl: null,
        redirectUrl: null,
        appTokenHash: null,
        consent: null,
        challenge: null,
        chip: null,
        state: "erased",
        endedAt: record.endedAt ?? now,
      };
      await this.ctx.storage.deleteAll();
      await this.save(tombstone);
      return view(tombstone);
    });
  }

  private async endWithFailure(record: SessionRecord, outcome: OutcomeKey, now = Date.now()): Promise<void> {
    const result = await publishFailure(this.env, record, outcome, now);
    await this.save({
      ...record,
      state: "awaiting_confirmation",
      consent: null,
      challenge: null,
      result,
      confirmationDeadline: now + record.confirmationTimeoutMs,
    });
  }

  override async alarm(): Promise<void> {
    const record = this.record;
    if (!record) return;
    const now = Date.now();
    const deadline = nextDeadline(record);
    if (deadline === null) return;
    if (deadline > now) {
      await this.ctx.storage.setAlarm(deadline);
      return;
    }
    if (record.state === "awaiting_confirmation") {
      await this.save({ ...record, state: "confirmation_timeout", endedAt: now });
      return;
    }
    // The user did not finish: the partner hears "Session expired" through the webhook.
    const result = await publishFailure(this.env, record, "session_expired", now);
    await this.save({ ...record, state: "expired", consent: null, challenge: null, result, endedAt: now });
  }
}
