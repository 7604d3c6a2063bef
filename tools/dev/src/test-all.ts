// `npm test`: every check CI makes, in order of cost, ending with one `tests: N passed, M failed` line.
import { spawnSync } from "node:child_process";
import { existsSync, readdirSync, readFileSync, rmSync, statSync } from "node:fs";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { discoverApps, repoRoot } from "./apps.ts";
import { collectReports, summaryLine } from "./test-summary.ts";

const bin = (name: string) => join(repoRoot, "node_modules/.bin", name);
const durations: [string, number][] = [];

function step(name: string, command: string, args: string[]): boolean {
  console.log(`\n━━ ${name}: ${[command.split("/").pop(), ...args].join(" ")}`);
  const started = Date.now();
  const result = spawnSync(command, args, {
    cwd: repoRoot,
    stdio: "inherit",
    env: { ...process.env, FORCE_COLOR: "1" },
  });
  durations.push([name, Date.now() - started]);
  return result.status === 0;
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? filesUnder(join(dir, entry.name)) : [join(dir, entry.name)],
  );
}

/** Refuses bundles over the Workers size limit (gzip), per app (`edgekyc.maxBundleGzipBytes`). */
function checkBundleSizes(): boolean {
  console.log("\n━━ bundle sizes");
  let ok = true;
  for (const app of discoverApps()) {
    const out = join(app.dir, ".wrangler/dry-run");
    if (!existsSync(out)) {
      console.error(`  ${app.name}: no dry-run output in ${out}`);
      ok = false;
      continue;
    }
    const files = filesUnder(out).filter((file) => !file.endsWith(".map") && !file.endsWith("README.md"));
    const raw = files.reduce((sum, file) => sum + statSync(file).size, 0);
    const gzip = files.reduce((sum, file) => sum + gzipSync(readFileSync(file)).length, 0);
    const within = gzip <= app.maxBundleGzipBytes;
    ok &&= within;
    console.log(
      `  ${within ? "ok  " : "FAIL"} ${app.name}: ${(raw / 1024).toFixed(1)} KiB, ${(gzip / 1024).toFixed(1)} KiB gzip (limit ${(app.maxBundleGzipBytes / 1024).toFixed(0)} KiB gzip)`,
    );
  }
  return ok;
}

function main(): void {
  for (const dir of ["apps", "packages", "tools"]) {
    for (const entry of existsSync(join(repoRoot, dir)) ? readdirSync(join(repoRoot, dir)) : []) {
      rmSync(join(repoRoot, dir, entry, ".test-results"), { recursive: true, force: true });
    }
  }
  const turbo = bin("turbo");
  const ok =
    step("typecheck", turbo, ["run", "typecheck", "--output-logs=errors-only"]) &&
    step("lint and format", bin("biome"), ["ci", "."]) &&
    step("generated files", turbo, [
      "run",
      "check:generated",
      "--output-logs=errors-only",
      "--concurrency=1",
    ]) &&
    step("tests", turbo, [
      "run",
      "test",
      "--concurrency=2",
      "--continue",
      "--",
      "--reporter=default",
      "--reporter=json",
      "--outputFile=.test-results/vitest.json",
    ]) &&
    step("deploy dry-run", turbo, ["run", "deploy:dry-run", "--output-logs=errors-only"]) &&
    checkBundleSizes();

  console.log("\n━━ durations");
  for (const [name, ms] of durations) console.log(`  ${name.padEnd(16)} ${(ms / 1000).toFixed(1)} s`);
  const { counts } = collectReports(repoRoot);
  const failed = !ok && counts.failed === 0 ? { ...counts, failed: 1 } : counts;
  if (!ok) console.log("\nnpm test failed: see the first step marked above.");
  console.log(`\n${summaryLine(failed)}`);
  process.exit(ok && counts.failed === 0 ? 0 : 1);
}

main();
