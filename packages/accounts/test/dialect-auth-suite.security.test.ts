import { env } from "cloudflare:workers";
import { DIALECTS } from "@edgekyc/schemas";
import { runDialectAuthTests } from "../src/testing/index.ts";
import { authApp } from "./support/auth-app.ts";

// The shared suite that capability apps run on their routes, run here on every dialect's middleware.
const app = authApp();
const PATHS = {
  machinesense: "/machinesense",
  smileid: "/smileid",
  idenfy: "/idenfy",
  assure: "/assure",
  ndt: "/ndt",
  edgekyc: "/edgekyc",
} as const;

for (const dialect of DIALECTS) {
  runDialectAuthTests(
    dialect,
    ({ headers, body }) =>
      new Request(`https://accounts.test${PATHS[dialect]}`, {
        method: "POST",
        headers: { "content-type": "application/json", ...headers },
        body: JSON.stringify({ ref: "r-1", ...body }),
      }),
    { send: async (request) => app.request(request, undefined, env) },
  );
}
