import { KeyedHash } from "@edgekyc/platform";

/**
 * Keyed hashes of personal data (a phone number, an account number) for equality lookups without storing
 * the value in the clear: HMAC-SHA256 under a key derived from the current encryption key and a purpose
 * label, so hashes for different purposes never match each other.
 */
export class BlindIndex {
  private readonly hash: KeyedHash;

  constructor(encryptionKeys: string, purpose: string) {
    this.hash = new KeyedHash(encryptionKeys, `edgekyc/ekyc-otp-pennydrop/blind-index/${purpose}`);
  }

  of(value: string): string {
    return this.hash.of(value);
  }
}
