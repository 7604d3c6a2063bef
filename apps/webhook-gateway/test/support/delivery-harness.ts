import { env } from "cloudflare:workers";
import { Cipher, createLogger, newId } from "@edgekyc/platform";
import type { Capability, EventSource, Mode, ResultEvent } from "@edgekyc/schemas";
import { drizzle } from "drizzle-orm/d1";
import { CoalescedWrites } from "../../src/db/coalesced-writes.ts";
import * as schema from "../../src/db/schema.ts";
import type { ConsumerDeps } from "../../src/delivery/consumers.ts";
import type { EndpointDirectory } from "../../src/delivery/endpoint-directory.ts";
import { SlowLane } from "../../src/delivery/slow-lane.ts";
import type { PartnerEndpoints, ResolvedEndpoint } from "../../src/endpoints/endpoint-views.ts";

interface ReceivedRequest {
  url: string;
  headers: Record<string, string>;
  body: string;
}

type Reply = Response | "timeout" | "network-error";

/** A webhook receiver that answers from a script (default 200) and keeps what it received. */
class ScriptedReceiver {
  readonly received: ReceivedRequest[] = [];
  private readonly script: (() => Reply)[] = [];

  reply(...replies: (Reply | (() => Reply))[]): this {
    for (const reply of replies)
      this.script.push(typeof reply === "function" ? reply : () => reply.valueOf() as Reply);
    return this;
  }

  fetch: typeof fetch = async (input, init) => {
    const request = new Request(input, init);
    this.received.push({
      url: request.url,
      headers: Object.fromEntries(request.headers),
      body: await request.text(),
    });
    const reply = (this.script.shift() ?? (() => new Response("ok")))();
    if (reply === "network-error") throw new TypeError("connection refused");
    if (reply === "timeout") {
      // Never answers; only the caller's abort signal ends the wait.
      return new Promise<Response>((_, reject) => {
        init?.signal?.addEventListener("abort", () => reject(init.signal?.reason));
      });
    }
    return reply;
  };
}

/** Endpoints held in memory, so delivery can be tested apart from the accounts database. */
class MemoryEndpoints implements EndpointDirectory {
  readonly partners = new Set<string>();
  readonly endpoints = new Map<
    string,
    ResolvedEndpoint & { partnerId: string; mode: Mode; capability: Capability | null }
  >();

  addPartner(): string {
    const id = newId("ptn");
    this.partners.add(id);
    return id;
  }

  addEndpoint(
    partnerId: string,
    options: { url?: string; mode?: Mode; capability?: Capability | null; secrets?: string[] } = {},
  ): ResolvedEndpoint {
    const endpoint = {
      id: newId("whe"),
      partnerId,
      mode: options.mode ?? "test",
      capability: options.capability ?? null,
      url: options.url ?? "https://receiver.example.com/hooks",
      disabled: false,
      createdAt: new Date().toISOString(),
      updatedAt: new Date().toISOString(),
      secrets: options.secrets ?? [randomSecret()],
    } satisfies ResolvedEndpoint as ResolvedEndpoint;
    this.endpoints.set(endpoint.id, endpoint);
    return endpoint;
  }

  async resolve(partnerId: string, mode: Mode, capability: EventSource | null) {
    const mine = [...this.endpoints.values()].filter((e) => e.partnerId === partnerId && e.mode === mode);
    return mine.find((e) => e.capability === capability) ?? mine.find((e) => e.capability === null) ?? null;
  }

  async byId(partnerId: string, endpointId: string) {
    const endpoint = this.endpoints.get(endpointId);
    return endpoint && endpoint.partnerId === partnerId ? endpoint : null;
  }

  async disable(partnerId: string, endpointId: string, reason: string) {
    const endpoint = this.endpoints.get(endpointId);
    if (endpoint && endpoint.partnerId === partnerId) {
      endpoint.disabled = true;
      endpoint.disabledReason = reason;
    }
  }

  async partnerExists(partnerId: string) {
    return this.partners.has(partnerId);
  }

  async forPartners(partnerIds: readonly string[]) {
    const found = new Map<string, PartnerEndpoints>();
    for (const partnerId of partnerIds) {
      if (!this.partners.has(partnerId)) continue;
      found.set(partnerId, { resolve: (mode, capability) => this.resolve(partnerId, mode, capability) });
    }
    return found;
  }
}

export function randomSecret(): string {
  return `whsec_${btoa(String.fromCharCode(...crypto.getRandomValues(new Uint8Array(24))))}`;
}

/** A Queue that keeps what was sent to it. */
function recordingQueue() {
  const sent: { body: unknown; delaySeconds: number | undefined }[] = [];
  const queue = {
    async send(body: unknown, options?: QueueSendOptions) {
      sent.push({ body, delaySeconds: options?.delaySeconds });
    },
    async sendBatch(messages: Iterable<MessageSendRequest>) {
      for (const message of messages) sent.push({ body: message.body, delaySeconds: message.delaySeconds });
    },
  } as unknown as Queue;
  return { queue, sent };
}

export interface Harness {
  deps: ConsumerDeps;
  clock: { now: number };
  receiver: ScriptedReceiver;
  endpoints: MemoryEndpoints;
  deliveriesQueue: ReturnType<typeof recordingQueue>;
  deadLetterQueue: ReturnType<typeof recordingQueue>;
}

export async function deliveryHarness(
  options: { schedule?: number[]; timeoutMs?: number; environment?: string } = {},
): Promise<Harness> {
  // Starts at the real time: receivers check signature timestamps against their own clock.
  const clock = { now: Date.now() };
  const receiver = new ScriptedReceiver();
  const endpoints = new MemoryEndpoints();
  const deliveriesQueue = recordingQueue();
  const deadLetterQueue = recordingQueue();
  const db = drizzle(env.DB, { schema });
  const deps: ConsumerDeps = {
    db,
    writes: new CoalescedWrites(db),
    cipher: await Cipher.fromKeyRing(env.ENCRYPTION_KEYS),
    endpoints,
    uploads: env.UPLOADS,
    config: {
      schedule: options.schedule ?? [5, 300, 1800],
      timeoutMs: options.timeoutMs ?? 200,
      environment: options.environment ?? "production",
    },
    log: createLogger({ app: "webhook-gateway-test" }),
    now: () => clock.now,
    retentionMs: 30 * 86_400_000,
    fetcher: receiver.fetch,
    // No jitter: delays are exactly the schedule's.
    random: () => 0.5,
    slowLane: new SlowLane(),
    deliveriesQueue: deliveriesQueue.queue,
    deadLetterQueue: deadLetterQueue.queue,
    gatewayDb: env.DB,
  };
  return { deps, clock, receiver, endpoints, deliveriesQueue, deadLetterQueue };
}

export function resultEvent(partnerId: string, overrides: Partial<ResultEvent> = {}): ResultEvent {
  return {
    specVersion: "1",
    eventId: newId("sess"),
    partnerId,
    mode: "test",
    capability: "nfc-session",
    type: "nfc.session.completed",
    occurredAt: "2026-11-22T11:59:59.000Z",
    payload: {
      result: "Ok",
      code: 0,
      message: "",
      ref: "customer-42",
      data: { name: "ANNA MARIA ERIKSSON" },
    },
    signatures: [],
    ...overrides,
  } as ResultEvent;
}
