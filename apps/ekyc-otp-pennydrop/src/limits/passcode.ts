import { createHmac, randomInt, randomUUID, timingSafeEqual } from "node:crypto";
import { keyRing } from "./key-ring.ts";
import type { PasscodeCrypto } from "./subject-machine.ts";

// Codes are stored only as HMAC-SHA256(hashKey, authId ":" code). The hash key is derived from the
// platform's encryption key (HMAC as a KDF with a fixed label), so a dump of Durable Object storage alone
// does not let anyone test the 10^n candidates offline. Key ids travel with each hash: after a rotation,
// live codes still verify with the key they were issued under.
const LABEL = "edgekyc/ekyc-otp-pennydrop/passcode-hash/v1";

export class PasscodeHasher implements PasscodeCrypto {
  private readonly keys: Map<string, Buffer>;
  private readonly currentKid: string;

  constructor(encryptionKeys: string) {
    const ring = keyRing(encryptionKeys);
    this.keys = new Map(ring.map(({ kid, key }) => [kid, createHmac("sha256", key).update(LABEL).digest()]));
    this.currentKid = (ring[0] as { kid: string }).kid;
  }

  private hash(kid: string, authId: string, code: string): Buffer | null {
    const key = this.keys.get(kid);
    return key ? createHmac("sha256", key).update(`${authId}:${code}`).digest() : null;
  }

  newAuthId(): string {
    return randomUUID();
  }

  /** `randomInt` draws from the CSPRNG without modulo bias. */
  issue(authId: string, length: number): { code: string; codeHash: string; kid: string } {
    let code = "";
    for (let i = 0; i < length; i++) code += String(randomInt(0, 10));
    const hash = this.hash(this.currentKid, authId, code) as Buffer;
    return { code, codeHash: hash.toString("hex"), kid: this.currentKid };
  }

  matches(session: { authId: string; kid: string; codeHash: string }, candidate: string): boolean {
    // The candidate is hashed whatever its shape, so timing does not depend on where it differs.
    const candidateHash = this.hash(session.kid, session.authId, candidate);
    const stored = Buffer.from(session.codeHash, "hex");
    if (!candidateHash || stored.length !== candidateHash.length) return false;
    return timingSafeEqual(candidateHash, stored);
  }
}
