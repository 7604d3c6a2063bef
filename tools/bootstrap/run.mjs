#!/usr/bin/env node
// Entry point of `npm start`, `npm test` and `npm run bench`/`kyc`.
//
// It runs on whatever Node the machine has (Node 20 included) and uses nothing but Node's standard
// library, because its job is to bring the real toolchain: Node >= 22.18 (wrangler needs >= 22.12; 22.18
// runs the repo's TypeScript tools without a loader) and the pinned pnpm, both from the npm registry into
// tools/toolchain/*/node_modules. Caches and tool state go under .cache/ so nothing outside the repo is
// touched. Then it installs the workspace (frozen lockfile) and hands over to a workspace script.
import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { delimiter, dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
const toolchain = join(root, "tools/toolchain");
const cache = join(root, ".cache");
const MIN_NODE = [22, 18, 0];

/** Workspace scripts that the public commands map to. */
const commands = {
  dev: "dev:platform",
  test: "test:all",
  bench: "bench:run",
  kyc: "kyc:run",
};

function log(message) {
  process.stderr.write(`[edgekyc] ${message}\n`);
}

function atLeast(version, min) {
  const parts = version.replace(/^v/, "").split(".").map(Number);
  for (let i = 0; i < min.length; i++) {
    if ((parts[i] ?? 0) !== min[i]) return (parts[i] ?? 0) > min[i];
  }
  return true;
}

function run(command, args, options = {}) {
  const result = spawnSync(command, args, { stdio: "inherit", ...options });
  if (result.error) throw result.error;
  return result.status ?? 1;
}

function hashOf(...files) {
  const hash = createHash("sha256");
  for (const file of files) hash.update(existsSync(file) ? readFileSync(file) : "");
  return hash.digest("hex");
}

/** Installs one toolchain folder with the system npm when its package files changed. */
function ensureToolchain(name, env) {
  const dir = join(toolchain, name);
  const stamp = join(dir, "node_modules/.edgekyc-stamp");
  const want = hashOf(join(dir, "package.json"), join(dir, "package-lock.json"));
  if (existsSync(stamp) && readFileSync(stamp, "utf8") === want) return dir;
  log(`installing ${name} into tools/toolchain/${name} (one time)`);
  const npm = process.platform === "win32" ? "npm.cmd" : "npm";
  // `npm ci` refuses lockfiles whose platform-specific optional packages were resolved on another
  // platform (pnpm 12 ships native binaries that way); `install --no-save` honours the lockfile's
  // versions and integrity without rewriting it.
  const status = run(npm, ["install", "--no-save", "--no-audit", "--no-fund", "--loglevel=error"], {
    cwd: dir,
    env,
  });
  if (status !== 0) {
    log(`could not install ${name} from the npm registry (exit ${status})`);
    process.exit(status);
  }
  writeFileSync(stamp, want);
  return dir;
}

function main() {
  const [command = "dev", ...rest] = process.argv.slice(2);
  const script = commands[command];
  if (!script) {
    log(`unknown command ${command}; one of ${Object.keys(commands).join(", ")}`);
    process.exit(2);
  }

  const xdg = (name) => join(cache, "xdg", name);
  for (const dir of ["config", "cache", "data", "state"]) mkdirSync(xdg(dir), { recursive: true });
  const env = {
    ...process.env,
    // Keep every tool's caches and state inside the repo.
    XDG_CONFIG_HOME: xdg("config"),
    XDG_CACHE_HOME: xdg("cache"),
    XDG_DATA_HOME: xdg("data"),
    XDG_STATE_HOME: xdg("state"),
    npm_config_cache: join(cache, "npm"),
    npm_config_update_notifier: "false",
    WRANGLER_SEND_METRICS: "false",
    TURBO_TELEMETRY_DISABLED: "1",
    DO_NOT_TRACK: "1",
  };

  const path = [];
  if (atLeast(process.version, MIN_NODE)) {
    path.push(dirname(process.execPath));
  } else {
    const nodeDir = ensureToolchain("node", env);
    path.push(join(nodeDir, "node_modules/.bin"));
  }
  const pnpmDir = ensureToolchain("pnpm", env);
  path.push(join(pnpmDir, "node_modules/.bin"));
  env.PATH = [...path, env.PATH ?? ""].join(delimiter);

  const pnpm = join(pnpmDir, "node_modules/.bin/pnpm");
  const lockStamp = join(root, "node_modules/.edgekyc-lock");
  const lockHash = hashOf(
    join(root, "pnpm-lock.yaml"),
    join(root, "pnpm-workspace.yaml"),
    join(root, "package.json"),
  );
  if (!existsSync(lockStamp) || readFileSync(lockStamp, "utf8") !== lockHash) {
    log("installing workspace dependencies (pnpm install --frozen-lockfile)");
    const status = run(pnpm, ["install", "--frozen-lockfile", "--reporter=append-only"], {
      cwd: root,
      env,
    });
    if (status !== 0) process.exit(status);
    writeFileSync(lockStamp, lockHash);
  }

  process.exit(run(pnpm, ["run", "--silent", script, ...rest], { cwd: root, env }));
}

main();
