import { getDecrypted } from "@edgekyc/platform";
import { z } from "@hono/zod-openapi";
import { resultKey } from "../../domain/result-publisher.ts";
import { SESSION_STATES } from "../../domain/session-record.ts";
import type { SessionView } from "../../durable/session-object.ts";
import type { NfcServices } from "../../services.ts";

export const SessionStatus = z
  .object({
    /** The session's id; the webhook's event id (`webhook-id` header) is `<session_id>.result`. */
    session_id: z.string(),
    init_code: z.string(),
    state: z.enum(SESSION_STATES),
    created_at: z.string(),
    init_code_expires_at: z.string(),
    ended_at: z.string().nullable(),
    /** The outcome sent by webhook, once sent. */
    result: z
      .object({
        result: z.enum(["Ok", "Err"]),
        code: z.number().int(),
        message: z.string(),
        sent_at: z.string(),
      })
      .nullable(),
    /** The webhook body, for partners who poll (null until sent, and after erasure). */
    webhook: z.record(z.string(), z.unknown()).nullable(),
  })
  .openapi("NfcSessionStatus");

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

export async function sessionStatus(services: NfcServices, view: SessionView, withWebhook: boolean) {
  let webhook: Record<string, unknown> | null = null;
  if (withWebhook && view.result && view.state !== "erased") {
    const bytes = await getDecrypted(services.env.UPLOADS, services.cipher, resultKey(view));
    webhook = bytes ? (JSON.parse(new TextDecoder().decode(bytes)) as Record<string, unknown>) : null;
  }
  return {
    session_id: view.id,
    init_code: view.initCode,
    state: view.state,
    created_at: iso(view.createdAt) as string,
    init_code_expires_at: iso(view.initCodeExpiresAt) as string,
    ended_at: iso(view.endedAt),
    result: view.result
      ? {
          result: view.result.result,
          code: view.result.code,
          message: view.result.message,
          sent_at: iso(view.result.sentAt) as string,
        }
      : null,
    webhook,
  };
}
