// One Worker served by workerd alone, for benchmarks that measure a Worker rather than the dev tooling
// around it. `wrangler dev` puts a proxy Worker, a DevTools inspector session (which makes every
// console.log serialise its arguments for DevTools) and a per-request log line in front of each request:
// measured on a Hono hello world, ≈ 7 ms of workerd CPU per request against ≈ 0.5 ms here. The Worker is
// bundled exactly as it deploys (`wrangler deploy --dry-run`), gets the bindings, flags and .dev.vars its
// wrangler config gives `wrangler dev`, and can share the state a `wrangler dev --persist-to` run left.
import { mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { repoRoot } from "./apps.ts";
import { lastLines, runChecked, spawnGroup, stopGroup, wranglerBin } from "./processes.ts";
import type { HostSpec } from "./workerd-alone-host.ts";

const here = dirname(fileURLToPath(import.meta.url));

export interface WorkerdAlone {
  origin: string;
  /** The host's process id: its tree is the Node host and the workerd it runs (for /proc CPU accounting). */
  pid: number;
  stop(): Promise<void>;
}

export interface WorkerdAloneOptions {
  /** The Worker's wrangler config (bindings, flags, .dev.vars)… */
  config?: string;
  /** …or a bare entry module with its compatibility date. */
  entry?: string;
  compatibilityDate?: string;
  persistTo?: string;
  vars?: Record<string, string>;
  /** Leaves the config's rate-limit bindings unbound, to tell the Worker's work from Miniflare's simulation. */
  withoutRateLimits?: boolean;
  port: number;
}

/** Bundles the Worker as `wrangler deploy` would and serves it from workerd; resolves once it listens. */
export async function startWorkerdAlone(options: WorkerdAloneOptions): Promise<WorkerdAlone> {
  const outDir = mkdtempSync(join(tmpdir(), "edgekyc-workerd-alone-"));
  const target = options.config
    ? ["-c", options.config]
    : [
        options.entry ?? "",
        "--name",
        "bench-worker",
        "--compatibility-date",
        options.compatibilityDate ?? "",
      ];
  await runChecked(wranglerBin(), ["deploy", "--dry-run", "--outdir", outDir, ...target], {
    cwd: repoRoot,
    env: { ...process.env, CI: "true", WRANGLER_SEND_METRICS: "false" },
    quiet: true,
  });
  // The entry module is named after the source entry (index.js for the apps' src/index.ts).
  const modules = readdirSync(outDir).filter((file) => file.endsWith(".js"));
  const entry = modules.includes("index.js") ? "index.js" : modules[0];
  if (!entry) throw new Error(`wrangler wrote no bundle to ${outDir}`);
  const spec: HostSpec = {
    scriptPath: join(outDir, entry),
    config: options.config,
    compatibilityDate: options.compatibilityDate,
    persistTo: options.persistTo,
    vars: options.vars,
    withoutRateLimits: options.withoutRateLimits,
    port: options.port,
  };
  const child = spawnGroup(process.execPath, [join(here, "workerd-alone-host.ts"), JSON.stringify(spec)], {
    cwd: repoRoot,
  });
  const cleanUp = async () => {
    await stopGroup(child);
    rmSync(outDir, { recursive: true, force: true });
  };
  let output = "";
  try {
    const origin = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error("workerd did not start within 120 s")), 120_000);
      const collect = (chunk: Buffer) => {
        output = (output + chunk.toString()).slice(-20_000);
        const ready = /^ready (\S+)$/m.exec(output);
        if (ready) {
          clearTimeout(timer);
          resolve(ready[1] as string);
        }
      };
      child.stdout?.on("data", collect);
      child.stderr?.on("data", collect);
      child.once("exit", (code) => {
        clearTimeout(timer);
        reject(new Error(`the workerd host exited (${code})`));
      });
    });
    return { origin, pid: child.pid as number, stop: cleanUp };
  } catch (error) {
    await cleanUp();
    throw new Error(`${(error as Error).message}:\n${lastLines(output)}`);
  }
}
