import { DurableObject } from "cloudflare:workers";
import { ID_PREFIXES, newId } from "@edgekyc/platform";
import { AuditBuffer } from "../audit/audit-buffer.ts";
import { PasscodeHasher } from "../limits/passcode.ts";
import {
  cancel,
  type InitiateOutcome,
  initiate,
  type MethodSummary,
  peekInitiate,
  resend,
  summarise,
  type ValidateOutcome,
  validate,
} from "../limits/subject-machine.ts";
import {
  emptySubjectState,
  METHODS,
  type Method,
  nextAlarmAt,
  runAlarm,
  type Settings,
  type SubjectState,
} from "../limits/subject-state.ts";
import { bindHolderKey, holderKeyOf } from "./holder-keys.ts";

const STATE_KEY = "state";

/** Who asked for a validation, for its audit row (written by the object in the same step). */
export interface ValidationAudit {
  partnerId: string;
  mode: "test" | "live";
  subjectId: string;
  requestId: string;
}

/** The name of a subject's object: one per partner, key mode and application or account. */
export function subjectName(subject: {
  partnerId: string;
  mode: string;
  kind: string;
  externalId: string;
}): string {
  return `${subject.partnerId}:${subject.mode}:${subject.kind}:${subject.externalId}`;
}

/**
 * One eKYC subject (a partner's application or account): its counters, windows, locks and code hashes.
 *
 * Every RPC method reads, changes and writes the state synchronously (the hashing is node:crypto's
 * synchronous HMAC), with no await in between, so calls are serialised by the object itself: 50 concurrent
 * validations are 50 separate steps. The write goes to the object's SQLite storage before the answer
 * leaves (output gate), so an answered attempt is never forgotten; a validation's audit row is written in
 * the same step and copied to D1 by the alarm (audit-buffer.ts). The alarm also clears windows and locks.
 */
export class EkycSubject extends DurableObject<Env> {
  private state: SubjectState;
  private readonly passcodes: PasscodeHasher;
  private readonly audit: AuditBuffer;

  constructor(ctx: DurableObjectState, env: Env) {
    super(ctx, env);
    this.state =
      (ctx.storage.kv.get<SubjectState>(STATE_KEY) as SubjectState | undefined) ?? emptySubjectState();
    this.passcodes = new PasscodeHasher(env.ENCRYPTION_KEYS);
    this.audit = new AuditBuffer(ctx.storage, env.DB);
  }

  /** The alarm as last set by this instance (undefined: not read yet), so most calls skip the storage round trip. */
  private alarmAt: number | null | undefined;

  private async commit<T>(result: T): Promise<T> {
    this.ctx.storage.kv.put(STATE_KEY, this.state);
    const due = nextAlarmAt(this.state);
    const flushAt = this.audit.flushAt;
    const at = due === null ? flushAt : flushAt === null ? due : Math.min(due, flushAt);
    if (this.alarmAt === undefined) this.alarmAt = await this.ctx.storage.getAlarm();
    if (at === null) {
      if (this.alarmAt !== null) await this.ctx.storage.deleteAlarm();
      this.alarmAt = null;
    } else if (this.alarmAt === null || this.alarmAt > at) {
      this.alarmAt = at;
      await this.ctx.storage.setAlarm(at);
    }
    return result;
  }

  /** Binds the end user's public key to a code (authId): its result's receipt carries it as `cnf`. */
  async bindHolderKey(authId: string, key: Parameters<typeof bindHolderKey>[2]): Promise<void> {
    bindHolderKey(this.ctx.storage, authId, key);
  }

  async holderKey(authId: string): Promise<ReturnType<typeof holderKeyOf>> {
    return holderKeyOf(this.ctx.storage, authId);
  }

  async initiate(
    method: Method,
    input: { journeyId: string; destinationKey: string; sealedDestination: string },
    settings: Settings,
  ): Promise<InitiateOutcome> {
    return this.commit(initiate(this.state, method, input, settings, Date.now(), this.passcodes));
  }

  async resend(method: Method, authId: string, settings: Settings): Promise<InitiateOutcome> {
    return this.commit(resend(this.state, method, authId, settings, Date.now(), this.passcodes));
  }

  async cancel(method: Method, authId: string): Promise<boolean> {
    return this.commit(cancel(this.state, method, authId));
  }

  async validate(
    method: Method,
    input: { authId: string; passcode: string },
    settings: Settings,
    audit: ValidationAudit,
  ): Promise<ValidateOutcome> {
    const now = Date.now();
    const outcome = validate(this.state, method, input, settings, now, this.passcodes);
    this.audit.add(
      {
        id: newId(ID_PREFIXES.ekycAudit),
        partnerId: audit.partnerId,
        mode: audit.mode,
        subjectId: audit.subjectId,
        journeyId: "journeyId" in outcome ? outcome.journeyId : null,
        authId: input.authId,
        method,
        action: "validate",
        status: outcome.status,
        channel: null,
        destinationHint: null,
        detail: null,
        requestId: audit.requestId,
        createdAt: now,
      },
      now,
    );
    return this.commit(outcome);
  }

  async peek(method: Method, input: { journeyId: string; destinationKey: string }, settings: Settings) {
    return peekInitiate(this.state, method, input, settings, Date.now());
  }

  /** The counters; the audit rows waiting here are copied to D1 first, so the caller's D1 read is complete. */
  async summary(settings: Settings): Promise<Record<Method, MethodSummary>> {
    await this.audit.flushAll();
    const now = Date.now();
    return Object.fromEntries(
      METHODS.map((method) => [method, summarise(this.state, method, settings, now)]),
    ) as Record<Method, MethodSummary>;
  }

  /** Erasure: every counter and code hash of the subject goes. */
  async erase(): Promise<void> {
    await this.audit.settled();
    this.audit.clear();
    this.state = emptySubjectState();
    this.alarmAt = null;
    await this.ctx.storage.deleteAlarm();
    await this.ctx.storage.deleteAll();
  }

  override async alarm(): Promise<void> {
    // The alarm that fired is gone: the next one is set afresh from the state.
    this.alarmAt = null;
    await this.audit.flush();
    runAlarm(this.state, Date.now());
    await this.commit(undefined);
  }
}
