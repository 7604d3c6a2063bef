// `npm start`: every app in one local `wrangler dev`, behind a router on one origin, with a demo partner.
import type { ChildProcess } from "node:child_process";
import { copyFileSync, existsSync, mkdirSync, readFileSync, realpathSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { isAbsolute, join, relative, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { parseArgs } from "node:util";
import { experimental_readRawConfig } from "wrangler";
import { type AppInfo, discoverApps, repoRoot } from "./apps.ts";
import { ensureCertificate } from "./certificate.ts";
import { apiClient, localRequest } from "./local-client.ts";
import { prepareLocalDatabases } from "./local-databases.ts";
import { lastLines, spawnGroup, stopAllGroups, stopGroup, wranglerBin } from "./processes.ts";

export interface DemoPartner {
  partnerId: string;
  name: string;
  credentials: Record<string, Record<string, string>>;
  sinkUrl: string;
  endpointSecret: string | null;
}

export interface StartOptions {
  /** Default 8787. */
  port?: number;
  /** Local state (D1, R2, queues, Durable Objects); default .wrangler/state. */
  persistTo?: string;
  https?: boolean;
  /**
   * The environment to start with (default process.env): the variables of FORWARDED_VARS found in it reach
   * the apps that declare them, and it is the environment of wrangler itself.
   */
  env?: NodeJS.ProcessEnv;
  /** Extra variables for every app that declares them in its wrangler config (win over `env`). */
  vars?: Record<string, string>;
  /** Keep wrangler's output to ourselves (it is still shown when start-up fails). */
  quiet?: boolean;
  /** Seed (or reuse) the demo partner; default true. */
  seedDemo?: boolean;
  /** Where generated configs go (default .wrangler/dev); concurrent stacks need separate folders. */
  devDir?: string;
  /**
   * How often the apps' cron work runs (default every 5 minutes, the gateway's `*\/5 * * * *`). It also
   * runs once at start: local queues do not survive a restart, and the gateway's maintenance re-enqueues
   * the deliveries that were in flight.
   */
  cronIntervalMs?: number;
  /** Only these apps (names under apps/), e.g. the gateway alone for a quick stack; default every app. */
  only?: string[];
}

/** The cron expression handed to the apps' scheduled handlers (the gateway's own). */
const LOCAL_CRON = "*/5 * * * *";

/** Runs every app's scheduled handler once, through the router (wrangler dev --test-scheduled). */
async function runScheduled(origin: string, ca: string | undefined, quiet: boolean): Promise<void> {
  try {
    const res = await localRequest(`${origin}/__scheduled?cron=${encodeURIComponent(LOCAL_CRON)}`, {
      timeoutMs: 60_000,
      ...(ca ? { ca } : {}),
    });
    if (res.status >= 300 && !quiet) console.log(`[edgekyc] scheduled run answered ${res.status}`);
  } catch (error) {
    if (!quiet)
      console.log(`[edgekyc] scheduled run failed: ${error instanceof Error ? error.message : error}`);
  }
}

export interface Platform {
  origin: string;
  adminToken: string;
  demo: DemoPartner | null;
  apps: AppInfo[];
  /** The local certificate (PEM) when serving https. */
  ca?: string;
  certPath?: string;
  /** Process id of `wrangler dev` (leader of the process group that includes workerd). */
  pid: number;
  /** Resolves with wrangler's exit code when it ends, whoever ended it. */
  exited: Promise<number | null>;
  /** wrangler's recent output. */
  output(): string;
  stop(): Promise<void>;
}

export const DEFAULT_PORT = 8787;

/** Environment variables `npm start` hands to the apps that declare them (e.g. shorter retries). */
export const FORWARDED_VARS = ["WEBHOOK_RETRY_SCHEDULE", "WEBHOOK_TIMEOUT_SECONDS"] as const;

const START_TIMEOUT_MS = 240_000;

/** .dev.vars from .dev.vars.example, for every app that has none (never overwritten). */
function ensureDevVars(apps: AppInfo[], quiet: boolean): void {
  for (const app of apps) {
    const example = join(app.dir, ".dev.vars.example");
    const target = join(app.dir, ".dev.vars");
    if (existsSync(example) && !existsSync(target)) {
      copyFileSync(example, target);
      if (!quiet) console.log(`[edgekyc] created apps/${app.name}/.dev.vars from .dev.vars.example`);
    }
  }
}

export function readDevVars(app: AppInfo): Record<string, string> {
  const file = join(app.dir, ".dev.vars");
  if (!existsSync(file)) return {};
  return Object.fromEntries(
    readFileSync(file, "utf8")
      .split(/\r?\n/)
      .map((line) => line.trim())
      .filter((line) => line && !line.startsWith("#") && line.includes("="))
      .map((line) => {
        const value = line.slice(line.indexOf("=") + 1).trim();
        const unquoted = /^(["']).*\1$/.test(value) ? value.slice(1, -1) : value;
        return [line.slice(0, line.indexOf("=")).trim(), unquoted];
      }),
  );
}

/** A value as .dev.vars (dotenv) reads it back unchanged. */
function dotenvValue(value: string): string {
  if (/^[\w.,:;+/=@%-]*$/.test(value)) return value;
  return value.includes("'") ? JSON.stringify(value) : `'${value}'`;
}

/** The variables an app declares in its wrangler config (`vars`), which are the ones it may be given. */
function declaredVars(app: AppInfo): Set<string> {
  const { rawConfig } = experimental_readRawConfig({ config: app.configPath });
  return new Set(Object.keys((rawConfig as { vars?: Record<string, unknown> }).vars ?? {}));
}

/**
 * A copy of an app's config with extra variables. `wrangler dev` applies --var and --env-file to the first
 * Worker only (checked with wrangler 4.164: the other Workers keep their config values), and each Worker
 * reads the .dev.vars beside its config; so the copy gets its paths rebased and a .dev.vars of its own
 * (the app's, plus the extra variables). The app's own files stay untouched.
 */
function overlayConfig(app: AppInfo, vars: Record<string, string>, devDir: string): string {
  const { rawConfig } = experimental_readRawConfig({ config: app.configPath });
  const raw = structuredClone(rawConfig) as Record<string, unknown>;
  const dir = join(devDir, "apps", app.name);
  // Paths in a config are relative to its folder; rebase them onto the copy's folder.
  const abs = (path: unknown) => (typeof path === "string" ? relative(dir, resolve(app.dir, path)) : path);
  delete raw.$schema;
  raw.main = abs(raw.main);
  // Without `tsconfig`, esbuild finds the app's own tsconfig.json from each source file, as it should.
  if (raw.tsconfig) raw.tsconfig = abs(raw.tsconfig);
  if (raw.base_dir) raw.base_dir = abs(raw.base_dir);
  raw.d1_databases = ((raw.d1_databases as Record<string, unknown>[] | undefined) ?? []).map((db) =>
    db.migrations_dir ? { ...db, migrations_dir: abs(db.migrations_dir) } : db,
  );
  const assets = raw.assets as { directory?: string } | undefined;
  if (assets?.directory) raw.assets = { ...assets, directory: abs(assets.directory) };
  const alias = raw.alias as Record<string, string> | undefined;
  if (alias) {
    raw.alias = Object.fromEntries(
      Object.entries(alias).map(([key, value]) => [key, value.startsWith(".") ? abs(value) : value]),
    );
  }
  mkdirSync(dir, { recursive: true });
  const configPath = join(dir, "wrangler.json");
  writeFileSync(configPath, `${JSON.stringify(raw, null, 2)}\n`);
  const merged = { ...readDevVars(app), ...vars };
  writeFileSync(
    join(dir, ".dev.vars"),
    `# Generated by tools/dev/src/start.ts from apps/${app.name}/.dev.vars and the environment.\n${Object.entries(
      merged,
    )
      .map(([key, value]) => `${key}=${dotenvValue(value)}`)
      .join("\n")}\n`,
    { mode: 0o600 },
  );
  return configPath;
}

/** The router Worker's config: a service binding per app and the prefix table. */
function writeRouterConfig(apps: AppInfo[], publicOrigin: string, devDir: string): string {
  mkdirSync(devDir, { recursive: true });
  const routes = apps.flatMap((app, index) =>
    app.pathPrefixes.map((prefix) => ({ prefix, binding: `APP_${index}`, app: app.name })),
  );
  const config = {
    name: "edgekyc-dev-router",
    main: relative(devDir, join(repoRoot, "tools/dev/router/src/index.ts")),
    compatibility_date: "2026-11-01",
    services: apps.map((app, index) => ({ binding: `APP_${index}`, service: app.workerName })),
    vars: { ROUTES: JSON.stringify(routes), PUBLIC_ORIGIN: publicOrigin },
  };
  const path = join(devDir, "router.wrangler.jsonc");
  writeFileSync(
    path,
    `// Generated by tools/dev/src/start.ts from apps/*/package.json (edgekyc.pathPrefixes); do not edit.\n${JSON.stringify(config, null, 2)}\n`,
  );
  return path;
}

function portIsFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const probe = createServer();
    probe.once("error", () => resolve(false));
    probe.listen(port, "127.0.0.1", () => probe.close(() => resolve(true)));
  });
}

async function waitUntilUp(
  origin: string,
  child: ChildProcess,
  output: () => string,
  ca?: string,
): Promise<void> {
  const deadline = Date.now() + START_TIMEOUT_MS;
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(
        `wrangler dev exited (${child.exitCode ?? child.signalCode}) before serving; its last output:\n${lastLines(output())}`,
      );
    }
    try {
      const res = await localRequest(`${origin}/`, { timeoutMs: 2000, ...(ca ? { ca } : {}) });
      if (res.status === 200) return;
    } catch {
      // Not listening yet.
    }
    await new Promise((r) => setTimeout(r, 300));
  }
  throw new Error(
    `the platform did not answer at ${origin} within ${START_TIMEOUT_MS / 1000} s; wrangler's last output:\n${lastLines(output())}`,
  );
}

/**
 * Seeds the demo partner once per state directory (its credentials are shown once, so they are kept in
 * <state>/demo-partner.json, beside the database that holds the partner) and points its default test-mode
 * webhook endpoint at the dev sink of this origin (again on every start, as the port may have changed).
 */
async function seedDemo(
  origin: string,
  adminToken: string,
  persistTo: string,
  ca?: string,
): Promise<DemoPartner> {
  const api = apiClient(origin, adminToken, ca);
  const file = join(persistTo, "demo-partner.json");
  const sinkUrl = `${origin}/dev/sink/demo`;
  let demo: DemoPartner | undefined;
  if (existsSync(file)) {
    const saved = JSON.parse(readFileSync(file, "utf8")) as DemoPartner;
    const check = await api("GET", `/admin/v1/partners/${saved.partnerId}`);
    if (check.status === 200) demo = saved;
  }
  if (!demo) {
    const created = await api("POST", "/admin/v1/partners", { name: "Demo Partner", mode: "test" });
    if (created.status !== 201) {
      throw new Error(
        `seeding the demo partner failed: HTTP ${created.status} ${JSON.stringify(created.json)}`,
      );
    }
    demo = {
      partnerId: created.json.partner.id,
      name: created.json.partner.name,
      credentials: created.json.credentials,
      sinkUrl,
      endpointSecret: null,
    };
  }
  const endpoint = await api("PUT", `/admin/v1/partners/${demo.partnerId}/webhook-endpoints`, {
    mode: "test",
    capability: null,
    url: sinkUrl,
  });
  if (endpoint.status !== 201 && endpoint.status !== 200) {
    throw new Error(
      `setting the demo webhook endpoint failed: HTTP ${endpoint.status} ${JSON.stringify(endpoint.json)}`,
    );
  }
  demo = { ...demo, sinkUrl, endpointSecret: endpoint.json.secret ?? demo.endpointSecret };
  mkdirSync(persistTo, { recursive: true });
  writeFileSync(file, `${JSON.stringify(demo, null, 2)}\n`, { mode: 0o600 });
  return demo;
}

/** Drops wrangler's offline warning (Request.cf cannot be fetched without internet) with its stack trace. */
function offlineNoiseFilter(write: (text: string) => void): (chunk: Buffer) => void {
  let partial = "";
  let inNoise = false;
  return (chunk) => {
    const lines = (partial + chunk.toString()).split("\n");
    partial = lines.pop() ?? "";
    const kept = lines.filter((line) => {
      if (line.includes("Unable to fetch the `Request.cf` object")) {
        inNoise = true;
        return false;
      }
      if (
        inNoise &&
        (/^Error: getaddrinfo \w+ workers\.cloudflare\.com/.test(line) || /^\s+at /.test(line))
      ) {
        return false;
      }
      inNoise = false;
      return true;
    });
    if (kept.length > 0) write(`${kept.join("\n")}\n`);
  };
}

/** Starts every app in one `wrangler dev` behind the dev router, then seeds the demo partner. */
/**
 * Starts the platform. wrangler and workerd bind several internal sockets on ports they pick and then
 * bind; when other stacks start at the same moment (the tests run a few) one may lose that race and exit
 * with "Address already in use" before serving: such a start is tried again, up to three times.
 */
export async function startPlatform(options: StartOptions = {}): Promise<Platform> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await startPlatformOnce(options);
    } catch (error) {
      const lost =
        error instanceof Error &&
        /exited \(\d+\) before serving[\s\S]*Address already in use/.test(error.message);
      if (!lost || attempt >= 3) throw error;
      if (!options.quiet) console.log("[edgekyc] a local port was taken while starting; starting again");
    }
  }
}

async function startPlatformOnce(options: StartOptions): Promise<Platform> {
  const port = options.port ?? DEFAULT_PORT;
  const persistTo = resolve(options.persistTo ?? join(repoRoot, ".wrangler/state"));
  const devDir = resolve(options.devDir ?? join(repoRoot, ".wrangler/dev"));
  const quiet = options.quiet ?? false;
  const baseEnv = options.env ?? process.env;
  const apps = discoverApps().filter((app) => !options.only || options.only.includes(app.name));
  if (apps.length === 0) throw new Error("no apps found (apps/*/wrangler.jsonc)");
  if (!(await portIsFree(port))) {
    throw new Error(`port ${port} on 127.0.0.1 is in use (another \`npm start\`?); choose one with PORT=…`);
  }
  ensureDevVars(apps, quiet);
  const gateway = apps.find((app) => app.name === "webhook-gateway");
  const adminToken = gateway ? (readDevVars(gateway).ADMIN_TOKEN ?? "") : "";
  const origin = `${options.https ? "https" : "http"}://127.0.0.1:${port}`;
  const childEnv: NodeJS.ProcessEnv = {
    ...process.env,
    ...baseEnv,
    CI: "true",
    WRANGLER_SEND_METRICS: "false",
  };
  const routerConfig = writeRouterConfig(apps, origin, devDir);
  await prepareLocalDatabases(apps, persistTo, childEnv, quiet);

  // PUBLIC_ORIGIN: this run's origin, for apps that must know it outside a request (the receipts issuer).
  const forwarded: Record<string, string> = { PUBLIC_ORIGIN: origin };
  for (const key of FORWARDED_VARS) {
    const value = baseEnv[key];
    if (value) forwarded[key] = value;
  }
  Object.assign(forwarded, options.vars);
  const configs = apps.map((app) => {
    const declared = declaredVars(app);
    const vars = Object.fromEntries(Object.entries(forwarded).filter(([key]) => declared.has(key)));
    if (Object.keys(vars).length === 0) return app.configPath;
    if (!quiet)
      console.log(`[edgekyc] apps/${app.name}: ${Object.keys(vars).join(", ")} from the environment`);
    return overlayConfig(app, vars, devDir);
  });

  const args = ["dev", "-c", routerConfig, ...configs.flatMap((config) => ["-c", config])];
  args.push(
    "--port",
    String(port),
    "--ip",
    "127.0.0.1",
    "--persist-to",
    persistTo,
    "--show-interactive-dev-session=false",
    // Lets start-up and the timer below run the apps' cron work (wrangler dev runs no crons itself).
    "--test-scheduled",
  );
  let ca: string | undefined;
  let certPath: string | undefined;
  if (options.https) {
    const cert = await ensureCertificate(join(devDir, "certs"));
    args.push(
      "--local-protocol",
      "https",
      "--https-key-path",
      cert.keyPath,
      "--https-cert-path",
      cert.certPath,
    );
    ca = cert.certPem;
    certPath = cert.certPath;
    // The Workers' own outbound fetch (the gateway delivering to the dev sink) must trust it too.
    childEnv.NODE_EXTRA_CA_CERTS = cert.certPath;
  }

  let output = "";
  const child = spawnGroup(wranglerBin(), args, { cwd: repoRoot, env: childEnv });
  const exited = new Promise<number | null>((resolve) => {
    child.once("exit", (code) => resolve(code));
    child.once("error", () => resolve(null));
  });
  const show = offlineNoiseFilter((text) => process.stdout.write(text));
  const collect = (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-50_000);
    if (!quiet) show(chunk);
  };
  child.stdout?.on("data", collect);
  child.stderr?.on("data", collect);
  mkdirSync(devDir, { recursive: true });
  writeFileSync(join(devDir, "wrangler.pid"), String(child.pid));
  let cronTimer: NodeJS.Timeout | undefined;
  const stop = () => {
    clearInterval(cronTimer);
    return stopGroup(child);
  };

  try {
    await waitUntilUp(origin, child, () => output, ca);
    const demo =
      options.seedDemo === false || !gateway ? null : await seedDemo(origin, adminToken, persistTo, ca);
    await runScheduled(origin, ca, quiet);
    cronTimer = setInterval(() => void runScheduled(origin, ca, quiet), options.cronIntervalMs ?? 300_000);
    cronTimer.unref();
    return {
      origin,
      adminToken,
      demo,
      apps,
      pid: child.pid as number,
      exited,
      output: () => output,
      stop,
      ...(ca ? { ca, certPath } : {}),
    };
  } catch (error) {
    await stop();
    throw error;
  }
}

/** What `npm start` prints once everything answers. */
export function banner(platform: Platform, persistTo: string): string {
  const rel = (path: string) => (isAbsolute(path) ? relative(repoRoot, path) || "." : path);
  const lines = [
    "",
    "━━ EdgeKYC is running locally (sandbox providers)",
    "",
    `  origin        ${platform.origin}   (GET / lists the apps)`,
    ...platform.apps.map((app) => `  docs          ${platform.origin}/docs/${app.name}`),
    `  admin token   ${platform.adminToken || "(none)"}   (ADMIN_TOKEN in apps/webhook-gateway/.dev.vars)`,
  ];
  if (platform.certPath) {
    lines.push(`  certificate   ${platform.certPath}`);
    lines.push(`  Node clients  NODE_EXTRA_CA_CERTS=${platform.certPath}`);
  }
  const demo = platform.demo;
  if (demo) {
    lines.push("", `Demo partner ${demo.partnerId} (test mode), credentials per dialect:`);
    for (const [dialect, fields] of Object.entries(demo.credentials)) {
      const pairs = Object.entries(fields).map(([key, value]) => `${key}=${value}`);
      lines.push(`  ${dialect.padEnd(13)} ${pairs.join("  ")}`);
    }
    lines.push(
      "",
      `  webhooks      ${demo.sinkUrl}   (GET it to read what arrived)`,
      ...(demo.endpointSecret ? [`  signing key   ${demo.endpointSecret}`] : []),
      `  saved in      ${rel(join(persistTo, "demo-partner.json"))}   (npm run kyc -- demo)`,
    );
  }
  lines.push(
    "",
    `State persists in ${rel(persistTo)}. Admin CLI: npm run kyc -- help. Stop with Ctrl+C.`,
    "",
  );
  return lines.join("\n");
}

/** Set once a signal asked us to stop: what fails after that is the stopping, not an error. */
let stopping = false;

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      https: { type: "boolean", default: false },
      port: { type: "string" },
      help: { type: "boolean", short: "h", default: false },
    },
  });
  if (values.help) {
    console.log(
      "usage: npm start [-- --https] [-- --port N]\n\n" +
        "env: PORT (8787), HTTPS=1, WEBHOOK_RETRY_SCHEDULE / WEBHOOK_TIMEOUT_SECONDS (passed to the apps)",
    );
    return;
  }
  const https = values.https || process.env.HTTPS === "1" || process.env.HTTPS === "true";
  const portText = values.port ?? process.env.PORT ?? String(DEFAULT_PORT);
  const port = Number(portText);
  if (!Number.isInteger(port) || port < 1 || port > 65535) {
    throw new Error(`the port must be a number from 1 to 65535, not "${portText}"`);
  }

  // Ctrl+C may come at any time, also while migrations run or wrangler starts.
  const shutdown = (signal: NodeJS.Signals) => {
    if (stopping) {
      process.exit(130);
    }
    stopping = true;
    console.log(`\n[edgekyc] ${signal}: stopping wrangler…`);
    void stopAllGroups().then(() => process.exit(0));
  };
  for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"] as const) process.on(signal, () => shutdown(signal));

  const persistTo = join(repoRoot, ".wrangler/state");
  const platform = await startPlatform({ port, https, persistTo, quiet: false });
  console.log(banner(platform, persistTo));
  const code = await platform.exited;
  if (!stopping) {
    console.error(`[edgekyc] wrangler dev stopped on its own (exit ${code}); its last output:`);
    console.error(lastLines(platform.output()));
    process.exit(1);
  }
}

/** Whether this module is the script node was asked to run (and not imported by a test or the bench). */
function isEntryPoint(): boolean {
  const script = process.argv[1];
  if (!script) return false;
  try {
    return import.meta.url === pathToFileURL(realpathSync(script)).href;
  } catch {
    return false;
  }
}

if (isEntryPoint()) {
  main().catch(async (error: Error) => {
    if (stopping) return;
    console.error(`[edgekyc] ${error.message}`);
    await stopAllGroups();
    process.exit(1);
  });
}
