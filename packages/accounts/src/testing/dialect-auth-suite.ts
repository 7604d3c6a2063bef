import { exports } from "cloudflare:workers";
import { DIALECT_CAPABILITY, type Dialect, EVENT_SOURCES, type EventSource } from "@edgekyc/schemas";
import { describe, expect, it } from "vitest";
import type { Credentials } from "../credentials.ts";
import { type PresentedCredentials, presentCredentials } from "./present-credentials.ts";
import { createTestPartner, freshClientAddress } from "./test-partner.ts";

/** Builds the route's request around the presented credentials (headers to add, body fields to merge). */
export type PrepareRequest = (presented: PresentedCredentials) => Request | Promise<Request>;

export interface DialectAuthTestOptions {
  /** The capability the route's middleware checks (default: the dialect's own, as the middleware does). */
  capability?: EventSource;
  /** Sends the request (default: the Worker under test, `exports.default.fetch`). */
  send?: (request: Request) => Promise<Response>;
  /** Failed attempts after which the app's AUTH_FAILURES limiter answers 429 (default: up to 20 tried). */
  maxFailuresBeforeLimit?: number;
}

const lastUnderscore = (value: string) => value.lastIndexOf("_");
/** `prefix_mode_pub_secret` with another composite key's secret. */
const withSecretOf = (mine: string, theirs: string) =>
  mine.slice(0, lastUnderscore(mine)) + theirs.slice(lastUnderscore(theirs));
const flipLast = (value: string) => value.slice(0, -1) + (value.endsWith("A") ? "B" : "A");
/**
 * A JWT with the first character of its signature changed. Not the last: a base64url string's last
 * character carries padding bits that decoders ignore, so changing it may leave the signature intact.
 */
const flipSignatureStart = (jwt: string) => {
  const at = jwt.lastIndexOf(".") + 1;
  return jwt.slice(0, at) + (jwt[at] === "A" ? "B" : "A") + jwt.slice(at + 1);
};

/** `mine`'s credential of `dialect` with a secret that is wrong (`theirs` absent) or another partner's. */
async function spoiled(
  dialect: Dialect,
  mine: Credentials,
  theirs?: Credentials,
): Promise<PresentedCredentials> {
  switch (dialect) {
    case "machinesense":
    case "edgekyc": {
      const key = mine[dialect].api_key;
      const api_key = theirs ? withSecretOf(key, theirs[dialect].api_key) : flipLast(key);
      return presentCredentials(dialect, { [dialect]: { api_key } } as Pick<Credentials, typeof dialect>);
    }
    case "ndt":
      return presentCredentials("ndt", {
        ndt: theirs
          ? { api_key: mine.ndt.api_key, merchant_id: theirs.ndt.merchant_id }
          : { ...mine.ndt, api_key: flipLast(mine.ndt.api_key) },
      });
    case "idenfy":
      return presentCredentials("idenfy", {
        idenfy: {
          ...mine.idenfy,
          api_secret: theirs ? theirs.idenfy.api_secret : flipLast(mine.idenfy.api_secret),
        },
      });
    case "smileid":
      return presentCredentials("smileid", {
        smileid: {
          ...mine.smileid,
          api_key: theirs ? theirs.smileid.api_key : flipLast(mine.smileid.api_key),
        },
      });
    case "assure": {
      // Tokens are signed: one partner's claims with another token's signature, or a changed signature.
      const token = (await presentCredentials("assure", mine)).headers.authorization as string;
      const other = theirs
        ? ((await presentCredentials("assure", theirs)).headers.authorization as string)
        : "";
      const forged = theirs
        ? `${token.slice(0, token.lastIndexOf("."))}${other.slice(other.lastIndexOf("."))}`
        : flipSignatureStart(token);
      return { headers: { authorization: forged }, body: {} };
    }
  }
}

/**
 * The shared authentication suite for one route: missing, wrong, revoked and another partner's
 * credentials are refused with 401, a key without the route's capability with 403, and an address over
 * the failure limit gets 429 for wrong credentials while a right key still gets in (only failures are
 * limited, so one client's failures never lock out another partner on a shared address; see
 * `refuse` in auth/failures.ts). Call it inside a test file:
 *
 * ```ts
 * runDialectAuthTests("machinesense", ({ headers, body }) =>
 *   new Request("https://app.test/api/v1/nfc/session", { method: "POST", headers: { "content-type": "application/json", ...headers }, body: JSON.stringify({ ...validBody, ...body }) }));
 * ```
 */
export function runDialectAuthTests(
  dialect: Dialect,
  prepareRequest: PrepareRequest,
  options: DialectAuthTestOptions = {},
): void {
  const send =
    options.send ??
    ((request: Request) => (exports as unknown as { default: Fetcher }).default.fetch(request));
  const call = async (presented: PresentedCredentials, address = freshClientAddress()) => {
    const request = await prepareRequest(presented);
    request.headers.set("cf-connecting-ip", address);
    return send(request);
  };
  const capability = options.capability ?? DIALECT_CAPABILITY[dialect];

  describe(`${dialect} authentication`, () => {
    it("lets the partner's own credential in", async () => {
      const { credentials } = await createTestPartner();
      const res = await call(await presentCredentials(dialect, credentials));
      expect([401, 403, 429], await res.clone().text()).not.toContain(res.status);
    });

    it("refuses missing credentials with 401", async () => {
      const res = await call({ headers: {}, body: {} });
      expect(res.status, await res.text()).toBe(401);
    });

    it("refuses a wrong secret with 401", async () => {
      const { credentials } = await createTestPartner();
      const res = await call(await spoiled(dialect, credentials));
      expect(res.status, await res.text()).toBe(401);
    });

    it("refuses a revoked key with 401", async () => {
      const partner = await createTestPartner();
      const presented = await presentCredentials(dialect, partner.credentials);
      await partner.revoke(dialect);
      const res = await call(presented);
      expect(res.status, await res.text()).toBe(401);
    });

    it("refuses one partner's key with another partner's secret with 401", async () => {
      const mine = await createTestPartner({ name: "Mine Ltd" });
      const theirs = await createTestPartner({ name: "Theirs Ltd" });
      const res = await call(await spoiled(dialect, mine.credentials, theirs.credentials));
      expect(res.status, await res.text()).toBe(401);
    });

    it(`refuses a key without the ${capability} scope with 403`, async () => {
      const partner = await createTestPartner();
      await partner.setScopes(dialect, [
        EVENT_SOURCES.find((source) => source !== capability) as EventSource,
      ]);
      const res = await call(await presentCredentials(dialect, partner.credentials));
      expect(res.status, await res.text()).toBe(403);
    });

    it("answers 429 to wrong credentials once an address is over the failure limit; a right key still gets in", async () => {
      const { credentials } = await createTestPartner();
      const address = freshClientAddress();
      const wrong = await spoiled(dialect, credentials);
      const limit = options.maxFailuresBeforeLimit ?? 20;
      let status = 0;
      // The limiter counts in fixed windows aligned to the clock (Workers' and miniflare's alike): when a
      // window ends during the loop its count starts again, so one reset is allowed for.
      for (let attempt = 0; attempt <= 2 * limit && status !== 429; attempt++) {
        status = (await call(wrong, address)).status;
      }
      expect(status, `no 429 after ${limit} failures`).toBe(429);
      const again = await call(await spoiled(dialect, credentials), address);
      expect(again.status, await again.text()).toBe(429);
      expect(again.headers.get("retry-after")).toBe("60");
      const right = await call(await presentCredentials(dialect, credentials), address);
      expect([401, 403, 429], await right.clone().text()).not.toContain(right.status);
    });
  });
}
