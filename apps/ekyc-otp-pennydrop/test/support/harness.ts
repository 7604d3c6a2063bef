import { env, exports } from "cloudflare:workers";
import { getAccounts } from "@edgekyc/accounts";
import { createTestPartner, freshClientAddress } from "@edgekyc/accounts/testing";
import { createLogger } from "@edgekyc/platform";
import type { EkycOtpPennydropSettings } from "@edgekyc/schemas";
import { app } from "../../src/app.ts";
import { ekycServices } from "../../src/services.ts";

export interface TestPartner {
  id: string;
  apiKey: string;
  merchantId: string;
  mode: "test" | "live";
}

export async function createPartner(name = "Acme", mode: "test" | "live" = "test"): Promise<TestPartner> {
  const { partner, credentials } = await createTestPartner({ name, mode });
  return { id: partner.id, apiKey: credentials.ndt.api_key, merchantId: credentials.ndt.merchant_id, mode };
}

export async function putSettings(
  partner: TestPartner,
  settings: Partial<EkycOtpPennydropSettings>,
): Promise<void> {
  const result = await (await getAccounts(env)).settings.put(partner.id, "ekyc-otp-pennydrop", settings);
  if (!result.ok) throw new Error(`settings refused: ${JSON.stringify(result.issues)}`);
}

export interface CallOptions {
  body?: unknown;
  rawBody?: string;
  headers?: Record<string, string>;
  /** Development bindings (the /dev routes exist only there). */
  development?: boolean;
}

/** A request to the app as the partner, through the Worker's own fetch handler. */
export function call(
  partner: TestPartner | null,
  method: string,
  path: string,
  options: CallOptions = {},
): Promise<Response> {
  const headers: Record<string, string> = {
    "cf-connecting-ip": freshClientAddress(),
    ...(partner ? { authorization: `Bearer ${partner.apiKey}`, "merchant-id": partner.merchantId } : {}),
    ...(options.body !== undefined || options.rawBody !== undefined
      ? { "content-type": "application/json" }
      : {}),
    ...options.headers,
  };
  const body = options.rawBody ?? (options.body === undefined ? undefined : JSON.stringify(options.body));
  const init = { method, headers, ...(body === undefined ? {} : { body }) };
  if (options.development) {
    return Promise.resolve(app.request(path, init, { ...env, ENVIRONMENT: "development" }));
  }
  return exports.default.fetch(`https://ekyc.test${path}`, init);
}

export const APPLICATION = {
  firstName: "Anna",
  lastName: "Smith",
  dateOfBirth: "1990-04-01",
  address: { buildingNumber: "10", street: "Downing Street", town: "London", postcode: "SW1A 2AA" },
  mobileNumber: "07400 123456",
  homeNumber: "020 7123 4567",
  email: "anna@example.org",
};

export async function registerApplication(
  partner: TestPartner,
  id: string,
  details: Record<string, unknown> = APPLICATION,
) {
  const res = await call(partner, "PUT", `/acquisition/v2/applications/${id}`, { body: details });
  if (res.status !== 201 && res.status !== 200)
    throw new Error(`register failed: ${res.status} ${await res.text()}`);
  return res;
}

async function services() {
  return ekycServices(env, createLogger({ app: "test" }));
}

/** The newest sandbox message to `to` (E.164 or email), as the customer would read it. */
export async function lastMessage(partner: TestPartner, to: string) {
  const [message] = await (await services()).sandboxOutbox(partner.id).list({ to, limit: 1 });
  if (!message) throw new Error(`no sandbox message to ${to}`);
  return message;
}

/** The code in a message body: the first run of 4-10 digits (voice transcripts spell them "1, 2, 3"). */
export function codeIn(body: string): string {
  const spoken = body.match(/(\d, ){3,9}\d/);
  if (spoken) return spoken[0].replaceAll(", ", "");
  const plain = body.match(/\b\d{4,10}\b/);
  if (!plain) throw new Error("no code in the message");
  return plain[0];
}

export type Json = Record<string, unknown> & { status: string };

export async function json(res: Response): Promise<Json> {
  return (await res.json()) as Json;
}
