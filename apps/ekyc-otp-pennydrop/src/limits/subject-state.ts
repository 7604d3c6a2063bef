import type { EkycOtpPennydropSettings } from "@edgekyc/schemas";

/** The two eKYC methods; each has its own counters, windows, lock and codes on a subject. */
export type Method = "otp" | "pennydrop";
export const METHODS: readonly Method[] = ["otp", "pennydrop"];

type SessionState = "active" | "authenticated" | "exhausted" | "superseded" | "cancelled" | "failed";

/** One issued code (an authId). The code itself is never stored: only its keyed hash. */
export interface Session {
  authId: string;
  journeyId: string;
  /** Key id of the hash key (see passcode.ts), so a key rotation does not break live codes. */
  kid: string;
  codeHash: string;
  /** Keyed hash of channel + destination: a retried initiate to the same place is a `duplicate`. */
  destinationKey: string;
  /** Where the code went (channel and recipient), encrypted by the Worker: a resend goes to the same place. */
  sealedDestination: string;
  createdAt: number;
  expiresAt: number;
  invalidCount: number;
  resends: number;
  state: SessionState;
}

export interface MethodState {
  /** End of the current initiates window (null: no window open). */
  windowEndsAt: number | null;
  initiatesInWindow: number;
  /** Temporary lock on initiates (tempLockEnabledOnInitiateApplication). */
  lockedUntil: number | null;
  /** Wrong codes since the last authentication; reaching the maximum fails the method. */
  invalidCount: number;
  /** Validations with an expired code since the last authentication. */
  expiredCount: number;
  /** Every validation that reached a known session, whatever its answer. */
  validationAttempts: number;
  failedAt: number | null;
  lastAuthenticatedAt: number | null;
  /** Journeys that ended authenticated (newest last, bounded). */
  authenticatedJourneys: string[];
  /** Newest last, bounded; pruned by the alarm once long expired. */
  sessions: Session[];
}

export interface SubjectState {
  version: 1;
  methods: Record<Method, MethodState>;
}

export const MAX_SESSIONS_KEPT = 20;
export const MAX_JOURNEYS_KEPT = 50;
/** Finished or expired sessions stay this long (to answer `notFound`/`expired` instead of `sessionIdNotFound`). */
const SESSION_RETENTION_MS = 24 * 60 * 60 * 1000;

function emptyMethodState(): MethodState {
  return {
    windowEndsAt: null,
    initiatesInWindow: 0,
    lockedUntil: null,
    invalidCount: 0,
    expiredCount: 0,
    validationAttempts: 0,
    failedAt: null,
    lastAuthenticatedAt: null,
    authenticatedJourneys: [],
    sessions: [],
  };
}

export function emptySubjectState(): SubjectState {
  return { version: 1, methods: { otp: emptyMethodState(), pennydrop: emptyMethodState() } };
}

export type Settings = EkycOtpPennydropSettings;

/** Clears a window or lock whose time has come; the alarm does the same, this covers a late alarm. */
export function rollWindows(method: MethodState, now: number): void {
  if (method.lockedUntil !== null && now >= method.lockedUntil) {
    // The lock stands in for the rest of the window: when it ends, codes are available again.
    method.lockedUntil = null;
    method.windowEndsAt = null;
    method.initiatesInWindow = 0;
  }
  if (method.lockedUntil === null && method.windowEndsAt !== null && now >= method.windowEndsAt) {
    method.windowEndsAt = null;
    method.initiatesInWindow = 0;
  }
}

export function remainingPasscodes(method: MethodState, settings: Settings, now: number): number {
  rollWindows(method, now);
  if (method.failedAt !== null || (method.lockedUntil !== null && now < method.lockedUntil)) return 0;
  return Math.max(0, settings.maximumNumberOfInitiatesPerDuration - method.initiatesInWindow);
}

/** When the alarm must next run: the earliest window end, lock end or session pruning time. */
export function nextAlarmAt(state: SubjectState): number | null {
  let next: number | null = null;
  const consider = (at: number | null) => {
    if (at !== null && (next === null || at < next)) next = at;
  };
  for (const method of Object.values(state.methods)) {
    consider(method.lockedUntil);
    if (method.lockedUntil === null) consider(method.windowEndsAt);
    for (const session of method.sessions) consider(session.expiresAt + SESSION_RETENTION_MS);
  }
  return next;
}

/** What the alarm does: windows and locks that have ended are cleared, long-expired sessions dropped. */
export function runAlarm(state: SubjectState, now: number): { unlocked: Method[] } {
  const unlocked: Method[] = [];
  for (const name of Object.keys(state.methods) as Method[]) {
    const method = state.methods[name];
    const wasLocked = method.lockedUntil !== null;
    rollWindows(method, now);
    if (wasLocked && method.lockedUntil === null) unlocked.push(name);
    method.sessions = method.sessions.filter((session) => session.expiresAt + SESSION_RETENTION_MS > now);
  }
  return { unlocked };
}
