import type { Logger } from "./log.ts";

/**
 * Builds a verification receipt request, or logs and returns null when its schema refuses it (a bug, and a
 * deterministic one): the result event it goes with must still go out, since a retry would fail the same
 * way. Only the refused paths are logged: a value in a zod issue could be personal.
 */
export function receiptOrNull<T>(build: () => T, log: Logger): T | null {
  try {
    return build();
  } catch (error) {
    log.error("receipt request not built", {
      errorName: (error as Error)?.name ?? "unknown",
      paths: ((error as { issues?: { path: PropertyKey[] }[] }).issues ?? []).map((i) => i.path.join(".")),
    });
    return null;
  }
}
