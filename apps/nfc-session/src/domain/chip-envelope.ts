// The chip upload travels as a compact JWE (RFC 7516) encrypted by the reader app to this server's
// published P-256 key: ECDH-ES key agreement, AES-GCM content encryption. This is the "custom PKI on top of
// HTTPS" of the vendor document: chip data stays opaque to anything that terminates TLS in front of us.
// Keys rotate by kid: NFC_JWE_KEYS lists private JWKs, newest first; every listed key decrypts, the first
// is the one the app is told to use.
import { base64url, compactDecrypt, importJWK, type JWK } from "jose";
import { z } from "zod";
import { NfcError } from "./outcomes.ts";

export const JWE_KEY_ALGORITHM = "ECDH-ES" as const;
export const JWE_CONTENT_ALGORITHMS = ["A256GCM", "A128GCM"] as const;

const PrivateJwk = z.looseObject({
  kty: z.literal("EC"),
  crv: z.literal("P-256"),
  x: z.string().min(1),
  y: z.string().min(1),
  d: z.string().min(1),
  kid: z.string().regex(/^[A-Za-z0-9_.:-]{1,64}$/, "kid must be 1-64 of A-Z a-z 0-9 _ . : -"),
});
export const JweKeyRingSpec = z
  .string()
  .transform((text, ctx) => {
    try {
      return JSON.parse(text) as unknown;
    } catch {
      ctx.addIssue({ code: "custom", message: "must be a JSON array of private P-256 JWKs" });
      return z.NEVER;
    }
  })
  .pipe(
    z
      .array(PrivateJwk)
      .min(1, "must hold at least one key")
      .refine((keys) => new Set(keys.map((k) => k.kid)).size === keys.length, "key ids must be unique"),
  );

interface PublicJwk {
  kty: "EC";
  crv: "P-256";
  x: string;
  y: string;
  kid: string;
  use: "enc";
  alg: typeof JWE_KEY_ALGORITHM;
}

export interface JweKeyRing {
  currentKid: string;
  publicKeys: PublicJwk[];
  privateKey(kid: string): CryptoKey | undefined;
}

let cached: { spec: string; ring: Promise<JweKeyRing> } | undefined;

/** The key ring of NFC_JWE_KEYS, imported once per isolate. */
export function jweKeyRing(spec: string): Promise<JweKeyRing> {
  if (cached?.spec !== spec) {
    const ring = buildKeyRing(spec);
    ring.catch(() => {
      if (cached?.ring === ring) cached = undefined;
    });
    cached = { spec, ring };
  }
  return cached.ring;
}

async function buildKeyRing(spec: string): Promise<JweKeyRing> {
  const jwks = JweKeyRingSpec.parse(spec);
  const keys = new Map<string, CryptoKey>();
  for (const jwk of jwks) {
    keys.set(jwk.kid, (await importJWK(jwk as JWK, JWE_KEY_ALGORITHM)) as CryptoKey);
  }
  return {
    currentKid: jwks[0]?.kid as string,
    publicKeys: jwks.map(({ x, y, kid }) => ({
      kty: "EC",
      crv: "P-256",
      x,
      y,
      kid,
      use: "enc",
      alg: "ECDH-ES",
    })),
    privateKey: (kid) => keys.get(kid),
  };
}

/** What the app puts inside the JWE. Files are base64 (standard or url-safe) of the raw EF bytes. */
const ChipPayload = z.strictObject({
  session_id: z.string().min(1).max(64),
  /** The Active Authentication challenge the server issued (base64), echoed so a stale upload is seen. */
  challenge: z.string().min(1).max(64).optional(),
  /** The chip's INTERNAL AUTHENTICATE answer to the challenge (base64); required when DG15 is present. */
  aa_signature: z.string().min(1).max(2048).optional(),
  files: z
    .record(
      z.string().regex(/^(EF_COM|EF_SOD|DG(1[0-6]|[1-9]))$/, "must be EF_COM, EF_SOD or DG1…DG16"),
      z.string().max(700_000),
    )
    .refine((files) => "EF_SOD" in files && "DG1" in files, "must hold at least EF_SOD and DG1"),
});
type ChipPayload = z.output<typeof ChipPayload>;

export interface DecryptedChip {
  kid: string;
  files: Map<string, Uint8Array>;
  challenge: Uint8Array | null;
  aaSignature: Uint8Array | null;
}

function decodeBase64(value: string, what: string): Uint8Array {
  try {
    return base64url.decode(value.replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, ""));
  } catch {
    throw new NfcError("tampered", `${what} is not base64`);
  }
}

/**
 * Decrypts and checks a chip upload for one session. The session id is in the JWE's integrity-protected
 * header (`sid`) and in the payload; both must name this session, so an upload captured from one session
 * cannot be replayed into another.
 */
export async function openChipEnvelope(
  ring: JweKeyRing,
  jwe: string,
  sessionId: string,
): Promise<DecryptedChip> {
  let kid = "";
  let plaintext: Uint8Array;
  let header: Record<string, unknown>;
  try {
    const result = await compactDecrypt(
      jwe.trim(),
      (protectedHeader) => {
        kid = String(protectedHeader.kid ?? "");
        const key = ring.privateKey(kid);
        if (!key)
          throw new NfcError("tampered", `the JWE names an unknown key id (kid "${kid.slice(0, 64)}")`);
        return key;
      },
      {
        keyManagementAlgorithms: [JWE_KEY_ALGORITHM],
        contentEncryptionAlgorithms: [...JWE_CONTENT_ALGORITHMS],
      },
    );
    plaintext = result.plaintext;
    header = result.protectedHeader as Record<string, unknown>;
  } catch (error) {
    if (error instanceof NfcError) throw error;
    throw new NfcError(
      "tampered",
      `the chip upload is not a JWE this server can decrypt (${(error as Error).name})`,
    );
  }
  if (header.sid !== sessionId) {
    throw new NfcError("tampered", "the JWE was made for another session (protected header sid)");
  }
  let payload: ChipPayload;
  try {
    payload = ChipPayload.parse(JSON.parse(new TextDecoder().decode(plaintext)));
  } catch (error) {
    const detail =
      error instanceof z.ZodError
        ? error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ")
        : "not JSON";
    throw new NfcError("tampered", `the decrypted chip payload is malformed (${detail.slice(0, 300)})`);
  }
  if (payload.session_id !== sessionId) {
    throw new NfcError("tampered", "the chip payload was made for another session");
  }
  const files = new Map<string, Uint8Array>();
  for (const [name, value] of Object.entries(payload.files)) files.set(name, decodeBase64(value, name));
  return {
    kid,
    files,
    challenge: payload.challenge ? decodeBase64(payload.challenge, "challenge") : null,
    aaSignature: payload.aa_signature ? decodeBase64(payload.aa_signature, "aa_signature") : null,
  };
}
