import { env } from "cloudflare:workers";
import type { Dialect } from "@edgekyc/schemas";
import type { MiddlewareHandler } from "hono";
import {
  adminAuth,
  assureAuth,
  assureTokenHandler,
  edgekycKeyAuth,
  getAccounts,
  idenfyAuth,
  machineSenseAuth,
  ndtAuth,
  smileIdAuth,
} from "../../src/accounts/index.ts";
import { type AppEnv, newApp, setDialect } from "../../src/index.ts";

/** One route per dialect behind its auth middleware, answering with the principal. */
export function authApp() {
  const app = newApp<AppEnv>({
    name: "auth-test",
    title: "t",
    version: "1",
    description: "t",
    dialect: "edgekyc",
  });
  const guard = (path: string, dialect: Dialect, middleware: MiddlewareHandler<AppEnv>) => {
    app.use(path, setDialect(dialect), middleware);
    app.post(path, (c) => c.json(c.get("principal") ?? null));
  };
  guard("/ms", "machinesense", machineSenseAuth());
  guard("/smile", "smileid", smileIdAuth());
  guard("/ndt", "ndt", ndtAuth());
  guard("/idenfy", "idenfy", idenfyAuth());
  guard("/assure", "assure", assureAuth());
  guard("/ek", "edgekyc", edgekycKeyAuth());
  app.use("/admin", adminAuth());
  app.post("/admin", (c) => c.json({ ok: true }));
  app.post("/token", assureTokenHandler);
  return app;
}

let address = 0;
/** A distinct client address per call site, so rate limiting of one test does not leak into another. */
export function freshAddress(): string {
  address += 1;
  return `203.0.113.${address % 250}`;
}

export async function newPartner(name = "Acme") {
  return (await getAccounts(env)).createPartner({ name, mode: "test" });
}

export function call(
  path: string,
  init: { body?: unknown; headers?: Record<string, string>; ip?: string } = {},
) {
  return authApp().request(
    path,
    {
      method: "POST",
      headers: {
        "content-type": "application/json",
        "cf-connecting-ip": init.ip ?? freshAddress(),
        ...init.headers,
      },
      ...(init.body === undefined
        ? {}
        : { body: typeof init.body === "string" ? init.body : JSON.stringify(init.body) }),
    },
    env,
  );
}
