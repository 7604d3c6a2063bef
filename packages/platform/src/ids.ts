const CROCKFORD = "0123456789abcdefghjkmnpqrstvwxyz";

/**
 * `<prefix>_<26 chars>`: 10 characters of millisecond time then 16 random ones (a lowercase ULID), so ids
 * sort by creation time and make good cursors.
 */
export function newId(prefix: string): string {
  let time = Date.now();
  let head = "";
  for (let i = 0; i < 10; i++) {
    head = CROCKFORD[time % 32] + head;
    time = Math.floor(time / 32);
  }
  let tail = "";
  for (const byte of crypto.getRandomValues(new Uint8Array(16))) tail += CROCKFORD[byte % 32];
  return `${prefix}_${head}${tail}`;
}
