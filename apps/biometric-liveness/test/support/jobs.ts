import { runDurableObjectAlarm } from "cloudflare:test";
import { env } from "cloudflare:workers";
import type { ReceiptQueueMessage, ResultEventInput } from "@edgekyc/schemas";
import { vi } from "vitest";

/** Fires the alarm of a process's or job's Durable Object (the asynchronous processing), as the runtime would. */
export async function runJob(kind: "process" | "job", id: string): Promise<boolean> {
  return runDurableObjectAlarm(env.JOBS.get(env.JOBS.idFromName(`${kind}:${id}`)));
}

/** Records what the app puts on the RESULTS queue. */
export function captureResults(): ResultEventInput[] {
  const sent: ResultEventInput[] = [];
  vi.spyOn(env.RESULTS, "send").mockImplementation(async (message: unknown) => {
    sent.push(message as ResultEventInput);
    return { metadata: { metrics: { backlogCount: 0, backlogBytes: 0 } } } as unknown as QueueSendResponse;
  });
  return sent;
}

/** Records what the app puts on the RECEIPTS queue (its consumer, apps/receipts, is another Worker). */
export function captureReceipts(): ReceiptQueueMessage[] {
  const sent: ReceiptQueueMessage[] = [];
  vi.spyOn(env.RECEIPTS, "send").mockImplementation(async (message: unknown) => {
    sent.push(message as ReceiptQueueMessage);
    return { metadata: { metrics: { backlogCount: 0, backlogBytes: 0 } } } as unknown as QueueSendResponse;
  });
  return sent;
}
