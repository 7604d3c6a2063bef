const CROCKFORD = "0123456789abcdefghjkmnpqrstvwxyz";

/**
 * `<prefix>_<26 chars>`: 10 characters of millisecond time then 16 random ones (a lowercase ULID, Crockford
 * base32), so ids sort by creation time and make good cursors. The 80 random bits are drawn afresh for
 * every id (no ULID monotonic counter): an id never lets anyone guess the next one. Ids made in the same
 * millisecond sort in random but stable order; Workers freeze the clock while a request runs, so order
 * within one request needs its own column.
 */
export function newId(prefix: string): string {
  if (!/^[a-z][a-z0-9]{0,15}$/.test(prefix)) {
    throw new Error("id prefixes are 1-16 lowercase letters and digits, starting with a letter");
  }
  let time = Date.now();
  let head = "";
  for (let i = 0; i < 10; i++) {
    head = CROCKFORD[time % 32] + head;
    time = Math.floor(time / 32);
  }
  let tail = "";
  // 256 is a multiple of 32, so `byte % 32` is uniform.
  for (const byte of crypto.getRandomValues(new Uint8Array(16))) tail += CROCKFORD[byte % 32];
  return `${prefix}_${head}${tail}`;
}
