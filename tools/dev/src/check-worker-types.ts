// `node tools/dev/src/check-worker-types.ts <appDir>`: fails when the app's committed
// worker-configuration.d.ts differs from what `wrangler types --include-runtime=false` makes of its
// wrangler.jsonc now. Only line endings are ignored.
//
// `wrangler types --check` compares a hash of the config only, so hand edits of the file would pass it;
// this regenerates the whole file instead, in a scratch copy of the app (the generated file names its own
// path and the path to the entry module, so it must sit where the original sits relative to the sources).
import { spawnSync } from "node:child_process";
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, symlinkSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, join, relative, resolve } from "node:path";
import { repoRoot } from "./apps.ts";
import { wranglerBin } from "./processes.ts";

const TYPES_FILE = "worker-configuration.d.ts";
/** What a scratch copy leaves out: state, caches, dependencies (linked instead) and the file under test. */
const SKIPPED = new Set([TYPES_FILE, "node_modules", ".wrangler", ".turbo", ".test-results"]);

/** The first lines where two texts differ, for the failure message. */
function firstDifferences(expected: string, actual: string, max = 8): string[] {
  const a = expected.split("\n");
  const b = actual.split("\n");
  const out: string[] = [];
  for (let i = 0; i < Math.max(a.length, b.length) && out.length < max * 2; i++) {
    if (a[i] === b[i]) continue;
    out.push(
      `  line ${i + 1} committed: ${a[i] ?? "(missing)"}`,
      `  line ${i + 1} generated: ${b[i] ?? "(missing)"}`,
    );
  }
  return out;
}

function main(): number {
  const appDir = resolve(process.argv[2] ?? ".");
  const name = relative(repoRoot, appDir) || appDir;
  const rerun = `cd ${name} && pnpm exec wrangler types --include-runtime=false`;
  const committedPath = join(appDir, TYPES_FILE);
  if (!existsSync(join(appDir, "wrangler.jsonc"))) {
    console.error(`${name}: no wrangler.jsonc`);
    return 1;
  }
  if (!existsSync(committedPath)) {
    console.error(`${name}/${TYPES_FILE} is missing: run \`${rerun}\` and commit it.`);
    return 1;
  }

  const scratch = mkdtempSync(join(tmpdir(), "edgekyc-worker-types-"));
  try {
    const copy = join(scratch, basename(appDir));
    cpSync(appDir, copy, { recursive: true, filter: (source) => !SKIPPED.has(basename(source)) });
    if (existsSync(join(appDir, "node_modules")))
      symlinkSync(join(appDir, "node_modules"), join(copy, "node_modules"));
    const result = spawnSync(wranglerBin(), ["types", "--include-runtime=false"], {
      cwd: copy,
      encoding: "utf8",
      env: { ...process.env, CI: "true", WRANGLER_SEND_METRICS: "false" },
      timeout: 120_000,
    });
    const generatedPath = join(copy, TYPES_FILE);
    if (result.status !== 0 || !existsSync(generatedPath)) {
      console.error(`${result.stdout ?? ""}${result.stderr ?? ""}`.trim());
      console.error(`\nwrangler types failed for ${name}${result.error ? `: ${result.error.message}` : ""}`);
      return 1;
    }
    const normalize = (text: string) => text.replace(/\r\n?/g, "\n");
    const committed = normalize(readFileSync(committedPath, "utf8"));
    const generated = normalize(readFileSync(generatedPath, "utf8"));
    if (committed !== generated) {
      console.error(`${name}/${TYPES_FILE} is stale (it does not match wrangler.jsonc):`);
      console.error(firstDifferences(committed, generated).join("\n"));
      console.error(`\nRegenerate it with \`${rerun}\` and commit it.`);
      return 1;
    }
    console.log(`worker types are current: ${name}/${TYPES_FILE}`);
    return 0;
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

process.exit(main());
