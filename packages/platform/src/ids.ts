import { z } from "@hono/zod-openapi";

const CROCKFORD = "0123456789abcdefghjkmnpqrstvwxyz";

/**
 * The id prefixes of the platform's own records. A capability app picks its own for its records
 * (1-16 lowercase letters and digits) and uses the same `newId` / `idParam` / `pageQuery`.
 */
export const ID_PREFIXES = {
  partner: "ptn",
  key: "key",
  webhookEndpoint: "whe",
  webhookSecret: "whs",
  event: "evt",
  delivery: "dlv",
  attempt: "att",
  deadLetter: "dlq",
  request: "req",
  sinkMessage: "snk",
  // ekyc-otp-pennydrop
  ekycSubject: "sbj",
  ekycAudit: "aud",

  // poa-additional-steps
  reviewItem: "rvi",
  reviewer: "rvw",

  // nfc-session
  nfcSession: "nfc",
  lostStolenEntry: "lst",
  trustAnchor: "tan",
  trustImport: "tim",
} as const;

const PREFIX = /^[a-z][a-z0-9]{0,15}$/;

/**
 * `<prefix>_<26 chars>`: 10 characters of millisecond time then 16 random ones (a lowercase ULID, Crockford
 * base32), so ids sort by creation time and make good cursors. The 80 random bits are drawn afresh for
 * every id (no ULID monotonic counter): an id never lets anyone guess the next one. Ids made in the same
 * millisecond sort in random but stable order; Workers freeze the clock while a request runs, so order
 * within one request needs its own column.
 */
export function newId(prefix: string): string {
  if (!PREFIX.test(prefix)) {
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

/** The one pattern of an id made by `newId(prefix)`. */
export function idPattern(prefix: string): RegExp {
  if (!PREFIX.test(prefix)) throw new Error(`not an id prefix: ${prefix}`);
  return new RegExp(`^${prefix}_[0-9a-z]{26}$`);
}

/** A string schema accepting exactly the ids `newId(prefix)` makes; `what` names them in the message. */
export function idString(prefix: string, what: string) {
  return z
    .string()
    .regex(idPattern(prefix), `must be a ${what} id (${prefix}_…)`)
    .openapi({ example: `${prefix}_01kbz3c6q4y8w2m5n7p9r1t3v5` });
}

/**
 * A path-parameter object for one id: `idParam("endpointId", "whe", "webhook endpoint")` validates
 * `{endpointId}` and documents it. `.extend()` it for nested paths.
 */
export function idParam<const N extends string>(name: N, prefix: string, what: string) {
  return z.object({ [name]: idString(prefix, what).openapi({ param: { name, in: "path" } }) } as {
    [K in N]: ReturnType<typeof idString>;
  });
}
