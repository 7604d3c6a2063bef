// The process behind `startWorkerdAlone` (workerd-alone.ts): hosts one bundled Worker in Miniflare, the
// library `wrangler dev` itself runs workerd through, without wrangler's dev proxy Worker, its DevTools
// inspector session or its per-request log line. Prints `ready <origin>` once listening and stops on
// SIGTERM. Argument: the JSON of a HostSpec.
import { dirname, join } from "node:path";
import { convertV4MiniflareOptions, Miniflare } from "miniflare";
import { unstable_getMiniflareWorkerOptions } from "wrangler";

export interface HostSpec {
  /** The entry module of the bundle `wrangler deploy --dry-run --outdir` wrote. */
  scriptPath: string;
  /** The Worker's wrangler config: bindings, flags and .dev.vars, read the way `wrangler dev` reads them. */
  config?: string;
  /** Without a config: the bare Worker's compatibility date. */
  compatibilityDate?: string;
  /** wrangler's `--persist-to` directory: the Worker sees the state a `wrangler dev` run left there. */
  persistTo?: string;
  vars?: Record<string, string>;
  /** Leaves the config's rate-limit bindings unbound (the Worker must treat them as optional). */
  withoutRateLimits?: boolean;
  port: number;
}

type V4Options = Parameters<typeof convertV4MiniflareOptions>[0];

const spec = JSON.parse(process.argv[2] ?? "{}") as HostSpec;
let worker: Record<string, unknown> = { compatibilityDate: spec.compatibilityDate };
if (spec.config) {
  // The bundle fixes the modules, so wrangler's module rules are not needed (Miniflare 5 refuses them).
  const { modulesRules: _rules, ...options } = unstable_getMiniflareWorkerOptions(spec.config)
    .workerOptions as Record<string, unknown>;
  worker = options;
}
// Measuring the Worker's own work: Miniflare simulates a rate-limit binding with a Durable Object (a
// cross-Worker call and a SQLite write per call), where Cloudflare counts in memory on the machine.
if (spec.withoutRateLimits) delete worker.ratelimits;
const mf = new Miniflare(
  convertV4MiniflareOptions({
    ...worker,
    bindings: { ...(worker.bindings as Record<string, unknown> | undefined), ...spec.vars },
    modules: true,
    scriptPath: spec.scriptPath,
    modulesRoot: dirname(spec.scriptPath),
    host: "127.0.0.1",
    port: spec.port,
    // Where `wrangler dev --persist-to` keeps D1, Durable Objects and the rest.
    ...(spec.persistTo ? { resourcePersistencePath: join(spec.persistTo, "v3") } : {}),
  } as V4Options),
);
process.stdout.write(`ready ${new URL(await mf.ready).origin}\n`);
const stop = () => {
  void mf.dispose().finally(() => process.exit(0));
};
process.once("SIGTERM", stop);
process.once("SIGINT", stop);
