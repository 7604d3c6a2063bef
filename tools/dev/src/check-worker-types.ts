// Fails when an app's committed worker-configuration.d.ts no longer matches its wrangler.jsonc.
import { spawnSync } from "node:child_process";
import { resolve } from "node:path";
import { wranglerBin } from "./processes.ts";

const appDir = resolve(process.argv[2] ?? ".");
const result = spawnSync(wranglerBin(), ["types", "--include-runtime=false", "--check"], {
  cwd: appDir,
  encoding: "utf8",
  env: { ...process.env, CI: "true" },
});
if (result.status !== 0) {
  console.error(`${result.stdout}${result.stderr}`.trim());
  console.error(
    `\nworker-configuration.d.ts of ${appDir} is stale: run \`wrangler types --include-runtime=false\` there and commit it.`,
  );
  process.exit(1);
}
console.log(`worker types are current: ${appDir}`);
