/** What went wrong, machine-readable; the message says it for people. */
export type EmrtdErrorCode =
  | "malformed_asn1" // not decodable BER/DER, or over the parser's limits (depth, nodes, length)
  | "unexpected_structure" // decodable, but not the structure expected (wrong tag, missing field)
  | "unsupported_algorithm" // an algorithm or curve this library does not implement
  | "invalid_key" // a public key that cannot be used (bad point, bad modulus)
  | "untrusted_master_list" // a master list whose signer does not chain to a pinned root
  | "invalid_input"; // bad arguments (e.g. a challenge of the wrong length)

/** The one error type this package throws for bad input: never a bare TypeError or RangeError. */
export class EmrtdError extends Error {
  readonly code: EmrtdErrorCode;
  constructor(code: EmrtdErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = "EmrtdError";
    this.code = code;
  }
}

/** Runs a parsing step and turns any library error into an EmrtdError naming what was being read. */
export function parsing<T>(what: string, step: () => T): T {
  try {
    return step();
  } catch (error) {
    if (error instanceof EmrtdError) throw error;
    throw new EmrtdError("unexpected_structure", `${what}: ${(error as Error)?.message ?? String(error)}`, {
      cause: error,
    });
  }
}
