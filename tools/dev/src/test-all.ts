// `npm test`: every check CI makes, cheapest first, stopping at the first failing step, ending with exactly
// one line `tests: N passed, M failed` (`, K skipped`) as the last line of output.
import { spawnSync } from "node:child_process";
import { existsSync, readdirSync, rmSync } from "node:fs";
import { join } from "node:path";
import { discoverApps, repoRoot } from "./apps.ts";
import { kib, measureBundle } from "./bundle-size.ts";
import { closingCounts, collectReports, summaryLine } from "./test-summary.ts";

const bin = (name: string) => join(repoRoot, "node_modules/.bin", name);
const durations: [string, number][] = [];

/**
 * `turbo run …`. turbo's strict env mode would hide XDG_* (the in-repo caches) and WRANGLER_SEND_METRICS
 * from the tasks; its own flags go before `--`, after which everything is the tasks' arguments.
 */
function turbo(...args: string[]): readonly [string, string[]] {
  const split = args.indexOf("--");
  const own = split === -1 ? args : args.slice(0, split);
  const passed = split === -1 ? [] : args.slice(split);
  return [bin("turbo"), ["run", ...own, "--env-mode=loose", ...passed]];
}

function header(name: string, command: string): void {
  console.log(`\n━━ ${name}\n$ ${command}`);
}

function step(name: string, [command, args]: readonly [string, readonly string[]]): boolean {
  header(name, [command.split("/").pop(), ...args].join(" "));
  const started = Date.now();
  const result = spawnSync(command, args, {
    cwd: repoRoot,
    stdio: "inherit",
    env: { ...process.env, FORCE_COLOR: process.env.FORCE_COLOR ?? "1" },
  });
  durations.push([name, Date.now() - started]);
  if (result.error) console.error(`could not run ${command}: ${result.error.message}`);
  return result.status === 0;
}

/** Every app's `wrangler deploy --dry-run` output within its gzip budget (`edgekyc.maxBundleGzipBytes`). */
function bundleSizes(): boolean {
  header(
    "bundle sizes",
    "gzip of apps/*/.wrangler/dry-run (limit: edgekyc.maxBundleGzipBytes, default 3 MiB)",
  );
  const started = Date.now();
  let ok = true;
  for (const app of discoverApps()) {
    const size = measureBundle(join(app.dir, ".wrangler/dry-run"));
    if (!size || size.files === 0) {
      console.error(`  FAIL ${app.name}: no dry-run output in apps/${app.name}/.wrangler/dry-run`);
      ok = false;
      continue;
    }
    const within = size.gzipBytes <= app.maxBundleGzipBytes;
    ok &&= within;
    console.log(
      `  ${within ? "ok  " : "FAIL"} ${app.name}: ${kib(size.rawBytes)}, ${kib(size.gzipBytes)} gzip` +
        ` (limit ${kib(app.maxBundleGzipBytes)} gzip${within ? "" : `, over by ${kib(size.gzipBytes - app.maxBundleGzipBytes)}`})`,
    );
  }
  durations.push(["bundle sizes", Date.now() - started]);
  return ok;
}

function clearPreviousResults(): void {
  for (const group of ["apps", "packages", "tools"]) {
    const dir = join(repoRoot, group);
    for (const entry of existsSync(dir) ? readdirSync(dir) : []) {
      rmSync(join(dir, entry, ".test-results"), { recursive: true, force: true });
      if (group === "apps") rmSync(join(dir, entry, ".wrangler/dry-run"), { recursive: true, force: true });
    }
  }
}

function main(): number {
  const started = Date.now();
  clearPreviousResults();
  const steps: [string, () => boolean][] = [
    ["typecheck", () => step("typecheck", turbo("typecheck", "--output-logs=errors-only"))],
    ["lint and format", () => step("lint and format", [bin("biome"), ["ci", "."]])],
    // Unused files, exports and dependencies (knip.jsonc): nothing is exported that nothing imports.
    ["unused code", () => step("unused code", [bin("knip"), ["--no-progress"]])],
    [
      "generated files",
      () => step("generated files", turbo("check:generated", "--output-logs=errors-only", "--concurrency=2")),
    ],
    [
      "tests",
      () =>
        step(
          "tests",
          turbo(
            "test",
            "--concurrency=2",
            "--continue",
            "--",
            // Logs of passing tests are noise in a CI log; those of a failing test are printed with it.
            "--silent=passed-only",
            "--reporter=default",
            "--reporter=json",
            "--outputFile=.test-results/vitest.json",
          ),
        ),
    ],
    ["deploy dry-run", () => step("deploy dry-run", turbo("deploy:dry-run", "--output-logs=errors-only"))],
    ["bundle sizes", bundleSizes],
  ];
  let failedStep: string | undefined;
  for (const [name, run] of steps) {
    if (!run()) {
      failedStep = name;
      break;
    }
  }

  console.log("\n━━ durations");
  for (const [name, ms] of durations) console.log(`  ${name.padEnd(16)} ${(ms / 1000).toFixed(1)} s`);
  console.log(`  ${"total".padEnd(16)} ${((Date.now() - started) / 1000).toFixed(1)} s`);
  const { counts, reports, failures } = collectReports(repoRoot);
  console.log(`  (${reports.length} vitest reports)`);
  if (failures.length > 0) {
    console.log("\n━━ failed tests");
    for (const failure of failures) {
      console.log(`  ${failure.file} > ${failure.test}`);
      if (failure.reason) console.log(`    ${failure.reason}`);
    }
  }
  if (failedStep) console.log(`\nnpm test failed at step "${failedStep}" (see its output above).`);
  const closing = closingCounts(counts, failedStep);
  console.log(`\n${summaryLine(closing)}`);
  return failedStep || closing.failed > 0 ? 1 : 0;
}

let code = 1;
try {
  code = main();
} catch (error) {
  console.error(`npm test: ${(error as Error).message}`);
  console.log(summaryLine(closingCounts(collectReports(repoRoot).counts, "runner")));
}
process.exit(code);
