// A client of the reader-app API, as the MachineSense app would use it, and the whole flow in one call.
// Runs in Node (the `npm run kyc -- nfc simulate` command) and in workerd (tests).
import type { JWK } from "jose";
import {
  type ChipFiles,
  encryptChipUpload,
  fromBase64,
  normaliseFileNames,
  toBase64,
} from "./chip-upload.ts";

export type Fetcher = (url: string, init?: RequestInit) => Promise<Response>;

export interface MsAnswer<T = Record<string, unknown>> {
  status: number;
  result: "Ok" | "Err";
  code: number;
  message: string;
  data: T;
}

// No parameter properties in this folder: Node runs it with type stripping (the simulator CLI).
export class ReaderAppClient {
  token: string | null = null;
  private readonly origin: string;
  private readonly fetcher: Fetcher;

  constructor(origin: string, fetcher: Fetcher = (url, init) => fetch(url, init)) {
    this.origin = origin;
    this.fetcher = fetcher;
  }

  private async call<T>(
    method: string,
    path: string,
    body?: unknown,
    contentType = "application/json",
  ): Promise<MsAnswer<T>> {
    const headers: Record<string, string> = {};
    if (this.token) headers.authorization = `Bearer ${this.token}`;
    if (body !== undefined) headers["content-type"] = contentType;
    const res = await this.fetcher(`${this.origin}${path}`, {
      method,
      headers,
      ...(body === undefined ? {} : { body: typeof body === "string" ? body : JSON.stringify(body) }),
    });
    const text = await res.text();
    let json: Omit<MsAnswer<T>, "status">;
    try {
      json = JSON.parse(text);
    } catch {
      throw new Error(`${method} ${path}: HTTP ${res.status}, not JSON: ${text.slice(0, 200)}`);
    }
    return { status: res.status, ...json };
  }

  async keys(): Promise<(JWK & { kid: string })[]> {
    const res = await this.fetcher(`${this.origin}/nfc/v1/app/keys`);
    return ((await res.json()) as { keys: (JWK & { kid: string })[] }).keys;
  }

  async redeem(initCode: string) {
    const answer = await this.call<{ session_token: string; session: Record<string, unknown> }>(
      "POST",
      "/nfc/v1/app/redeem",
      {
        init_code: initCode,
      },
    );
    if (answer.result === "Ok") this.token = answer.data.session_token;
    return answer;
  }

  status() {
    return this.call<Record<string, unknown>>("GET", "/nfc/v1/app/status");
  }

  consent(body: { mrz: string } | Record<string, string>) {
    return this.call("POST", "/nfc/v1/app/consent", body);
  }

  challenge() {
    return this.call<{ challenge: string; session_id: string; jwe: { kid: string } }>(
      "POST",
      "/nfc/v1/app/challenge",
    );
  }

  uploadChip(jwe: string) {
    return this.call("POST", "/nfc/v1/app/chip", jwe, "application/jose");
  }

  selfie(selfie: Uint8Array, frames: Uint8Array[]) {
    return this.call("POST", "/nfc/v1/app/selfie", {
      selfie: toBase64(selfie),
      liveness_frames: frames.map(toBase64),
    });
  }
}

export interface SimulatedDocument {
  files: ChipFiles;
  /** The MRZ the user scans for consent (line breaks optional). */
  mrz: string;
  /** The chip's INTERNAL AUTHENTICATE; absent for chips without Active Authentication. */
  answerChallenge?: (challenge: Uint8Array) => Promise<Uint8Array>;
}

export interface SimulationStep {
  step: string;
  status: number;
  result: string;
  code: number;
  message: string;
}

/**
 * Drives the reader-app flow for an init code: redeem, consent (MRZ), challenge, chip read (the chip
 * answers the challenge), JWE upload, selfie. Stops at the first refusal. Returns each step's answer.
 */
export async function simulateReaderApp(
  client: ReaderAppClient,
  initCode: string,
  document: SimulatedDocument,
  face: { selfie: Uint8Array; frames: Uint8Array[] },
): Promise<SimulationStep[]> {
  const steps: SimulationStep[] = [];
  const record = (step: string, answer: MsAnswer<unknown>) => {
    steps.push({
      step,
      status: answer.status,
      result: answer.result,
      code: answer.code,
      message: answer.message,
    });
    return answer.result === "Ok";
  };
  const redeemed = await client.redeem(initCode);
  if (!record("redeem", redeemed)) return steps;
  const frames = Number(redeemed.data.session.num_images_liveness ?? 1);
  if (!record("consent", await client.consent({ mrz: document.mrz }))) return steps;
  const challenge = await client.challenge();
  if (!record("challenge", challenge)) return steps;
  const key = (await client.keys()).find((k) => k.kid === challenge.data.jwe.kid);
  if (!key) throw new Error(`the server's key ${challenge.data.jwe.kid} is not in its JWKS`);
  const files = normaliseFileNames(document.files);
  const aaSignature =
    files.DG15 && document.answerChallenge
      ? await document.answerChallenge(fromBase64(challenge.data.challenge))
      : undefined;
  const jwe = await encryptChipUpload({
    key,
    sessionId: challenge.data.session_id,
    files,
    challenge: challenge.data.challenge,
    ...(aaSignature ? { aaSignature } : {}),
  });
  if (!record("chip", await client.uploadChip(jwe))) return steps;
  const liveness = Array.from(
    { length: frames },
    (_, i) => face.frames[i % Math.max(face.frames.length, 1)] ?? face.selfie,
  );
  record("selfie", await client.selfie(face.selfie, liveness));
  return steps;
}
