import { env } from "cloudflare:workers";
import {
  assureAuth,
  type Credentials,
  edgekycKeyAuth,
  idenfyAuth,
  machineSenseAuth,
  ndtAuth,
  smileIdAuth,
} from "@edgekyc/accounts";
import { presentCredentials } from "@edgekyc/accounts/testing";
import { type AppEnv, newApp } from "@edgekyc/platform";
import type { Dialect } from "@edgekyc/schemas";
import type { MiddlewareHandler } from "hono";
import { freshAddress } from "./admin-client.ts";

/**
 * Every dialect's auth middleware over the gateway's own ACCOUNTS database: what the capability Workers
 * will run. Answers with the principal, so a test can check whose key it was.
 */
const probe = newApp<AppEnv>({
  name: "dialect-probe",
  title: "t",
  version: "1",
  description: "t",
  dialect: "edgekyc",
});
const answer = (middleware: MiddlewareHandler<AppEnv>) =>
  [
    middleware,
    (c: Parameters<MiddlewareHandler<AppEnv>>[0]) => c.json({ principal: c.var.principal ?? null }),
  ] as const;
probe.post("/machinesense", ...answer(machineSenseAuth()));
probe.post("/smileid", ...answer(smileIdAuth()));
probe.post("/idenfy", ...answer(idenfyAuth()));
probe.post("/assure", ...answer(assureAuth()));
probe.post("/ndt", ...answer(ndtAuth() as unknown as MiddlewareHandler<AppEnv>));
probe.post("/edgekyc", ...answer(edgekycKeyAuth()));

/** Authenticates with one dialect's credential, the way that dialect's clients do. */
export async function authenticateAs(dialect: Dialect, credentials: Partial<Credentials>): Promise<Response> {
  const { headers, body } = await presentCredentials(dialect, credentials as Credentials);
  return Promise.resolve(
    probe.request(
      `/${dialect}`,
      {
        method: "POST",
        headers: { "cf-connecting-ip": freshAddress(), "content-type": "application/json", ...headers },
        body: JSON.stringify(body),
      },
      env,
    ),
  );
}
