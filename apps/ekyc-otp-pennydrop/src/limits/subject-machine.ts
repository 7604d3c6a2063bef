import {
  MAX_JOURNEYS_KEPT,
  MAX_SESSIONS_KEPT,
  type Method,
  type MethodState,
  remainingPasscodes,
  rollWindows,
  type Session,
  type Settings,
  type SubjectState,
} from "./subject-state.ts";

/** Code issuing and checking, injected so this module stays pure (passcode.ts in the Durable Object). */
export interface PasscodeCrypto {
  /** A fresh CSPRNG code of `length` digits and its keyed hash, bound to the authId. */
  issue(authId: string, length: number): { code: string; codeHash: string; kid: string };
  /** Constant-time: whether `candidate` is the code behind `codeHash`. */
  matches(session: { authId: string; kid: string; codeHash: string }, candidate: string): boolean;
  newAuthId(): string;
}

export type InitiateOutcome =
  | {
      status: "initiated";
      authId: string;
      journeyId: string;
      code: string;
      expiresAt: number;
      remainingPasscodes: number;
      /** This initiate used the last code of the window and locked initiates until `lockedUntil`. */
      lockedUntil: number | null;
      resent: boolean;
      sealedDestination: string;
    }
  | { status: "duplicate"; authId: string; journeyId: string; expiresAt: number; remainingPasscodes: number }
  | { status: "authenticated"; journeyId: string; remainingPasscodes: number }
  | { status: "failed"; journeyId: string; remainingPasscodes: 0 }
  | { status: "noMoreCodes"; journeyId: string; remainingPasscodes: 0; retryAt: number | null }
  | { status: "notFound" | "expired"; authId: string; journeyId: string | null; remainingPasscodes: number };

export type ValidateOutcome =
  | {
      status: "authenticated" | "invalid" | "expired" | "failed" | "notFound";
      authId: string;
      journeyId: string;
      remainingPasscodes: number;
      /** Wrong codes this authId may still take. */
      remainingAttempts: number;
      /** Set when this validation failed the whole method (not only this code). */
      methodFailed: boolean;
      /** Set when this validation changed the outcome (so exactly one result event is sent). */
      transition: "authenticated" | "failed" | null;
    }
  | { status: "sessionIdNotFound"; authId: string };

function findSession(method: MethodState, authId: string): Session | undefined {
  return method.sessions.find((session) => session.authId === authId);
}

function live(session: Session, now: number): boolean {
  return session.state === "active" && now < session.expiresAt;
}

function openSession(method: MethodState, session: Session): void {
  for (const other of method.sessions) if (other.state === "active") other.state = "superseded";
  method.sessions.push(session);
  if (method.sessions.length > MAX_SESSIONS_KEPT)
    method.sessions.splice(0, method.sessions.length - MAX_SESSIONS_KEPT);
}

/** Counts one initiate; locks initiates when it was the last of the window and locking is on. */
function countInitiate(method: MethodState, settings: Settings, now: number): number | null {
  if (method.windowEndsAt === null) method.windowEndsAt = now + settings.initiatesDurationInMilliseconds;
  method.initiatesInWindow += 1;
  if (
    settings.tempLockEnabledOnInitiateApplication &&
    method.initiatesInWindow >= settings.maximumNumberOfInitiatesPerDuration
  ) {
    method.lockedUntil = now + settings.tempLockDurationOnInitiateApplicationInSeconds * 1000;
    return method.lockedUntil;
  }
  return null;
}

/** Why no code can be issued now (failed, locked, window used up), or null when one can. */
function initiateBlocked(method: MethodState, settings: Settings, now: number, journeyId: string) {
  if (method.failedAt !== null)
    return { status: "failed" as const, journeyId, remainingPasscodes: 0 as const };
  if (method.lockedUntil !== null && now < method.lockedUntil) {
    return {
      status: "noMoreCodes" as const,
      journeyId,
      remainingPasscodes: 0 as const,
      retryAt: method.lockedUntil,
    };
  }
  if (method.initiatesInWindow >= settings.maximumNumberOfInitiatesPerDuration) {
    return {
      status: "noMoreCodes" as const,
      journeyId,
      remainingPasscodes: 0 as const,
      retryAt: method.windowEndsAt,
    };
  }
  return null;
}

/** What an initiate refuses with, in order (failed, authenticated, duplicate, noMoreCodes); null: issue a code. */
type InitiateRefusal = Exclude<InitiateOutcome, { status: "initiated" | "notFound" | "expired" }>;

function initiateRefusal(
  method: MethodState,
  input: { journeyId: string; destinationKey: string },
  settings: Settings,
  now: number,
): InitiateRefusal | null {
  rollWindows(method, now);
  const { journeyId } = input;
  if (method.failedAt !== null) return { status: "failed", journeyId, remainingPasscodes: 0 };
  if (method.authenticatedJourneys.includes(journeyId)) {
    return {
      status: "authenticated",
      journeyId,
      remainingPasscodes: remainingPasscodes(method, settings, now),
    };
  }
  const existing = method.sessions.find(
    (session) =>
      session.journeyId === journeyId &&
      session.destinationKey === input.destinationKey &&
      live(session, now),
  );
  if (existing) {
    return {
      status: "duplicate",
      authId: existing.authId,
      journeyId,
      expiresAt: existing.expiresAt,
      remainingPasscodes: remainingPasscodes(method, settings, now),
    };
  }
  return initiateBlocked(method, settings, now, journeyId);
}

/**
 * Initiate: a new code for a journey, unless the method has failed, the journey is already authenticated,
 * the journey already has a live code for the same destination (`duplicate`: a retried request sends
 * nothing twice), or the window's codes are used up / initiates are locked (`noMoreCodes`).
 */
export function initiate(
  state: SubjectState,
  name: Method,
  input: { journeyId: string; destinationKey: string; sealedDestination: string },
  settings: Settings,
  now: number,
  passcodes: PasscodeCrypto,
): InitiateOutcome {
  const method = state.methods[name];
  const { journeyId } = input;
  const refused = initiateRefusal(method, input, settings, now);
  if (refused) return refused;
  const authId = passcodes.newAuthId();
  const { code, codeHash, kid } = passcodes.issue(authId, settings.otpCodeLength);
  const expiresAt = now + settings.passcodeExpiryInMilliseconds;
  openSession(method, {
    authId,
    journeyId,
    kid,
    codeHash,
    destinationKey: input.destinationKey,
    sealedDestination: input.sealedDestination,
    createdAt: now,
    expiresAt,
    invalidCount: 0,
    resends: 0,
    state: "active",
  });
  const lockedUntil = countInitiate(method, settings, now);
  return {
    status: "initiated",
    authId,
    journeyId,
    code,
    expiresAt,
    remainingPasscodes: remainingPasscodes(method, settings, now),
    lockedUntil,
    resent: false,
    sealedDestination: input.sealedDestination,
  };
}

/**
 * Resend: a fresh code under the same authId (the previous code stops working), counted like an initiate.
 * Only a live session can be resent: an expired one answers `expired` (initiate again), a finished or
 * unknown one `notFound`.
 */
export function resend(
  state: SubjectState,
  name: Method,
  authId: string,
  settings: Settings,
  now: number,
  passcodes: PasscodeCrypto,
): InitiateOutcome {
  const method = state.methods[name];
  rollWindows(method, now);
  const session = findSession(method, authId);
  if (!session)
    return {
      status: "notFound",
      authId,
      journeyId: null,
      remainingPasscodes: remainingPasscodes(method, settings, now),
    };
  const { journeyId } = session;
  if (method.failedAt !== null) return { status: "failed", journeyId, remainingPasscodes: 0 };
  if (session.state !== "active") {
    return {
      status: "notFound",
      authId,
      journeyId,
      remainingPasscodes: remainingPasscodes(method, settings, now),
    };
  }
  if (now >= session.expiresAt) {
    return {
      status: "expired",
      authId,
      journeyId,
      remainingPasscodes: remainingPasscodes(method, settings, now),
    };
  }
  const blocked = initiateBlocked(method, settings, now, journeyId);
  if (blocked) return blocked;
  const { code, codeHash, kid } = passcodes.issue(authId, settings.otpCodeLength);
  session.codeHash = codeHash;
  session.kid = kid;
  session.expiresAt = now + settings.passcodeExpiryInMilliseconds;
  session.resends += 1;
  const lockedUntil = countInitiate(method, settings, now);
  return {
    status: "initiated",
    authId,
    journeyId,
    code,
    expiresAt: session.expiresAt,
    remainingPasscodes: remainingPasscodes(method, settings, now),
    lockedUntil,
    resent: true,
    sealedDestination: session.sealedDestination,
  };
}

/**
 * Takes back a code whose delivery failed (SMS refused, payment refused): the session ends and the
 * initiate is not counted, so a provider failure never costs the customer a code.
 */
export function cancel(state: SubjectState, name: Method, authId: string): boolean {
  const method = state.methods[name];
  const session = findSession(method, authId);
  if (session?.state !== "active") return false;
  session.state = "cancelled";
  method.initiatesInWindow = Math.max(0, method.initiatesInWindow - 1);
  if (method.lockedUntil !== null) method.lockedUntil = null;
  return true;
}

/**
 * Validate one code. Every step happens in one synchronous call inside the subject's Durable Object, so
 * concurrent validations are counted one by one: none is lost and none is compared after the limit.
 *
 * Order: unknown authId → `sessionIdNotFound`; method failed → `failed`; session finished → `notFound`
 * (or `authenticated` again for the same, already accepted code: an idempotent retry); expired → counts an
 * expired attempt (`expired`, `failed` past the allowance); wrong → counts an invalid attempt (`invalid`,
 * `failed` at the per-code or application maximum); right → `authenticated`.
 */
export function validate(
  state: SubjectState,
  name: Method,
  input: { authId: string; passcode: string },
  settings: Settings,
  now: number,
  passcodes: PasscodeCrypto,
): ValidateOutcome {
  const method = state.methods[name];
  const session = findSession(method, input.authId);
  if (!session) return { status: "sessionIdNotFound", authId: input.authId };
  method.validationAttempts += 1;
  const perSession = settings.maximumNumberOfInvalidValidatesPerSession;
  const answer = (
    status: "authenticated" | "invalid" | "expired" | "failed" | "notFound",
    transition: "authenticated" | "failed" | null = null,
  ): ValidateOutcome => ({
    status,
    authId: session.authId,
    journeyId: session.journeyId,
    remainingPasscodes: remainingPasscodes(method, settings, now),
    remainingAttempts: session.state === "active" ? Math.max(0, perSession - session.invalidCount) : 0,
    methodFailed: method.failedAt !== null,
    transition,
  });
  const failMethod = () => {
    method.failedAt = now;
    for (const other of method.sessions) if (other.state === "active") other.state = "failed";
    return answer("failed", "failed");
  };

  if (method.failedAt !== null) return answer("failed");
  if (session.state === "authenticated") {
    return passcodes.matches(session, input.passcode) ? answer("authenticated") : answer("notFound");
  }
  if (session.state !== "active") return answer("notFound");
  if (now >= session.expiresAt) {
    method.expiredCount += 1;
    if (method.expiredCount > settings.maximumNumberOfExpiredValidates) return failMethod();
    return answer("expired");
  }
  if (passcodes.matches(session, input.passcode)) {
    session.state = "authenticated";
    method.lastAuthenticatedAt = now;
    method.invalidCount = 0;
    method.expiredCount = 0;
    method.authenticatedJourneys.push(session.journeyId);
    if (method.authenticatedJourneys.length > MAX_JOURNEYS_KEPT) method.authenticatedJourneys.shift();
    return answer("authenticated", "authenticated");
  }
  session.invalidCount += 1;
  method.invalidCount += 1;
  if (method.invalidCount >= settings.maximumNumberOfInvalidValidates) return failMethod();
  if (session.invalidCount >= perSession) {
    session.state = "exhausted";
    return answer("failed", "failed");
  }
  return answer("invalid");
}

export interface MethodSummary {
  /** idle: no live code; initiated: a live code; locked: initiates locked; failed: cannot try again. */
  status: "idle" | "initiated" | "authenticated" | "failed" | "locked";
  remainingPasscodes: number;
  initiatesInWindow: number;
  windowEndsAt: number | null;
  lockedUntil: number | null;
  invalidValidates: number;
  expiredValidates: number;
  validationAttempts: number;
  failedAt: number | null;
  lastAuthenticatedAt: number | null;
  activeAuthId: string | null;
  activeJourneyId: string | null;
  activeExpiresAt: number | null;
}

export function summarise(state: SubjectState, name: Method, settings: Settings, now: number): MethodSummary {
  const method = state.methods[name];
  rollWindows(method, now);
  const active = [...method.sessions].reverse().find((session) => live(session, now)) ?? null;
  const locked = method.lockedUntil !== null && now < method.lockedUntil;
  const last = method.sessions[method.sessions.length - 1];
  const status: MethodSummary["status"] =
    method.failedAt !== null
      ? "failed"
      : locked
        ? "locked"
        : active
          ? "initiated"
          : last?.state === "authenticated"
            ? "authenticated"
            : "idle";
  return {
    status,
    remainingPasscodes: remainingPasscodes(method, settings, now),
    initiatesInWindow: method.initiatesInWindow,
    windowEndsAt: method.windowEndsAt,
    lockedUntil: locked ? method.lockedUntil : null,
    invalidValidates: method.invalidCount,
    expiredValidates: method.expiredCount,
    validationAttempts: method.validationAttempts,
    failedAt: method.failedAt,
    lastAuthenticatedAt: method.lastAuthenticatedAt,
    activeAuthId: active?.authId ?? null,
    activeJourneyId: active?.journeyId ?? null,
    activeExpiresAt: active?.expiresAt ?? null,
  };
}

/**
 * What an initiate would answer short of issuing a code, without changing anything: `failed`,
 * `authenticated`, `duplicate` or `noMoreCodes`; null when a code would be issued. Penny Drop asks this
 * before paying for a Confirmation of Payee check or a payment, in the same order as `initiate`.
 */
export function peekInitiate(
  state: SubjectState,
  name: Method,
  input: { journeyId: string; destinationKey: string },
  settings: Settings,
  now: number,
): InitiateRefusal | null {
  return initiateRefusal(state.methods[name], input, settings, now);
}
