import { createExecutionContext, createMessageBatch, getQueueResult } from "cloudflare:test";
import { env, exports } from "cloudflare:workers";
import { presentCredentials, type TestPartner } from "@edgekyc/accounts/testing";
import { createLogger } from "@edgekyc/platform";
import { independentVerifier as independentVerifierOf } from "@edgekyc/receipts/testing";
import type { ReceiptQueueMessageInput, ResultEvent } from "@edgekyc/schemas";
import type { SDJwtVcInstance } from "@sd-jwt/sd-jwt-vc";
import type { JWK } from "jose";
import { consumeDeadLetters, consumeReceiptRequests } from "../../src/issuing/consumers.ts";
import { type ReceiptsServices, receiptsServices } from "../../src/services.ts";

export const ORIGIN = "https://kyc.test";

/** A Queue that records what was sent (the gateway and the dead-letter queue are not under test here). */
class RecordingQueue {
  sent: unknown[] = [];
  async send(body: unknown): Promise<void> {
    this.sent.push(structuredClone(body));
  }
  async sendBatch(messages: Iterable<{ body: unknown }>): Promise<void> {
    for (const message of messages) this.sent.push(structuredClone(message.body));
  }
}

export interface Harness {
  services: ReceiptsServices;
  results: RecordingQueue;
  deadLetters: RecordingQueue;
  /** Runs one kyc-receipts batch through the consumer; returns the queue's verdict per message. */
  deliver(bodies: unknown[], attempts?: number): Promise<Awaited<ReturnType<typeof getQueueResult>>>;
  /** Runs the dead-letter consumer on what the receipts consumer dead-lettered. */
  drainDeadLetters(): Promise<void>;
  issuedEvents(): ResultEvent[];
}

export async function harness(): Promise<Harness> {
  const results = new RecordingQueue();
  const deadLetters = new RecordingQueue();
  const services = {
    ...(await receiptsServices(env as Env, createLogger({ app: "receipts-test" }))),
    results: results as unknown as Queue,
    deadLetters: deadLetters as unknown as Queue,
  };
  let batchNo = 0;
  const run = async (queue: string, bodies: unknown[], attempts: number) => {
    batchNo += 1;
    const batch = createMessageBatch(
      queue,
      bodies.map((body, i) => ({ id: `m${batchNo}-${i}`, timestamp: new Date(), attempts, body })),
    );
    const ctx = createExecutionContext();
    await (queue === "kyc-receipts" ? consumeReceiptRequests : consumeDeadLetters)(batch, services);
    return getQueueResult(batch, ctx);
  };
  return {
    services,
    results,
    deadLetters,
    deliver: (bodies, attempts = 1) => run("kyc-receipts", bodies, attempts),
    drainDeadLetters: async () => {
      const letters = deadLetters.sent.splice(0);
      if (letters.length > 0) await run("kyc-receipts-dlq", letters, 1);
    },
    issuedEvents: () => results.sent as ResultEvent[],
  };
}

let subjectNo = 0;
export function issueRequest(
  partnerId: string,
  overrides: Partial<Extract<ReceiptQueueMessageInput, { kind: "issue" }>> = {},
): Extract<ReceiptQueueMessageInput, { kind: "issue" }> {
  subjectNo += 1;
  return {
    kind: "issue",
    specVersion: "1",
    partnerId,
    capability: "nfc-session",
    subjectRef: `nfc_test${subjectNo}_${crypto.randomUUID().slice(0, 8)}`,
    mode: "test",
    partnerReference: "order-42",
    method: "nfc.chip.passive_active",
    outcome: "passed",
    verifiedAt: "2026-12-01T10:00:00Z",
    assurance: {
      level: "high",
      summary: "Chip data signed by the issuing state; active authentication passed.",
    },
    claims: { checks: { passive_authentication: "passed", active_authentication: "passed" } },
    disclosable: { given_name: "ANNA", family_name: "DE VRIES", age_over_18: true, issuing_state: "NLD" },
    ...overrides,
  };
}

/** A request to the receipts Worker as deployed (through its fetch handler). */
export function call(path: string, init: RequestInit = {}): Promise<Response> {
  return exports.default.fetch(new Request(`${ORIGIN}${path}`, init));
}

export async function partnerHeaders(partner: TestPartner): Promise<Record<string, string>> {
  return (await presentCredentials("edgekyc", partner.credentials)).headers;
}

/**
 * @sd-jwt/sd-jwt-vc set up from what the Worker publishes (issuer metadata, status lists over HTTP) and
 * WebCrypto only: it shares no code with the issuing path.
 */
export async function independentVerifier(): Promise<SDJwtVcInstance> {
  const metadata = (await (await call("/.well-known/jwt-vc-issuer/receipts")).json()) as {
    jwks: { keys: JWK[] };
  };
  return independentVerifierOf(metadata.jwks, async (uri) => {
    const res = await call(new URL(uri).pathname);
    if (res.status !== 200) throw new Error(`status list ${uri}: ${res.status}`);
    return new TextDecoder().decode(await res.arrayBuffer());
  });
}

/** Issues a receipt through the queue and fetches it as the partner would. */
export async function issueAndFetch(
  h: Harness,
  partner: TestPartner,
  overrides: Parameters<typeof issueRequest>[1] = {},
): Promise<{ receiptId: string; sdJwt: string; event: ResultEvent }> {
  const request = issueRequest(partner.partner.id, overrides);
  await h.deliver([request]);
  const event = h
    .issuedEvents()
    .find((e) => (e.payload as { subjectRef?: string }).subjectRef === request.subjectRef) as ResultEvent;
  const receiptId = (event.payload as { receiptId: string }).receiptId;
  const res = await call(`/receipts/v1/receipts/${receiptId}`, { headers: await partnerHeaders(partner) });
  if (res.status !== 200) throw new Error(`fetch ${receiptId}: ${res.status} ${await res.text()}`);
  return { receiptId, sdJwt: ((await res.json()) as { sdJwt: string }).sdJwt, event };
}
