// The MachineSense answers this app gives besides the platform's generic ones (1001-1099, see
// MACHINESENSE_CODES in @edgekyc/platform). The vendor document names the messages but no numbers; these
// numbers are ours and listed in the README.

export const OUTCOMES = {
  document_not_supported: { code: 2001, status: 422, message: "Document not supported" },
  session_expired: { code: 2002, status: 410, message: "Session expired" },
  lost_or_stolen: { code: 2003, status: 422, message: "Document reported lost or stolen" },
  tampered: { code: 2004, status: 422, message: "Invalid or tampered data" },
  document_expired: { code: 2005, status: 422, message: "Document expired" },
  consent_mismatch: {
    code: 2006,
    status: 422,
    message: "The document does not match the consent data (document number, date of birth, expiry)",
  },
  session_cancelled: { code: 2007, status: 410, message: "Session cancelled" },
  out_of_order: { code: 2008, status: 409, message: "This step is not expected now" },
  method_not_supported: { code: 2009, status: 422, message: "Method not supported" },
  invalid_consent: { code: 2010, status: 422, message: "Invalid consent data" },
  redeem_locked: { code: 2011, status: 429, message: "Too many wrong init codes; try again later" },
  invalid_init_code: { code: 2012, status: 404, message: "Unknown or expired init code" },
  processing_failed: { code: 2013, status: 503, message: "The data could not be processed; try again" },
  already_received: { code: 2014, status: 409, message: "This step was already completed" },
  invalid_selfie: { code: 2015, status: 422, message: "The selfie or a liveness image cannot be used" },
  face_engine_unavailable: {
    code: 2016,
    status: 409,
    message: "The face engine chosen in the account settings cannot be used",
  },
} as const;

export type OutcomeKey = keyof typeof OUTCOMES;

/** A domain refusal rendered as MachineSense `{result:"Err", code, message}` with its own code. */
export class NfcError extends Error {
  override name = "NfcError";
  readonly outcome: OutcomeKey;
  /** For 429 answers: when the client may try again. */
  retryAfterSeconds: number | undefined;
  constructor(outcome: OutcomeKey, detail?: string, options: { retryAfterSeconds?: number } = {}) {
    super(detail ? `${OUTCOMES[outcome].message}: ${detail}` : OUTCOMES[outcome].message);
    this.outcome = outcome;
    this.retryAfterSeconds = options.retryAfterSeconds;
  }
  get code(): number {
    return OUTCOMES[this.outcome].code;
  }
  get status(): number {
    return OUTCOMES[this.outcome].status;
  }
}

/** What the reader app shows at the end (the seed's texts, word for word). */
export const APP_MESSAGES = {
  processing: "Please wait while your data is being processed and submitted.",
  thankYou: "Thank you for using our services. Please return to the website where you started the process.",
  error:
    "There was an error in the process. Please return to the website where you started the process and follow further instructions.",
} as const;

/**
 * Durable Object RPC keeps an error's message but not its class or fields, so session objects return
 * refusals as values and the caller turns them back into NfcError (`unwrap`).
 */
export type Outcome<T> = { ok: true; value: T } | { ok: false; outcome: OutcomeKey; message: string };

export async function guard<T>(work: () => Promise<T>): Promise<Outcome<T>> {
  try {
    return { ok: true, value: await work() };
  } catch (error) {
    if (error instanceof NfcError) return { ok: false, outcome: error.outcome, message: error.message };
    throw error;
  }
}

export function unwrap<T>(result: Outcome<T>): T {
  if (result.ok) return result.value;
  const error = new NfcError(result.outcome);
  error.message = result.message;
  throw error;
}
