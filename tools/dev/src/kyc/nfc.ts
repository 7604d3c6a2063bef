// `npm run kyc -- nfc simulate …`: plays the MachineSense reader app against any EdgeKYC origin. It starts
// a session with a partner's MachineSense key, redeems the init code, consents with the MRZ, takes the
// Active Authentication challenge, uploads the chip data as a JWE, sends the selfie frames, confirms the
// webhook and prints what the partner's webhook received and what the app shows at the end.
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { isAbsolute, join, resolve } from "node:path";
import { parseArgs } from "node:util";
import { parseDg1 } from "@edgekyc/emrtd";
import { createDocument, type FixtureAlgorithm, type Variant } from "@edgekyc/emrtd/testing";
import {
  ReaderAppClient,
  type SimulatedDocument,
  type SimulationStep,
  simulateReaderApp,
} from "@edgekyc/nfc-session/reader-app";
import { repoRoot } from "../apps.ts";

const HELP = `npm run kyc -- nfc simulate [options]

Plays the reader app: session_init → redeem → consent (MRZ) → AA challenge → JWE chip upload → selfie →
webhook_confirmation, then prints the webhook the partner received and the app's final screen.

document (one of)
  --variant <v>         a synthetic document from the fixture factory (default valid): valid, tampered-dg,
                        tampered-signature, unlisted-dg, expired, revoked, wrong-anchor; its CSCA (and, for
                        revoked, its CRL) is imported into the trust store with the admin token first
  --document <dir>      EF_COM.bin, DG1.bin, DG2.bin, …, EF_SOD.bin read from a chip (no Active
                        Authentication: a file cannot answer a challenge)
  --algorithm <alg>     fixture signature algorithm (default ecdsa-p256-sha256)
  --portrait <file>     JPEG / JPEG 2000 put into the synthetic document's DG2
faces
  --selfie <file>       the selfie (default: the portrait, or the placeholder face)
  --frames <file,…>     liveness frames (default: the selfie, as many as the session asks for)
session_init
  --send-scan <list>    selfie,docface
  --ref <text>          sent back in the webhook
  --liveness <n>        options.num_images_liveness
  --webhook <url>       options.webhook (the session's own webhook URL)
  --redirect <url>      options.redirect_URL
  --confirm OK|ERR|none webhook_confirmation to send once the result is there (default OK)
connection
  --url <origin>        default $EDGEKYC_URL, else http://127.0.0.1:8787
  --api-key <key>       MachineSense api_key (ms_…); default $EDGEKYC_MS_API_KEY, else the local demo partner's
  --admin-token <t>     nfc-session admin token; default $EDGEKYC_ADMIN_TOKEN, else the local dev token
  --sink <name>         also wait for the delivery at /dev/sink/<name> (default demo with the demo partner)
  --json                print one JSON report`;

export interface SimulateOptions {
  url: string;
  apiKey: string;
  adminToken?: string | undefined;
  variant?: Variant;
  algorithm?: FixtureAlgorithm;
  documentDir?: string | undefined;
  portrait?: Uint8Array | undefined;
  selfie?: Uint8Array | undefined;
  frames?: Uint8Array[] | undefined;
  sendScan?: string[];
  ref?: string;
  liveness?: number | undefined;
  webhook?: string | undefined;
  redirect?: string | undefined;
  confirm?: "OK" | "ERR" | "none";
  sink?: string | undefined;
  log?: (line: string) => void;
  timeoutMs?: number;
}

export interface SimulationReport {
  initCode: string;
  steps: SimulationStep[];
  /** The webhook body as session_status reports it (what was sent). */
  webhook: Record<string, unknown> | null;
  /** What the dev sink received (headers and body), when asked to wait for it. */
  delivery: { headers: Record<string, string>; body: unknown } | null;
  confirmation: Record<string, unknown> | null;
  app: Record<string, unknown> | null;
}

/** A small face-like JPEG stand-in: JPEG markers around a fixed pattern (no real face in it). */
function placeholderFace(): Uint8Array {
  const bytes = new Uint8Array(512);
  bytes.set([0xff, 0xd8, 0xff, 0xe0]);
  for (let i = 4; i < 510; i++) bytes[i] = (i * 37) & 0xff;
  bytes.set([0xff, 0xd9], 510);
  return bytes;
}

async function json(
  url: string,
  init: RequestInit = {},
): Promise<{ status: number; body: Record<string, unknown> }> {
  const res = await fetch(url, init);
  const text = await res.text();
  try {
    return { status: res.status, body: JSON.parse(text) };
  } catch {
    throw new Error(`${init.method ?? "GET"} ${url}: HTTP ${res.status}, not JSON: ${text.slice(0, 200)}`);
  }
}

const post = (url: string, body: unknown, headers: Record<string, string> = {}) =>
  json(url, {
    method: "POST",
    headers: { "content-type": "application/json", ...headers },
    body: JSON.stringify(body),
  });

const toB64 = (bytes: Uint8Array) => Buffer.from(bytes).toString("base64");

async function documentFor(
  options: SimulateOptions,
  log: (line: string) => void,
): Promise<SimulatedDocument> {
  if (options.documentDir) {
    const files: Record<string, Uint8Array> = {};
    for (const name of readdirSync(options.documentDir)) {
      if (/^(EF_COM|EF_SOD|DG\d{1,2})\.bin$/i.test(name))
        files[name] = new Uint8Array(readFileSync(join(options.documentDir, name)));
    }
    const dg1 = files["DG1.bin"];
    if (!dg1 || !files["EF_SOD.bin"])
      throw new Error(`${options.documentDir}: needs at least DG1.bin and EF_SOD.bin`);
    log(`document  ${Object.keys(files).sort().join(" ")} from ${options.documentDir}`);
    return { files, mrz: parseDg1(dg1).lines.join("\n") };
  }
  const variant = options.variant ?? "valid";
  const fixture = await createDocument({
    algorithm: options.algorithm ?? "ecdsa-p256-sha256",
    variant,
    ...(options.portrait ? { faceImage: options.portrait } : { faceImage: placeholderFace() }),
  });
  log(
    `document  synthetic ${variant} (${options.algorithm ?? "ecdsa-p256-sha256"}), CSCA ${fixture.csca.country}`,
  );
  if (!options.adminToken) throw new Error("importing the synthetic document's CSCA needs --admin-token");
  const admin = { authorization: `Bearer ${options.adminToken}` };
  const trust = [
    ["certificates", fixture.csca.der],
    ...(variant === "revoked" ? [["crls", fixture.crl] as const] : []),
  ] as const;
  for (const [collection, der] of trust) {
    const imported = await post(
      `${options.url}/nfc/admin/v1/trust/${collection}`,
      { file: toB64(der), label: "nfc simulate" },
      admin,
    );
    if (imported.status !== 201)
      throw new Error(
        `trust import (${collection}): HTTP ${imported.status} ${JSON.stringify(imported.body)}`,
      );
  }
  const aa = fixture.activeAuthentication;
  return {
    files: fixture.files,
    mrz: fixture.mrz,
    ...(aa ? { answerChallenge: (c: Uint8Array) => aa.answer(c) } : {}),
  };
}

async function waitFor<T>(what: string, timeoutMs: number, probe: () => Promise<T | undefined>): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const value = await probe();
    if (value !== undefined) return value;
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`timed out waiting for ${what}`);
}

/** The whole flow; throws only when the server cannot be used at all (refusals are in the report). */
export async function simulate(options: SimulateOptions): Promise<SimulationReport> {
  const log = options.log ?? (() => {});
  const timeoutMs = options.timeoutMs ?? 30_000;
  const document = await documentFor(options, log);
  const init = await post(`${options.url}/nfc/v1/session_init`, {
    api_key: options.apiKey,
    method: "enroll",
    ...(options.ref ? { ref: options.ref } : {}),
    ...(options.sendScan ? { send_scan: options.sendScan } : {}),
    options: {
      ...(options.liveness ? { num_images_liveness: options.liveness } : {}),
      ...(options.webhook ? { webhook: options.webhook } : {}),
      ...(options.redirect ? { redirect_URL: options.redirect } : {}),
    },
  });
  if (init.status !== 200) throw new Error(`session_init: HTTP ${init.status} ${JSON.stringify(init.body)}`);
  const initCode = (init.body.data as { init_code: string }).init_code;
  log(`session   init code ${initCode}`);
  const selfie = options.selfie ?? options.portrait ?? placeholderFace();
  const app = new ReaderAppClient(options.url);
  const steps = await simulateReaderApp(app, initCode, document, { selfie, frames: options.frames ?? [] });
  for (const step of steps)
    log(
      `app       ${step.step.padEnd(9)} ${step.status} ${step.result}${step.message ? ` ${step.code} ${step.message}` : ""}`,
    );

  const sessionRef = { api_key: options.apiKey, init_code: initCode };
  let webhook: Record<string, unknown> | null = null;
  let sessionId = "";
  if (steps.some((s) => s.step === "chip")) {
    webhook = await waitFor("the result", timeoutMs, async () => {
      const status = await post(`${options.url}/nfc/v1/session_status`, sessionRef);
      const data = status.body.data as
        | { session_id: string; webhook: Record<string, unknown> | null }
        | undefined;
      sessionId = data?.session_id ?? "";
      return data?.webhook ?? undefined;
    });
  }
  let delivery: SimulationReport["delivery"] = null;
  if (webhook && options.sink) {
    delivery = await waitFor(`the delivery at /dev/sink/${options.sink}`, timeoutMs, async () => {
      const sink = await json(`${options.url}/dev/sink/${options.sink}`);
      const messages =
        (sink.body.data as { body: string; headers: Record<string, string> }[] | undefined) ?? [];
      // One delivery per session: its Standard Webhooks id is the session's result event id.
      const found = messages.find((m) => m.headers["webhook-id"] === `${sessionId}.result`);
      return found ? { headers: found.headers, body: JSON.parse(found.body) } : undefined;
    });
  }
  let confirmation: Record<string, unknown> | null = null;
  let finalScreen: Record<string, unknown> | null = null;
  if (webhook && options.confirm !== "none") {
    const confirmed = await post(`${options.url}/nfc/v1/webhook_confirmation`, {
      ...sessionRef,
      recv: options.confirm ?? "OK",
    });
    confirmation = confirmed.body;
    log(
      `partner   webhook_confirmation ${options.confirm ?? "OK"}: ${confirmed.status} ${confirmed.body.result}`,
    );
  }
  if (app.token) finalScreen = (await app.status()).data;
  return { initCode, steps, webhook, delivery, confirmation, app: finalScreen };
}

function demoKey(): string | undefined {
  const file = join(repoRoot, ".wrangler/state/demo-partner.json");
  if (!existsSync(file)) return undefined;
  return JSON.parse(readFileSync(file, "utf8"))?.credentials?.machinesense?.api_key;
}

function localAdminToken(): string | undefined {
  for (const app of ["nfc-session", "webhook-gateway"]) {
    const file = join(repoRoot, `apps/${app}/.dev.vars`);
    if (!existsSync(file)) continue;
    const value = /^ADMIN_TOKEN=(.*)$/m.exec(readFileSync(file, "utf8"))?.[1]?.trim();
    if (value) return value.replace(/^(["'])(.*)\1$/, "$2");
  }
  return undefined;
}

function readUserFile(path: string): Uint8Array {
  const base = process.env.EDGEKYC_CALLER_CWD ?? process.env.INIT_CWD ?? process.cwd();
  const full = isAbsolute(path) ? path : resolve(base, path);
  if (!existsSync(full)) throw new Error(`no file ${full}`);
  return new Uint8Array(readFileSync(full));
}

export async function run(args: string[]): Promise<number> {
  const [command, ...rest] = args;
  if (command !== "simulate") {
    console.log(HELP);
    return command === "help" || command === undefined || command === "--help" ? 0 : 2;
  }
  let values: Record<string, string | boolean | undefined>;
  try {
    values = parseArgs({
      args: rest,
      options: Object.fromEntries(
        [
          "url",
          "api-key",
          "admin-token",
          "variant",
          "algorithm",
          "document",
          "portrait",
          "selfie",
          "frames",
          "send-scan",
          "ref",
          "liveness",
          "webhook",
          "redirect",
          "confirm",
          "sink",
        ]
          .map((name) => [name, { type: "string" as const }])
          .concat([["json", { type: "boolean" as const }]] as never),
      ),
    }).values as Record<string, string | boolean | undefined>;
  } catch (error) {
    console.error(`${(error as Error).message}\n\n${HELP}`);
    return 2;
  }
  const str = (name: string) => values[name] as string | undefined;
  const url = (str("url") ?? process.env.EDGEKYC_URL ?? "http://127.0.0.1:8787").replace(/\/$/, "");
  const isLocal = /^https?:\/\/(127\.0\.0\.1|localhost)(:\d+)?$/.test(url);
  const apiKey = str("api-key") ?? process.env.EDGEKYC_MS_API_KEY ?? (isLocal ? demoKey() : undefined);
  if (!apiKey) {
    console.error(
      "no MachineSense api_key: pass --api-key (or start the local platform, whose demo partner is used)",
    );
    return 2;
  }
  const confirm = (str("confirm") ?? "OK").toUpperCase();
  if (!["OK", "ERR", "NONE"].includes(confirm)) {
    console.error("--confirm must be OK, ERR or none");
    return 2;
  }
  const asJson = values.json === true;
  try {
    const report = await simulate({
      url,
      apiKey,
      adminToken:
        str("admin-token") ?? process.env.EDGEKYC_ADMIN_TOKEN ?? (isLocal ? localAdminToken() : undefined),
      ...(str("variant") ? { variant: str("variant") as Variant } : {}),
      ...(str("algorithm") ? { algorithm: str("algorithm") as FixtureAlgorithm } : {}),
      documentDir: str("document")
        ? resolve(
            process.env.EDGEKYC_CALLER_CWD ?? process.env.INIT_CWD ?? process.cwd(),
            str("document") as string,
          )
        : undefined,
      portrait: str("portrait") ? readUserFile(str("portrait") as string) : undefined,
      selfie: str("selfie") ? readUserFile(str("selfie") as string) : undefined,
      frames: str("frames") ? (str("frames") as string).split(",").map(readUserFile) : undefined,
      ...(str("send-scan") ? { sendScan: (str("send-scan") as string).split(",") } : {}),
      ...(str("ref") ? { ref: str("ref") as string } : {}),
      liveness: str("liveness") ? Number(str("liveness")) : undefined,
      webhook: str("webhook"),
      redirect: str("redirect"),
      confirm: confirm === "NONE" ? "none" : (confirm as "OK" | "ERR"),
      sink: str("sink") ?? (isLocal && !str("api-key") && !str("webhook") ? "demo" : undefined),
      log: asJson ? () => {} : (line) => console.log(line),
    });
    if (asJson) console.log(JSON.stringify(report));
    else {
      console.log(`\nwebhook (${report.delivery ? "as delivered to the sink" : "as sent"}):`);
      console.log(JSON.stringify(shorten(report.delivery?.body ?? report.webhook), null, 2));
      console.log(
        `\napp shows: ${report.app?.redirect_url ? `redirect to ${report.app.redirect_url}` : (report.app?.message ?? "(nothing yet)")}`,
      );
    }
    return report.steps.every((step) => step.result === "Ok") ? 0 : 1;
  } catch (error) {
    console.error(`nfc simulate: ${(error as Error).message}`);
    return 1;
  }
}

/** Long base64 images and vectors cut for the terminal. */
function shorten(value: unknown): unknown {
  if (typeof value === "string" && value.length > 120)
    return `${value.slice(0, 60)}… (${value.length} chars)`;
  if (Array.isArray(value))
    return value.length > 12
      ? [...value.slice(0, 6).map(shorten), `… (${value.length} items)`]
      : value.map(shorten);
  if (value && typeof value === "object")
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, shorten(v)]));
  return value;
}
