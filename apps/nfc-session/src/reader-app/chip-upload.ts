// What the reader app does with the chip's files: a compact JWE to the server's published key, with the
// session id in the protected header (`sid`) and the payload. Used by the simulator, tests and the bench.
import { CompactEncrypt, importJWK, type JWK } from "jose";
import { fromBase64, toBase64 } from "../domain/base64.ts";

export { fromBase64, toBase64 };

export interface ChipFiles {
  /** File name → bytes; "EF_COM", "EF_SOD", "DG1"… (a ".bin" suffix, as the fixture factory writes, is dropped). */
  [name: string]: Uint8Array;
}

export function normaliseFileNames(files: ChipFiles): ChipFiles {
  const out: ChipFiles = {};
  for (const [name, bytes] of Object.entries(files)) out[name.replace(/\.bin$/i, "").toUpperCase()] = bytes;
  return out;
}

export async function encryptChipUpload(input: {
  /** The server's public JWK (from /nfc/v1/app/keys). */
  key: JWK & { kid: string };
  sessionId: string;
  files: ChipFiles;
  /** base64 challenge as the server issued it. */
  challenge?: string;
  aaSignature?: Uint8Array;
  enc?: "A256GCM" | "A128GCM";
}): Promise<string> {
  const files = Object.fromEntries(
    Object.entries(normaliseFileNames(input.files)).map(([name, bytes]) => [name, toBase64(bytes)]),
  );
  const payload = {
    session_id: input.sessionId,
    ...(input.challenge ? { challenge: input.challenge } : {}),
    ...(input.aaSignature ? { aa_signature: toBase64(input.aaSignature) } : {}),
    files,
  };
  const publicKey = await importJWK(
    { kty: input.key.kty, crv: input.key.crv, x: input.key.x, y: input.key.y },
    "ECDH-ES",
  );
  return new CompactEncrypt(new TextEncoder().encode(JSON.stringify(payload)))
    .setProtectedHeader({
      alg: "ECDH-ES",
      enc: input.enc ?? "A256GCM",
      kid: input.key.kid,
      sid: input.sessionId,
    })
    .encrypt(publicKey);
}
