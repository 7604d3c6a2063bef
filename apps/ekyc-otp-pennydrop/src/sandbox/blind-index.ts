import { createHmac } from "node:crypto";
import { keyRing } from "../limits/key-ring.ts";

/**
 * Keyed hashes of personal data (a phone number, an account number) for equality lookups without storing
 * the value in the clear: HMAC-SHA256 under a key derived from the current encryption key and a purpose
 * label, so hashes for different purposes never match each other.
 */
export class BlindIndex {
  private readonly key: Buffer;

  constructor(encryptionKeys: string, purpose: string) {
    const [current] = keyRing(encryptionKeys);
    this.key = createHmac("sha256", (current as { key: Uint8Array }).key)
      .update(`edgekyc/ekyc-otp-pennydrop/blind-index/${purpose}`)
      .digest();
  }

  of(value: string): string {
    return createHmac("sha256", this.key).update(value).digest("hex");
  }
}
