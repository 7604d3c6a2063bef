import type { Hasher, SaltGenerator } from "@sd-jwt/types";
import { base64url } from "jose";

/** SHA-256 over the ASCII of a disclosure (or an SD-JWT for `sd_hash`), as the SD-JWT draft defines. */
export const sha256Hasher: Hasher = async (data, alg) => {
  if (alg.toLowerCase() !== "sha-256") throw new Error(`unsupported _sd_alg ${alg}; receipts use sha-256`);
  const bytes = typeof data === "string" ? new TextEncoder().encode(data) : new Uint8Array(data);
  return new Uint8Array(await crypto.subtle.digest("SHA-256", bytes));
};

/** 128 random bits per salt, the draft's recommendation. */
export const randomSalt: SaltGenerator = () => base64url.encode(crypto.getRandomValues(new Uint8Array(16)));

/** Lower-case hex SHA-256 of a string: the hash the platform keeps of every issued receipt. */
export async function sha256HexOf(text: string): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest("SHA-256", new TextEncoder().encode(text)));
  return Array.from(digest, (byte) => byte.toString(16).padStart(2, "0")).join("");
}
