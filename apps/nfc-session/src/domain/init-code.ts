// Init codes: 4 characters of [A-Za-z0-9] (62^4 = 14,776,336 codes), case-sensitive as in the vendor's
// example "E4zY". Uniqueness among live sessions comes from one Durable Object per code (InitCodeObject).

export const INIT_CODE_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
const INIT_CODE_LENGTH = 4;
export const INIT_CODE_PATTERN = /^[A-Za-z0-9]{4}$/;
export const INIT_CODE_SPACE = INIT_CODE_ALPHABET.length ** INIT_CODE_LENGTH;

/** A uniformly random code (rejection sampling: 248 = 4 × 62 is the largest multiple of 62 below 256). */
export function randomInitCode(
  random: (bytes: Uint8Array) => Uint8Array = (b) => crypto.getRandomValues(b),
): string {
  let code = "";
  while (code.length < INIT_CODE_LENGTH) {
    for (const byte of random(new Uint8Array(8))) {
      if (byte >= 248 || code.length === INIT_CODE_LENGTH) continue;
      code += INIT_CODE_ALPHABET[byte % 62];
    }
  }
  return code;
}
