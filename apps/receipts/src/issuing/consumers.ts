import { newId } from "@edgekyc/platform";
import { ReceiptContentError } from "@edgekyc/receipts";
import { ReceiptQueueMessage } from "@edgekyc/schemas";
import { deadLetters } from "../db/schema.ts";
import type { ReceiptsServices } from "../services.ts";
import { handleIssueRequest } from "./issue.ts";
import { handleRevokeRequest } from "./revoke.ts";

export const RECEIPTS_QUEUE = "kyc-receipts";
export const RECEIPTS_DEAD_LETTER_QUEUE = "kyc-receipts-dlq";

/** What this Worker itself puts on the dead-letter queue: the message and why it can never succeed. */
interface DeadLetterMessage {
  edgekycReceiptDeadLetter: true;
  reason: string;
  body: unknown;
}

function isDeadLetterMessage(body: unknown): body is DeadLetterMessage {
  return (body as Partial<DeadLetterMessage> | null)?.edgekycReceiptDeadLetter === true;
}

function describeIssues(error: { issues: { path: PropertyKey[]; message: string }[] }): string {
  const issues = error.issues
    .slice(0, 5)
    .map((issue) => `${issue.path.map(String).join(".") || "(message)"}: ${issue.message}`);
  return `invalid receipt request: ${issues.join("; ")}${error.issues.length > 5 ? ` (and ${error.issues.length - 5} more)` : ""}`;
}

/** Backoff for transient failures (D1, R2, queue): 10 s doubling, at most 10 minutes. */
function retryDelay(attempts: number): number {
  return Math.min(600, 10 * 2 ** Math.max(0, attempts - 1));
}

/**
 * kyc-receipts: one message at a time, each acknowledged on its own. A message that can never succeed
 * (malformed, or claims the receipt cannot carry) goes to the dead-letter queue with its reason at once;
 * anything else is retried with backoff, and after the queue's max_retries it lands there too.
 */
export async function consumeReceiptRequests(batch: MessageBatch, services: ReceiptsServices): Promise<void> {
  for (const message of batch.messages) {
    const parsed = ReceiptQueueMessage.safeParse(message.body);
    if (!parsed.success) {
      await deadLetter(message, describeIssues(parsed.error), services);
      continue;
    }
    const request = parsed.data;
    try {
      const outcome =
        request.kind === "issue"
          ? await handleIssueRequest(request, services)
          : `revoked ${await handleRevokeRequest(request, services)}`;
      services.log.info("receipt request handled", {
        kind: request.kind,
        capability: request.capability,
        subjectRef: request.subjectRef,
        outcome,
      });
      message.ack();
    } catch (error) {
      if (error instanceof ReceiptContentError) {
        await deadLetter(message, `the receipt cannot be issued: ${error.message}`, services);
        continue;
      }
      services.log.error("receipt request failed; retrying", {
        kind: request.kind,
        subjectRef: request.subjectRef,
        attempts: message.attempts,
        errorName: (error as Error)?.name ?? "unknown",
        error: (error as Error)?.message,
      });
      message.retry({ delaySeconds: retryDelay(message.attempts) });
    }
  }
}

async function deadLetter(message: Message, reason: string, services: ReceiptsServices): Promise<void> {
  try {
    const letter: DeadLetterMessage = { edgekycReceiptDeadLetter: true, reason, body: message.body };
    await services.deadLetters.send(letter);
    services.log.warn("receipt request dead-lettered", { messageId: message.id, reason });
    message.ack();
  } catch {
    message.retry({ delaySeconds: retryDelay(message.attempts) });
  }
}

/** kyc-receipts-dlq: records every dead letter with its reason (the body encrypted: claims are PII). */
export async function consumeDeadLetters(batch: MessageBatch, services: ReceiptsServices): Promise<void> {
  for (const message of batch.messages) {
    const letter = isDeadLetterMessage(message.body)
      ? message.body
      : {
          reason: `the kyc-receipts queue exhausted its retries for this message (${message.attempts} attempts on the dead-letter queue)`,
          body: message.body,
        };
    try {
      const id = newId("rdl");
      const subject = letter.body as { partnerId?: unknown; subjectRef?: unknown } | null;
      await services.db.insert(deadLetters).values({
        id,
        queue: RECEIPTS_QUEUE,
        reason: letter.reason.slice(0, 2000),
        partnerId: typeof subject?.partnerId === "string" ? subject.partnerId.slice(0, 64) : null,
        subjectRef: typeof subject?.subjectRef === "string" ? subject.subjectRef.slice(0, 128) : null,
        bodyCiphertext: await services.cipher.encryptText(
          JSON.stringify(letter.body) ?? "null",
          `dead_letters.body:${id}`,
        ),
        createdAt: services.now(),
      });
      message.ack();
    } catch (error) {
      services.log.error("receipt dead letter could not be stored", {
        messageId: message.id,
        error: (error as Error)?.message,
      });
      message.retry({ delaySeconds: retryDelay(message.attempts) });
    }
  }
}
