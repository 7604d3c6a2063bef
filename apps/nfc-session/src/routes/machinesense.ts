// MachineSense wire shapes shared by the routes: the `{result, code, message, data}` envelope, its error
// form with this app's codes (domain/outcomes.ts), and OpenAPI entries for them.
import { ERROR_BODY_SCHEMAS } from "@edgekyc/platform";
import { z } from "@hono/zod-openapi";
import type { Context } from "hono";
import { NfcError, OUTCOMES } from "../domain/outcomes.ts";
import type { NfcAppEnv } from "../nfc-env.ts";

/** This app's refusals (domain/outcomes.ts); the platform's own (1001-1099) are ERROR_BODY_SCHEMAS.machinesense. */
const NfcErrorBody = z
  .object({
    result: z.literal("Err"),
    code: z.union(Object.values(OUTCOMES).map((outcome) => z.literal(outcome.code))),
    message: z.string().openapi({ example: "Invalid or tampered data" }),
    data: z.null(),
  })
  .openapi("NfcSessionError");

const MsError = z.union([ERROR_BODY_SCHEMAS.machinesense, NfcErrorBody]);

/** The `{result: "Ok", code: 0, message, data}` envelope around a route's data. */
export function msOk<T extends z.ZodType>(data: T) {
  return z.object({ result: z.literal("Ok"), code: z.literal(0), message: z.string(), data });
}

const STATUS_TEXT: Record<number, string> = {
  401: `Missing or wrong api_key (code 1002).`,
  403: `The key may not use nfc-session (code 1003).`,
  404: `Unknown init code or session; another partner's answer the same (code 1004 or ${OUTCOMES.invalid_init_code.code}).`,
  409: `The step does not fit the session's state (codes ${OUTCOMES.out_of_order.code}, ${OUTCOMES.already_received.code}, 1005).`,
  410: `The session expired or was cancelled (codes ${OUTCOMES.session_expired.code}, ${OUTCOMES.session_cancelled.code}).`,
  413: `The body is too large (code 1006).`,
  415: `Wrong Content-Type (code 1007).`,
  422: `A field is invalid (code 1001), or the data was refused (codes 2001-2015, see the README).`,
  429: `Too many attempts (codes 1008, ${OUTCOMES.redeem_locked.code}); retry after Retry-After seconds.`,
  503: `Temporarily unable to process (code ${OUTCOMES.processing_failed.code}).`,
};

export function msErrors<const S extends readonly (keyof typeof STATUS_TEXT)[]>(...statuses: S) {
  return Object.fromEntries(
    statuses.map((status) => [
      status,
      { description: STATUS_TEXT[status] as string, content: { "application/json": { schema: MsError } } },
    ]),
  ) as {
    [K in S[number]]: { description: string; content: { "application/json": { schema: typeof MsError } } };
  };
}

/** Renders a domain refusal; anything else goes on to newApp's error handler. */
function renderNfcError(c: Context<NfcAppEnv>, error: NfcError): Response {
  const headers: Record<string, string> = { "x-request-id": c.var.requestId };
  if (error.retryAfterSeconds) headers["retry-after"] = String(error.retryAfterSeconds);
  return new Response(
    JSON.stringify({ result: "Err", code: error.code, message: error.message, data: null }),
    {
      status: error.status,
      headers: { "content-type": "application/json", ...headers },
    },
  );
}

/** Wraps a handler so NfcErrors thrown by the domain are answered in the dialect with their own code. */
export function withNfcErrors<C extends Context<NfcAppEnv>, R>(
  handler: (c: C) => Promise<R>,
): (c: C) => Promise<R> {
  return async (c) => {
    try {
      return await handler(c);
    } catch (error) {
      if (error instanceof NfcError) return renderNfcError(c, error) as R;
      throw error;
    }
  };
}

/** `{result:"Ok", code:0, message:"", data}`. */
export function ok<T>(data: T) {
  return { result: "Ok" as const, code: 0 as const, message: "", data };
}

/** The authenticated partner (set by machineSenseAuth). */
export function partnerOf(c: Context<NfcAppEnv>) {
  const principal = c.var.principal;
  if (!principal) throw new NfcError("invalid_init_code", "no partner");
  return principal;
}

export const InitCode = z
  .string()
  .regex(/^[A-Za-z0-9]{4}$/, "must be 4 characters of A-Z, a-z, 0-9")
  .openapi({ example: "E4zY" });
export const ApiKey = z.string().min(1).max(256).openapi({ description: "Your developer key (api_key)." });
