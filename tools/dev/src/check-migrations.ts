// `node tools/dev/src/check-migrations.ts <packageDir>`: fails when the package's drizzle schema has changes
// that no committed migration contains. It runs `drizzle-kit generate` with the package's own
// drizzle.config.ts, but writing into a scratch copy of the migrations folder, and looks for a new file.
import { spawnSync } from "node:child_process";
import { cpSync, existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative, resolve } from "node:path";
import { repoRoot } from "./apps.ts";

const CONFIG = "drizzle.config.ts";

function sqlFiles(dir: string): string[] {
  return existsSync(dir) ? readdirSync(dir).filter((file) => file.endsWith(".sql")) : [];
}

function main(): number {
  const packageDir = resolve(process.argv[2] ?? ".");
  const name = relative(repoRoot, packageDir) || packageDir;
  const configPath = join(packageDir, CONFIG);
  if (!existsSync(configPath)) {
    console.log(`no ${CONFIG} in ${name}: nothing to check`);
    return 0;
  }
  const drizzleKit = join(packageDir, "node_modules/.bin/drizzle-kit");
  if (!existsSync(drizzleKit)) {
    console.error(`${name} has a ${CONFIG} but no drizzle-kit in its devDependencies`);
    return 1;
  }

  const scratch = mkdtempSync(join(tmpdir(), "edgekyc-migrations-"));
  try {
    const out = join(scratch, "migrations");
    // The package's config, with only the output folder changed. drizzle-kit 0.31 prefixes `out` with
    // "./" (an absolute path would end up under the package), so it is given relative to the package.
    const scratchConfig = join(scratch, CONFIG);
    const outFromPackage = relative(packageDir, out);
    writeFileSync(
      scratchConfig,
      `import config from ${JSON.stringify(configPath)};\nexport default { ...config, out: ${JSON.stringify(outFromPackage)} };\n`,
    );
    const configured = spawnSync(
      process.execPath,
      [
        "--input-type=module",
        "-e",
        `const { default: c } = await import(${JSON.stringify(configPath)}); process.stdout.write(c.out ?? "drizzle");`,
      ],
      { cwd: packageDir, encoding: "utf8" },
    );
    const committedDir = resolve(packageDir, configured.status === 0 ? configured.stdout : "migrations");
    if (existsSync(committedDir)) cpSync(committedDir, out, { recursive: true });
    const before = new Set(sqlFiles(out));

    const result = spawnSync(drizzleKit, ["generate", "--config", scratchConfig], {
      cwd: packageDir,
      encoding: "utf8",
      // drizzle-kit asks on a terminal when a change could be a rename; nobody answers here.
      stdio: ["ignore", "pipe", "pipe"],
      timeout: 120_000,
    });
    const output = `${result.stdout ?? ""}${result.stderr ?? ""}`;
    const added = sqlFiles(out).filter((file) => !before.has(file));
    // drizzle-kit 0.31 exits 0 after some errors, so success is "nothing to do" or a new file, said aloud.
    const answered = added.length > 0 || /No schema changes/i.test(output);
    if (result.status !== 0 || !answered) {
      console.error(output.trim());
      console.error(
        result.error
          ? `\ndrizzle-kit generate did not finish (${result.error.message}); it may be asking whether a change is a rename: run \`cd ${name} && pnpm exec drizzle-kit generate\` on a terminal.`
          : `\ndrizzle-kit generate failed for ${name}`,
      );
      return 1;
    }
    if (added.length > 0) {
      console.error(
        `the drizzle schema of ${name} has changes that no migration contains (drizzle-kit would write ${added.join(", ")}):\n` +
          `run \`cd ${name} && pnpm exec drizzle-kit generate --name <what-changed>\` and commit the migration.`,
      );
      return 1;
    }
    console.log(`migrations are current: ${name}`);
    return 0;
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

process.exit(main());
