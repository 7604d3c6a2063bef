/**
 * The raw keys of ENCRYPTION_KEYS (`kid:base64(32 bytes)`, current first), for keys derived from them
 * with HMAC (code hashes, blind indexes). The format is validated at start-up by EncryptionKeysSpec.
 */
export function keyRing(spec: string): { kid: string; key: Buffer }[] {
  const entries = spec
    .split(",")
    .map((entry) => entry.trim())
    .filter(Boolean)
    .map((entry) => {
      const separator = entry.indexOf(":");
      return { kid: entry.slice(0, separator), key: Buffer.from(entry.slice(separator + 1), "base64") };
    });
  if (entries.length === 0 || entries.some((e) => !e.kid || e.key.length !== 32)) {
    throw new Error("ENCRYPTION_KEYS must list kid:base64(32 bytes) entries");
  }
  return entries;
}
