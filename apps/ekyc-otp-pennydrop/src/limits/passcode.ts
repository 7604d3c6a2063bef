import { randomInt, randomUUID } from "node:crypto";
import { KeyedHash } from "@edgekyc/platform";
import type { PasscodeCrypto } from "./subject-machine.ts";

// Codes are stored only as HMAC-SHA256(hashKey, authId ":" code). The hash key is derived from the
// platform's encryption key (HMAC as a KDF with a fixed label), so a dump of Durable Object storage alone
// does not let anyone test the 10^n candidates offline. Key ids travel with each hash: after a rotation,
// live codes still verify with the key they were issued under.
const LABEL = "edgekyc/ekyc-otp-pennydrop/passcode-hash/v1";

export class PasscodeHasher implements PasscodeCrypto {
  private readonly hash: KeyedHash;

  constructor(encryptionKeys: string) {
    this.hash = new KeyedHash(encryptionKeys, LABEL);
  }

  newAuthId(): string {
    return randomUUID();
  }

  /** `randomInt` draws from the CSPRNG without modulo bias. */
  issue(authId: string, length: number): { code: string; codeHash: string; kid: string } {
    let code = "";
    for (let i = 0; i < length; i++) code += String(randomInt(0, 10));
    return { code, codeHash: this.hash.of(`${authId}:${code}`), kid: this.hash.currentKid };
  }

  matches(session: { authId: string; kid: string; codeHash: string }, candidate: string): boolean {
    // Constant time: the candidate is hashed whatever its shape and every byte is compared.
    return this.hash.matches(session.kid, `${session.authId}:${candidate}`, session.codeHash);
  }
}
