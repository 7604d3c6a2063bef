// Shared test plumbing: partners, requests through the Worker's own fetch handler (each from a fresh
// client address, so per-client limits stay per test), synthetic documents, and the RESULTS queue.
import { env, exports } from "cloudflare:workers";
import { createTestPartner } from "@edgekyc/accounts/testing";
import { createDocument, type DocumentFixture, type DocumentOptions } from "@edgekyc/emrtd/testing";
import type { ReceiptQueueMessage, ResultEvent } from "@edgekyc/schemas";
import { vi } from "vitest";
import { encryptChipUpload, ReaderAppClient, type SimulatedDocument } from "../../src/reader-app/index.ts";

let address = 0;

/**
 * A client address of its own per request, so per-client limits stay per test. IPv4: init-code guessing
 * is counted per IPv6 /64, and freshClientAddress() hands out addresses of one /64.
 */
function clientIp(): string {
  address += 1;
  return `198.51.${Math.floor(address / 250) % 250}.${(address % 250) + 1}`;
}

const ORIGIN = "https://nfc.test";

/** A fetch into the Worker, from one client address per call unless `ip` pins one. */
export function workerFetch(ip?: string) {
  return (url: string, init: RequestInit = {}) => {
    const headers = new Headers(init.headers);
    if (!headers.has("cf-connecting-ip")) headers.set("cf-connecting-ip", ip ?? clientIp());
    return exports.default.fetch(url.startsWith("http") ? url : `${ORIGIN}${url}`, { ...init, headers });
  };
}

export async function post(
  path: string,
  body: unknown,
  headers: Record<string, string> = {},
): Promise<Response> {
  return workerFetch()(path, {
    method: "POST",
    headers: { "content-type": "application/json", ...headers },
    body: typeof body === "string" ? body : JSON.stringify(body),
  });
}

export interface TestPartner {
  id: string;
  apiKey: string;
}

export async function createPartner(name = "Acme", mode: "test" | "live" = "test"): Promise<TestPartner> {
  const created = await createTestPartner({ name, mode });
  return { id: created.partner.id, apiKey: created.credentials.machinesense.api_key };
}

export async function sessionInit(
  partner: TestPartner,
  extra: Record<string, unknown> = {},
): Promise<string> {
  const res = await post("/nfc/v1/session_init", { api_key: partner.apiKey, method: "enroll", ...extra });
  const json = await res.json<{ result: string; data: { init_code: string } }>();
  if (res.status !== 200) throw new Error(`session_init: ${res.status} ${JSON.stringify(json)}`);
  return json.data.init_code;
}

export function readerApp(ip?: string): ReaderAppClient {
  return new ReaderAppClient(ORIGIN, workerFetch(ip));
}

/** A synthetic document whose CSCA is in the trust store (imported through the admin API). */
export async function trustedDocument(
  options: DocumentOptions = {},
): Promise<SimulatedDocument & { fixture: Awaited<ReturnType<typeof createDocument>> }> {
  const fixture = await createDocument({ algorithm: "ecdsa-p256-sha256", ...options });
  await importTrust("certificates", fixture.csca.der);
  return { fixture, ...simulated(fixture) };
}

/** A fixture-factory document as the reader app sees it: files, the MRZ to scan, a chip that answers. */
export function simulated(fixture: DocumentFixture): SimulatedDocument {
  const aa = fixture.activeAuthentication;
  return {
    files: fixture.files,
    mrz: fixture.mrz,
    ...(aa ? { answerChallenge: (c: Uint8Array) => aa.answer(c) } : {}),
  };
}

export const ADMIN = { authorization: `Bearer ${"test-admin-token-0123456789"}` };

export async function importTrust(collection: string, der: Uint8Array): Promise<Response> {
  const res = await post(
    `/nfc/admin/v1/trust/${collection}`,
    { file: btoa(String.fromCharCode(...der)) },
    ADMIN,
  );
  if (res.status !== 201) throw new Error(`trust import: ${res.status} ${await res.text()}`);
  return res;
}

/**
 * A stand-in face image: JPEG markers around seeded bytes. The light face engine takes identical bytes
 * for the same face, so a selfie equal to the chip portrait "matches".
 */
export function fakeFace(seed: number, size = 300): Uint8Array {
  const bytes = new Uint8Array(size);
  bytes.set([0xff, 0xd8, 0xff, 0xe0]);
  for (let i = 4; i < size - 2; i++) bytes[i] = (seed * 31 + i * 7) & 0xff;
  bytes.set([0xff, 0xd9], size - 2);
  return bytes;
}

/** Redeems, consents (with the document's MRZ unless `mrz` is given) and takes a challenge. */
export async function readyForChip(
  partner: TestPartner,
  document: SimulatedDocument,
  options: { mrz?: string; init?: Record<string, unknown> } = {},
) {
  const initCode = await sessionInit(partner, options.init);
  const app = readerApp();
  const redeemed = await app.redeem(initCode);
  if (redeemed.result !== "Ok") throw new Error(`redeem: ${JSON.stringify(redeemed)}`);
  const consent = await app.consent({ mrz: options.mrz ?? document.mrz });
  if (consent.result !== "Ok") throw new Error(`consent: ${JSON.stringify(consent)}`);
  const challenge = await app.challenge();
  if (challenge.result !== "Ok") throw new Error(`challenge: ${JSON.stringify(challenge)}`);
  const [key] = await app.keys();
  return { initCode, app, challenge: challenge.data, key: key as NonNullable<typeof key> };
}

/** The chip upload of `document` for the challenge, answered by the chip (or with `aaSignature`). */
export async function chipJwe(
  ready: Awaited<ReturnType<typeof readyForChip>>,
  document: SimulatedDocument,
  overrides: { aaSignature?: Uint8Array; sessionId?: string; challenge?: string } = {},
): Promise<string> {
  const challenge = overrides.challenge ?? ready.challenge.challenge;
  const aaSignature =
    overrides.aaSignature ??
    (document.answerChallenge
      ? await document.answerChallenge(Uint8Array.from(atob(challenge), (c) => c.charCodeAt(0)))
      : undefined);
  return encryptChipUpload({
    key: ready.key,
    sessionId: overrides.sessionId ?? ready.challenge.session_id,
    files: document.files,
    challenge,
    ...(aaSignature ? { aaSignature } : {}),
  });
}

/** Records what is sent to RESULTS (the queue's consumer, webhook-gateway, is not part of this Worker). */
export function captureResults(): ResultEvent[] {
  const sent: ResultEvent[] = [];
  vi.spyOn(env.RESULTS, "send").mockImplementation(async (message) => {
    sent.push(message as ResultEvent);
    return undefined as never;
  });
  return sent;
}

/** Records what is sent to RECEIPTS (its consumer, apps/receipts, is not part of this Worker). */
export function captureReceipts(): ReceiptQueueMessage[] {
  const sent: ReceiptQueueMessage[] = [];
  vi.spyOn(env.RECEIPTS, "send").mockImplementation(async (message) => {
    sent.push(message as ReceiptQueueMessage);
    return undefined as never;
  });
  return sent;
}
