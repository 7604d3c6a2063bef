import { env } from "cloudflare:workers";
import { getAccounts } from "@edgekyc/accounts";
import { createTestPartner } from "@edgekyc/accounts/testing";
import {
  type PoaAdditionalStepsSettings,
  ReceiptQueueMessage,
  type ResultEvent,
  ResultEventEnvelope,
} from "@edgekyc/schemas";
import { app } from "../../src/app.ts";

/** Every envelope the app queued on RESULTS, validated as the gateway will validate it. */
export const sentResults: ResultEvent[] = [];
const recordingQueue = {
  async send(message: unknown) {
    sentResults.push(ResultEventEnvelope.parse(message));
  },
  async sendBatch(messages: { body: unknown }[]) {
    for (const m of messages) sentResults.push(ResultEventEnvelope.parse(m.body));
  },
} as unknown as Queue;

/** Every receipt request the app queued on RECEIPTS, validated as the receipts Worker will validate it. */
export const sentReceipts: ReceiptQueueMessage[] = [];
const recordingReceipts = {
  async send(message: unknown) {
    sentReceipts.push(ReceiptQueueMessage.parse(message));
  },
} as unknown as Queue;

let address = 0;
const ORIGIN = "https://poa.test";

export interface CallOptions {
  basic?: { user: string; password: string };
  bearer?: string;
  json?: unknown;
  body?: BodyInit;
  headers?: Record<string, string>;
  ip?: string;
  bindings?: Partial<Env>;
}

/** A request to the app with the test bindings (RESULTS and RECEIPTS recorded), from a fresh client address. */
export async function call(method: string, path: string, options: CallOptions = {}): Promise<Response> {
  address += 1;
  const headers: Record<string, string> = {
    "cf-connecting-ip": options.ip ?? `203.0.113.${address % 250}`,
    ...(options.json !== undefined ? { "content-type": "application/json" } : {}),
    ...(options.basic
      ? { authorization: `Basic ${btoa(`${options.basic.user}:${options.basic.password}`)}` }
      : {}),
    ...(options.bearer ? { authorization: `Bearer ${options.bearer}` } : {}),
    ...options.headers,
  };
  const body = options.json !== undefined ? JSON.stringify(options.json) : options.body;
  return app.request(
    `${ORIGIN}${path}`,
    { method, headers, ...(body !== undefined ? { body } : {}) },
    {
      ...env,
      RESULTS: recordingQueue,
      RECEIPTS: recordingReceipts,
      ...options.bindings,
    },
  );
}

export interface TestPartner {
  id: string;
  basic: { user: string; password: string };
  otherDialectKey: string;
}

/** A partner with test keys; `settings` become its poa-additional-steps settings. */
export async function createPartner(
  settings?: Partial<Record<keyof PoaAdditionalStepsSettings, unknown>>,
): Promise<TestPartner> {
  const created = await createTestPartner({ name: "Acme" });
  if (settings) {
    const accounts = await getAccounts(env);
    const result = await accounts.settings.put(created.partner.id, "poa-additional-steps", settings);
    if (!result.ok) throw new Error(`settings refused: ${JSON.stringify(result.issues)}`);
  }
  return {
    id: created.partner.id,
    basic: { user: created.credentials.idenfy.api_key, password: created.credentials.idenfy.api_secret },
    otherDialectKey: created.credentials.edgekyc.api_key,
  };
}

export async function createToken(
  partner: TestPartner,
  body: Record<string, unknown> = { clientId: "client-1" },
) {
  const res = await call("POST", "/api/v2/token", { basic: partner.basic, json: body });
  if (res.status !== 201) throw new Error(`token creation failed: ${res.status} ${await res.text()}`);
  return res.json<{ authToken: string; scanRef: string } & Record<string, unknown>>();
}

export async function createReviewer(partner: TestPartner, name = "Rita") {
  const res = await call("POST", "/api/v2/reviewers", { basic: partner.basic, json: { name } });
  if (res.status !== 201) throw new Error(`reviewer creation failed: ${res.status} ${await res.text()}`);
  return res.json<{ id: string; apiKey: string }>();
}
